import type { ConfigRule } from '../rule.js';

export const epFlowNoBusinessHours: ConfigRule = {
  code: 'EP_FLOW_NO_BUSINESS_HOURS',
  severity: 'warning',
  stage: 'config',
  source: 'seed 004 (flows with a Business Hours activity are recommended)',
  summary: "An inbound entry point's flow has no businessHours.",
  check({ desired }, report) {
    for (const entryPoint of desired.ofKind('EntryPoint')) {
      const { channelType, flow: name } = entryPoint.spec;
      if (channelType === 'outbound-telephony' || name === undefined) continue;
      const flow = desired.get('Flow', name, entryPoint.tenant);
      if (!flow || flow.spec.businessHours !== undefined) continue; // unknown: REF_UNKNOWN
      report(
        entryPoint,
        ['spec', 'flow'],
        `flow "${name}" of inbound entry point "${entryPoint.name}" has no businessHours; flows with business hours are recommended`,
      );
    }
  },
};
