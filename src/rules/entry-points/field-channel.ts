import { SYSTEM_ENTRY_POINT } from '../../model/kinds.js';
import type { ConfigRule } from '../rule.js';

const OUTBOUND_ONLY = ['routingStrategy', 'musicOnHold', 'outdialQueue'] as const;

export const epFieldChannel: ConfigRule = {
  code: 'EP_FIELD_CHANNEL',
  severity: 'error',
  stage: 'config',
  source: 'seed 004 (inbound telephony: support numbers; outbound: strategy, music, outdial queue)',
  summary:
    'supportNumbers on an entry point that is not inbound-telephony (the system entry point excepted), or routingStrategy, musicOnHold or outdialQueue on one that is not outbound-telephony.',
  check({ desired }, report) {
    for (const entryPoint of desired.ofKind('EntryPoint')) {
      const { spec } = entryPoint;
      if (
        spec.supportNumbers !== undefined &&
        spec.channelType !== 'inbound-telephony' &&
        entryPoint.name !== SYSTEM_ENTRY_POINT
      )
        report(
          entryPoint,
          ['spec', 'supportNumbers'],
          `supportNumbers are only for inbound-telephony entry points; "${entryPoint.name}" is ${spec.channelType}`,
        );
      if (spec.channelType === 'outbound-telephony') continue;
      for (const field of OUTBOUND_ONLY) {
        if (spec[field] === undefined) continue;
        report(
          entryPoint,
          ['spec', field],
          `${field} is only for outbound-telephony entry points; "${entryPoint.name}" is ${spec.channelType}`,
        );
      }
    }
  },
};
