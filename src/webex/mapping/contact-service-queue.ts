import type { ContactServiceQueue } from '../entities.js';
import type { Ids, Names } from '../lookup.js';
import { ccacChannel, WEBEX_CHANNEL } from './channel-type.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';

/** What a new queue gets for the settings ccac does not model (reported as assumed). */
const NEW_QUEUE = {
  active: true,
  checkAgentAvailability: false,
  maxActiveContacts: 1000,
  maxTimeInQueue: 7200,
  routingType: 'LONGEST_AVAILABLE_AGENT',
  serviceLevelThreshold: 30,
} as const;

/** A new telephony queue also needs these (Webex asks for them on the Telephony channel). */
const NEW_TELEPHONY_QUEUE = {
  monitoringPermitted: true,
  parkingPermitted: true,
  recordingPermitted: true,
  recordingAllCallsPermitted: false,
  pauseRecordingPermitted: true,
  ivrRequeueUrl: '',
  controlFlowScriptUrl: '',
  defaultMusicInQueueMediaFileId: 'defaultmusic_on_hold.wav',
} as const;

/**
 * Queue → contact-service-queue (v2). Teams make it TEAM_BASED (one distribution group); agents
 * alone make it AGENT_BASED. Both at once cannot be represented: the lead's decision keeps the
 * teams and reports the agents.
 */
