import type { SpecOf } from '../../model/kinds.js';
import type { ContactServiceQueue, EntryPointObject } from '../entities.js';

export type CcacChannel = SpecOf<'Queue'>['channelType'];
type WebexChannel = NonNullable<EntryPointObject['channelType']> &
  NonNullable<ContactServiceQueue['channelType']>;

/** ccac's channel types (seed 004) and Webex's: telephony is one channel, its direction apart. */
export const WEBEX_CHANNEL: Record<CcacChannel, WebexChannel> = {
  'inbound-telephony': 'TELEPHONY',
  'outbound-telephony': 'TELEPHONY',
  chat: 'CHAT',
  email: 'EMAIL',
  social: 'SOCIAL_CHANNEL',
};

/** A Webex channel and direction in ccac's terms; undefined for channels ccac has no kind of. */
export function ccacChannel(
  channel: string | undefined,
  outbound: boolean,
): CcacChannel | undefined {
  switch (channel) {
    case 'TELEPHONY':
      return outbound ? 'outbound-telephony' : 'inbound-telephony';
    case 'CHAT':
      return 'chat';
    case 'EMAIL':
      return 'email';
    case 'SOCIAL_CHANNEL':
      return 'social';
    default:
      return undefined;
  }
}
