import type { ConfigRule } from '../rule.js';
import { itemPath, listValues } from '../support/resources.js';

export const epNumberUnknown: ConfigRule = {
  code: 'EP_NUMBER_UNKNOWN',
  severity: 'error',
  stage: 'config',
  source: 'seed 004 (support numbers come from the numbers configured in Webex Calling)',
  summary: "An entry point's support number is not among its tenant's numbers.",
  check(context, report) {
    const { desired } = context;
    const numbersOf = new Map<string, ReadonlySet<string>>();
    for (const tenant of desired.tenants())
      numbersOf.set(tenant.name, new Set(tenant.spec.numbers ?? []));
    for (const entryPoint of desired.ofKind('EntryPoint')) {
      if (!entryPoint.spec.supportNumbers?.length) continue;
      const numbers = numbersOf.get(entryPoint.tenant ?? '');
      if (!numbers) continue; // REF_UNKNOWN on metadata.tenant
      for (const value of listValues(entryPoint, 'supportNumbers')) {
        if (numbers.has(value)) continue;
        report(
          entryPoint,
          itemPath(context, entryPoint, 'supportNumbers', value),
          `support number ${value} of entry point "${entryPoint.name}" is not one of tenant ${entryPoint.tenant}'s numbers`,
        );
      }
    }
  },
};
