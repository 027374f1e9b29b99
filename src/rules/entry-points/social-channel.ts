import type { ConfigRule } from '../rule.js';

export const epSocialChannel: ConfigRule = {
  code: 'EP_SOCIAL_CHANNEL',
  severity: 'error',
  stage: 'config',
  source: 'seed 004 (social: Facebook Messenger, SMS, WhatsApp)',
  summary: 'A social entry point has no socialChannel, or another channel type has one.',
  check({ desired }, report) {
    for (const entryPoint of desired.ofKind('EntryPoint')) {
      const { channelType, socialChannel } = entryPoint.spec;
      if (channelType === 'social' && socialChannel === undefined)
        report(
          entryPoint,
          ['spec', 'channelType'],
          `social entry point "${entryPoint.name}" needs a socialChannel (facebook-messenger, sms or whatsapp)`,
        );
      else if (channelType !== 'social' && socialChannel !== undefined)
        report(
          entryPoint,
          ['spec', 'socialChannel'],
          `socialChannel is only for social entry points; "${entryPoint.name}" is ${channelType}`,
        );
    }
  },
};
