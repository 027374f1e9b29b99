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
    const held = new Map<string, Record<LicenseType, number>>();
    for (const user of desired.ofKind('User')) {
      const license = user.spec.license;
      if (license !== 'standard' && license !== 'premium') continue;
      const key = user.tenant ?? '';
      let counts = held.get(key);
      if (!counts) held.set(key, (counts = { standard: 0, premium: 0 }));
      counts[license]++;
    }
    for (const tenant of desired.tenants()) {
      const licenses = tenant.spec.licenses;
      const counts = held.get(tenant.name);
      if (!licenses || !counts) continue;
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
