import type { ConfigRule } from '../rule.js';

type LicenseType = 'standard' | 'premium';
const LICENSE_TYPES: readonly LicenseType[] = ['standard', 'premium'];

export const licenseOverAllocated: ConfigRule = {
  code: 'LICENSE_OVER_ALLOCATED',
  severity: 'error',
  stage: 'config',
  source: 'seed 000 (CC licenses assigned to users; CSV columns standard and premium)',
  summary:
    "More users hold a standard (or premium) license than the tenant's licenses count for that type.",
  check({ desired }, report) {
    for (const tenant of desired.tenants()) {
      const licenses = tenant.spec.licenses;
      if (!licenses) continue;
      const counts: Record<LicenseType, number> = { standard: 0, premium: 0 };
      for (const user of desired.list('User', tenant.name)) {
        const license = user.spec.license;
        if (license === 'standard' || license === 'premium') counts[license]++;
      }
      for (const type of LICENSE_TYPES) {
        const available = licenses[type];
        // A type the tenant does not list is not limited by ccac.
        if (available === undefined || counts[type] <= available) continue;
        report(
          tenant,
          ['spec', 'licenses', type],
          `${counts[type]} users of tenant ${tenant.name} hold a ${type} license, but licenses.${type} is ${available}`,
        );
      }
    }
  },
};
