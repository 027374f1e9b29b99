import type { SpecOf } from '../../model/kinds.js';
import type { StateRule } from '../rule.js';

export const epDeleteActive: StateRule = {
  code: 'EP_DELETE_ACTIVE',
  severity: 'error',
  stage: 'state',
  source: 'seed 004: an active channel cannot be deleted',
  summary:
    'A plan deletes an entry point whose stored `active` is true (deactivate first, delete in a later apply).',
  check({ stored, changes }, report) {
    // A tenant that goes takes its entry points with it; the rule guards channels of tenants that stay.
    const deletedTenants = new Set(
      changes.filter((c) => c.action === 'delete' && c.kind === 'Tenant').map((c) => c.name),
    );
    for (const change of changes) {
      if (change.action !== 'delete' || change.kind !== 'EntryPoint') continue;
      if (deletedTenants.has(change.tenant ?? '')) continue;
      const spec = change.before?.spec as SpecOf<'EntryPoint'> | undefined;
      const resource = stored.byAddress.get(change.address);
      if (!resource || spec?.active === false) continue;
      report(
        resource,
        ['spec', 'active'],
        `entry point ${change.name} is active and cannot be deleted: set active: false and apply, then delete it`,
      );
    }
  },
};
