import type { SpecOf } from '../../model/kinds.js';
import type { EntryPointObject, WebexEntity } from '../entities.js';
import type { Ids } from '../lookup.js';
import { ccacChannel, WEBEX_CHANNEL } from './channel-type.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried, webexDescription } from './mapping.js';
import { nameProblem } from './webex-names.js';

type SocialChannel = NonNullable<SpecOf<'EntryPoint'>['socialChannel']>;
type SocialChannelType = EntryPointObject['socialChannelType'];

/** Seed 004's social channels; SMS has no Webex social channel type (MESSAGEBIRD is a provider). */
const SOCIAL_CHANNEL_TYPE: Partial<Record<SocialChannel, SocialChannelType>> = {
  'facebook-messenger': 'MESSENGER',
  whatsapp: 'WHATSAPP',
};

/**
 * What Webex requires of every new entry point, whatever its channel (EntryPointDTO's required
 * fields), that ccac has no value for: placeholders, reported as assumed.
 */
const NEW_ENTRY_POINT = {
  assetId: '',
  overflowNumber: '',
  controlFlowScriptUrl: '',
  imiOrgType: 'MIXED_MODE',
  maximumActiveContacts: 1000,
  serviceLevelThreshold: 30,
} as const;
const PLACEHOLDER_SOCIAL: SocialChannelType = 'MESSAGEBIRD';

/** References carried as ids: ccac field → Webex field and the entity it names. */
const LINKED: readonly {
  field: 'flow' | 'musicOnHold' | 'outdialQueue';
  to: keyof EntryPointObject;
  entity: WebexEntity;
}[] = [
  { field: 'flow', to: 'flowId', entity: 'flow' },
  { field: 'musicOnHold', to: 'musicOnHoldId', entity: 'audio-file' },
  { field: 'outdialQueue', to: 'outdialQueueId', entity: 'contact-service-queue' },
];

