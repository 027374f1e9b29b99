import { SYSTEM_ENTRY_POINT } from '../../model/kinds.js';
import type { ConfigRule } from '../rule.js';
import { declaredSpec } from '../support/resources.js';

/** What a configuration may set on the system entry point (SPEC §2). */
const SETTABLE = new Set(['supportNumbers', 'description']);

export const epSystemProtected: ConfigRule = {
  code: 'EP_SYSTEM_PROTECTED',
  severity: 'error',
  stage: 'config',
  source: 'seed 004 (the system creates "Outdial Transfer to Queue"; numbers can be attached)',
  summary:
    'A declared "Outdial Transfer to Queue" sets a field other than supportNumbers or description to something other than its system value.',
  check(context, report) {
    for (const entryPoint of context.desired.ofKind('EntryPoint')) {
      if (entryPoint.name !== SYSTEM_ENTRY_POINT) continue;
      const spec = declaredSpec(context, entryPoint);
      if (!spec) continue; // the implicit one
      const tenant = context.desired.get('Tenant', entryPoint.tenant ?? '');
      const system: Record<string, unknown> = {
        channelType: 'outbound-telephony',
        active: true,
        ...(tenant ? { timezone: tenant.spec.timezone } : {}),
      };
      for (const [field, value] of Object.entries(spec)) {
        if (SETTABLE.has(field) || value === undefined) continue;
        if (field === 'timezone' && !tenant) continue; // nothing to compare with
        if (Object.hasOwn(system, field) && system[field] === value) continue;
        const expected = Object.hasOwn(system, field)
          ? `must stay ${JSON.stringify(system[field])}`
          : 'cannot be set';
        report(
          entryPoint,
          ['spec', field],
          `${field} of the system entry point "${SYSTEM_ENTRY_POINT}" ${expected}; only supportNumbers and description may be configured`,
        );
      }
    }
  },
};
