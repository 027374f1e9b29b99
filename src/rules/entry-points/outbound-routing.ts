import type { ConfigRule } from '../rule.js';

export const epOutboundRouting: ConfigRule = {
  code: 'EP_OUTBOUND_ROUTING',
  severity: 'error',
  stage: 'config',
  source: 'seed 004 (outbound: a routing strategy or a flow)',
  summary: 'An outbound entry point sets both a flow and a routingStrategy.',
  check({ desired }, report) {
    for (const entryPoint of desired.ofKind('EntryPoint')) {
      const { channelType, flow, routingStrategy } = entryPoint.spec;
      if (channelType !== 'outbound-telephony') continue;
      if (flow === undefined || routingStrategy === undefined) continue;
      report(
        entryPoint,
        ['spec', 'routingStrategy'],
        `outbound entry point "${entryPoint.name}" sets both flow "${flow}" and routingStrategy "${routingStrategy}"; choose one`,
      );
    }
  },
};