/** EntryPoint → entry-point. Support numbers are dial-number mappings (dial-number.ts). */
export const entryPointMapping: EntityMapping<'EntryPoint', EntryPointObject, EntryPointObject> = {
  entity: 'entry-point',
  kind: 'EntryPoint',
  carries: [
    { field: 'metadata.name', to: 'name' },
    { field: 'description', to: 'description', note: 'at most 255 characters' },
    {
      field: 'channelType',
      to: 'channelType and entryPointType: inbound-telephony → TELEPHONY/INBOUND, outbound-telephony → TELEPHONY/OUTBOUND, chat/email/social → CHAT/EMAIL/SOCIAL_CHANNEL, INBOUND',
      note: 'Webex cannot change it on a live entry point',
    },
    {
      field: 'socialChannel',
      to: 'socialChannelType: facebook-messenger → MESSENGER, whatsapp → WHATSAPP',
      note: 'sms is not carried: Webex has no SMS social channel type',
    },
    { field: 'timezone', to: 'timezone' },
    { field: 'serviceLevelThresholdSeconds', to: 'serviceLevelThreshold' },
    { field: 'flow', to: 'flowId (the flow of that name)' },
    { field: 'musicOnHold', to: 'musicOnHoldId (the audio file of that name)' },
    { field: 'outdialQueue', to: 'outdialQueueId (the queue of that name)' },
    {
      field: 'active',
      to: 'active',
      note: 'an active entry point is deactivated before it is deleted',
    },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.name,

  toRemote(resource, key, ids, live) {
    const problem = nameProblem('entry point', key, 'entry-point');
    if (problem) return { refused: problem };
    const spec = resource.spec;
    const channelType = WEBEX_CHANNEL[spec.channelType];
    const entryPointType = spec.channelType === 'outbound-telephony' ? 'OUTBOUND' : 'INBOUND';
    if (live && (live.channelType !== channelType || live.entryPointType !== entryPointType))
      return {
        refused: `the live entry point is ${live.channelType}/${live.entryPointType}; Webex cannot change an entry point's channel type (delete it in Control Hub, or give it another name)`,
      };
    const notCarriedList: NotCarried[] = [];
    const social = spec.channelType === 'social' ? spec.socialChannel : undefined;
    const socialChannelType = social === undefined ? undefined : SOCIAL_CHANNEL_TYPE[social];
    if (social !== undefined && socialChannelType === undefined)
      notCarriedList.push(
        notCarried('socialChannel', `Webex has no social channel type for ${social}`),
      );
    const body: EntryPointObject = {
      ...(live ?? NEW_ENTRY_POINT),
      name: key,
      description: webexDescription(spec.description, live?.description, notCarriedList),
      channelType,
      entryPointType,
      socialChannelType: socialChannelType ?? live?.socialChannelType ?? PLACEHOLDER_SOCIAL,
      active: spec.active ?? true,
      timezone: spec.timezone ?? live?.timezone,
      serviceLevelThreshold:
        spec.serviceLevelThresholdSeconds ??
        live?.serviceLevelThreshold ??
        NEW_ENTRY_POINT.serviceLevelThreshold,
      ...linkedIds(spec, ids, live, notCarriedList),
    };
    const assumed = live
      ? []
      : [
          ...Object.entries(NEW_ENTRY_POINT)
            .filter(
              ([field]) =>
                field !== 'serviceLevelThreshold' ||
                spec.serviceLevelThresholdSeconds === undefined,
            )
            .map(([field, value]) => notCarried(field, JSON.stringify(value))),
          ...(socialChannelType
            ? []
            : [notCarried('socialChannelType', JSON.stringify(PLACEHOLDER_SOCIAL))]),
        ];
    return { body: defined(body), notCarried: notCarriedList, assumed };
  },

  fromRemote(object, names) {
    const notRepresented: NotCarried[] = [];
    const channelType = ccacChannel(object.channelType, object.entryPointType === 'OUTBOUND');
    if (!channelType)
      notRepresented.push(
        notCarried('channelType', `channel ${object.channelType} has no ccac channel type`),
      );
    let socialChannel: SocialChannel | undefined;
    if (channelType === 'social') {
      socialChannel = (
        Object.entries(SOCIAL_CHANNEL_TYPE) as [SocialChannel, SocialChannelType][]
      ).find(([, type]) => type === object.socialChannelType)?.[0];
      if (!socialChannel)
        notRepresented.push(
          notCarried(
            'socialChannel',
            `social channel type ${object.socialChannelType} has no ccac value`,
          ),
        );
    }
    const linked: Partial<Record<(typeof LINKED)[number]['field'], string>> = {};
    for (const { field, to, entity } of LINKED) {
      const id = object[to] as string | undefined;
      if (!id) continue;
      const name = names.key(entity, id);
      if (name === undefined)
        notRepresented.push(
          notCarried(field, `${to} ${id} names no ${entity} in the organization`),
        );
      else linked[field] = name;
    }
    return {
      spec: defined({
        description: object.description || undefined,
        channelType,
        socialChannel,
        timezone: object.timezone || undefined,
        serviceLevelThresholdSeconds: object.serviceLevelThreshold,
        active: object.active,
        ...linked,
      }),
      notRepresented,
    };
  },
};

function linkedIds(
  spec: SpecOf<'EntryPoint'>,
  ids: Ids,
  live: EntryPointObject | undefined,
  notCarriedList: NotCarried[],
): Partial<EntryPointObject> {
  const out: Partial<Record<keyof EntryPointObject, string | undefined>> = {};
  for (const { field, to, entity } of LINKED) {
    const name = spec[field];
    // Left out: ccac does not manage the link, the live one stays.
    if (name === undefined) {
      out[to] = live?.[to] as string | undefined;
      continue;
    }
    const id = ids.id(entity, name);
    if (id === undefined) {
      notCarriedList.push(notCarried(field, `no ${entity} named ${name} in Webex`));
      out[to] = live?.[to] as string | undefined;
    } else out[to] = id;
  }
  return out as Partial<EntryPointObject>;
}