export const queueMapping: EntityMapping<'Queue', ContactServiceQueue, ContactServiceQueue> = {
  entity: 'contact-service-queue',
  kind: 'Queue',
  carries: [
    { field: 'metadata.name', to: 'name' },
    {
      field: 'channelType',
      to: 'channelType: inbound-telephony and outbound-telephony → TELEPHONY, chat → CHAT, email → EMAIL, social → SOCIAL_CHANNEL',
    },
    { field: 'direction', to: 'queueType: INBOUND, OUTBOUND' },
    { field: 'serviceLevelThresholdSeconds', to: 'serviceLevelThreshold' },
    {
      field: 'teams',
      to: 'queueRoutingType TEAM_BASED, callDistributionGroups [{order 1, duration 0, agentGroups [{teamId}]}]',
    },
    {
      field: 'agents',
      to: 'queueRoutingType AGENT_BASED, agents [{id: contact-center user id}]',
      note: 'only when the queue has no teams; with teams the agents are not carried',
    },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.name,

  toRemote(resource, key, ids, live) {
    const problem = nameProblem('queue', key, 'any');
    if (problem) return { refused: problem };
    const {
      channelType,
      direction,
      serviceLevelThresholdSeconds,
      teams = [],
      agents = [],
    } = resource.spec;
    const notCarriedList: NotCarried[] = [];
    const distribution = routing(teams, agents, ids, notCarriedList, live);
    if ('refused' in distribution) return distribution;
    const telephony = WEBEX_CHANNEL[channelType] === 'TELEPHONY';
    const body: ContactServiceQueue = {
      ...(live ?? { ...NEW_QUEUE, ...(telephony ? NEW_TELEPHONY_QUEUE : {}) }),
      name: key,
      channelType: WEBEX_CHANNEL[channelType],
      queueType: direction === 'outbound' ? 'OUTBOUND' : 'INBOUND',
      serviceLevelThreshold:
        serviceLevelThresholdSeconds ??
        live?.serviceLevelThreshold ??
        NEW_QUEUE.serviceLevelThreshold,
      ...distribution,
    };
    const assumed = live
      ? []
      : Object.entries({ ...NEW_QUEUE, ...(telephony ? NEW_TELEPHONY_QUEUE : {}) })
          .filter(
            ([field]) =>
              field !== 'serviceLevelThreshold' || serviceLevelThresholdSeconds === undefined,
          )
          .map(([field, value]) => notCarried(field, JSON.stringify(value)));
    return { body: defined(body), notCarried: notCarriedList, assumed };
  },

  fromRemote(object, names) {
    const notRepresented: NotCarried[] = [];
    const outbound = object.queueType === 'OUTBOUND';
    const channelType = ccacChannel(object.channelType, outbound);
    if (!channelType)
      notRepresented.push(
        notCarried('channelType', `channel ${object.channelType} has no ccac channel type`),
      );
    return {
      spec: defined({
        channelType,
        direction: object.queueType ? (outbound ? 'outbound' : 'inbound') : undefined,
        serviceLevelThresholdSeconds: object.serviceLevelThreshold,
        ...readRouting(object, names, notRepresented),
      }),
      notRepresented,
    };
  },
};

type Routing = Pick<ContactServiceQueue, 'queueRoutingType' | 'callDistributionGroups' | 'agents'>;

function routing(
  teams: readonly string[],
  agents: readonly string[],
  ids: Ids,
  notCarriedList: NotCarried[],
  live: ContactServiceQueue | undefined,
): Routing | { refused: string } {
  if (teams.length > 0) {
    if (agents.length > 0)
      notCarriedList.push(
        notCarried(
          'agents',
          'a queue with teams is team-based in Webex: its agents come from the teams',
        ),
      );
    const teamIds = teams.map((team) => ids.id('team', team));
    const missing = teams.filter((_, i) => teamIds[i] === undefined);
    if (missing.length) return { refused: `no team ${missing.join(', ')} in Webex` };
    return {
      queueRoutingType: 'TEAM_BASED',
      callDistributionGroups: [
        { order: 1, duration: 0, agentGroups: teamIds.map((teamId) => ({ teamId })) },
      ],
      agents: undefined,
    };
  }
  if (agents.length > 0) {
    const userIds = agents.map((email) => ids.id('cc-user', email));
    const missing = agents.filter((_, i) => userIds[i] === undefined);
    if (missing.length)
      return {
        refused: `no contact-center user for ${missing.join(', ')} in Webex (a user needs a contact-center licence)`,
      };
    return {
      queueRoutingType: 'AGENT_BASED',
      callDistributionGroups: [],
      agents: userIds.map((id) => ({ id: id! })),
    };
  }
  // Neither: ccac says nothing about the queue's distribution; a new one starts with none.
  if (live)
    return {
      queueRoutingType: live.queueRoutingType,
      callDistributionGroups: live.callDistributionGroups,
      agents: live.agents,
    };
  return { queueRoutingType: 'TEAM_BASED', callDistributionGroups: [], agents: undefined };
}

function readRouting(
  queue: ContactServiceQueue,
  names: Names,
  notRepresented: NotCarried[],
): { teams?: string[]; agents?: string[] } {
  if (queue.queueRoutingType === 'SKILL_BASED') {
    notRepresented.push(notCarried('queueRoutingType', 'skill-based routing has no ccac form'));
    return {};
  }
  if (queue.queueRoutingType === 'AGENT_BASED') {
    const agents = resolve(
      queue.agents?.map((a) => a.id) ?? [],
      'cc-user',
      'agents',
      names,
      notRepresented,
    );
    return agents.length ? { agents } : {};
  }
  const groups = queue.callDistributionGroups ?? [];
  if (groups.length > 1 || groups.some((g) => (g.duration ?? 0) > 0))
    notRepresented.push(
      notCarried(
        'callDistributionGroups',
        'several distribution steps: ccac holds their teams as one set',
      ),
    );
  const teamIds = groups.flatMap((g) => (g.agentGroups ?? []).flatMap((a) => a.teamId ?? []));
  const teams = resolve(teamIds, 'team', 'teams', names, notRepresented);
  return teams.length ? { teams } : {};
}

function resolve(
  ids: readonly string[],
  entity: 'team' | 'cc-user',
  field: string,
  names: Names,
  notRepresented: NotCarried[],
): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const name = names.key(entity, id);
    if (name === undefined)
      notRepresented.push(notCarried(field, `${entity} ${id} is not known in the organization`));
    else out.push(name);
  }
  return [...new Set(out)];
}
