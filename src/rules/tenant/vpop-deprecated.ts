import type { ConfigRule } from '../rule.js';
import { noVpopRegionOf } from '../data/telephony-regions.js';

export const tenantVpopDeprecated: ConfigRule = {
  code: 'TENANT_VPOP_DEPRECATED',
  severity: 'warning',
  stage: 'config',
  source: 'seed 001, telephony options by region (footnote: VPOP is legacy)',
  summary:
    'A tenant uses vpop telephony, a legacy option not recommended for new customers (outside the regions where it is an error).',
  check({ desired }, report) {
    for (const tenant of desired.tenants()) {
      if (tenant.spec.telephony !== 'vpop') continue;
      if (noVpopRegionOf(tenant.spec.countryOfOperation)) continue; // TENANT_TELEPHONY_REGION
      report(
        tenant,
        ['spec', 'telephony'],
        `tenant ${tenant.name} uses vpop telephony, which is legacy and not recommended for new customers`,
      );
    }
  },
};
