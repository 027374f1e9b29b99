import type { StateRule } from '../rule.js';

export const refInUse: StateRule = {
  code: 'REF_IN_USE',
  severity: 'error',
  stage: 'state',
  source: 'SPEC §3: a delete may not leave a kept resource referencing it',
  summary:
    'A delete would leave a kept resource (possibly in a tenant outside the plan) referencing it.',
  check({ stored, changes, organizationReferences }, report) {
    const deleted = new Set(changes.filter((c) => c.action === 'delete').map((c) => c.address));
    for (const reference of organizationReferences) {
      const organization = stored.get('Organization', reference.organization);
      if (!organization || !deleted.has(organization.address) || deleted.has(reference.address))
        continue;
      report(
        organization,
        [],
        `Organization/${reference.organization} is deleted but ${reference.address} still references it`,
      );
    }
  },
};
