import type { StateRule } from '../rule.js';
import { updatesOf } from './changes.js';

export const tenantCountryImmutable: StateRule = {
  code: 'TENANT_COUNTRY_IMMUTABLE',
  severity: 'error',
  stage: 'state',
  source:
    'seed 001, services setup wizard: the country of operation cannot be changed once confirmed',
  summary: "A stored tenant's countryOfOperation changes.",
  check({ desired, changes }, report) {
    for (const change of updatesOf(changes, 'Tenant', 'spec.countryOfOperation')) {
      const resource = desired.byAddress.get(change.address);
      if (!resource) continue;
      report(
        resource,
        ['spec', 'countryOfOperation'],
        `countryOfOperation of tenant ${change.name} is ${JSON.stringify(change.field.before)} and cannot change (it picks the data centre)`,
      );
    }
  },
};
