import type { ConfigRule } from '../rule.js';
import { noVpopRegionOf } from '../data/telephony-regions.js';

export const tenantTelephonyRegion: ConfigRule = {
  code: 'TENANT_TELEPHONY_REGION',
  severity: 'error',
  stage: 'config',
  source: 'seed 001, telephony options by region (row 3: Gulf region, southern Africa)',
  summary:
    'A tenant uses vpop telephony in a country of the Gulf region or southern Africa, where VPOP is not offered.',
  check({ desired }, report) {
    for (const tenant of desired.tenants()) {
      if (tenant.spec.telephony !== 'vpop') continue;
      const region = noVpopRegionOf(tenant.spec.countryOfOperation);
      if (!region) continue;
      report(
        tenant,
        ['spec', 'telephony'],
        `tenant ${tenant.name} operates in ${tenant.spec.countryOfOperation} (${region.name}), where vpop telephony is not available; use webex-calling or external-via-webex-calling`,
      );
    }
  },
};
