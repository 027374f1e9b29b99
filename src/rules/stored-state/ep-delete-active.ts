import { SYSTEM_ENTRY_POINT, type SpecOf } from '../../model/kinds.js';
import { destroyedTenants } from '../../plan/destroyed-tenants.js';
import type { StateRule } from '../rule.js';

export const epDeleteActive: StateRule = {
  code: 'EP_DELETE_ACTIVE',
  severity: 'error',
  stage: 'state',
  source: 'seed 004: an active channel cannot be deleted',
  summary:
    'A plan deletes an entry point whose stored `active` is true (deactivate first, delete in a later apply).',
  check({ stored, changes }, report) {
    // However the delete arises, a tenant dropped included: a tenant's active channels are
    // deactivated before it is destroyed. The system entry point cannot be deactivated
    // (EP_SYSTEM_PROTECTED): it goes with its tenant, and only with it (SPEC §2).
    const destroyed = new Set(destroyedTenants(changes));
    for (const change of changes) {
      if (change.action !== 'delete' || change.kind !== 'EntryPoint') continue;
      if (change.name === SYSTEM_ENTRY_POINT && destroyed.has(change.tenant ?? '')) continue;
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
