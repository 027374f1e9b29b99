// What the simulator knows of each Contact Center entity type: where it lives in the API, which
// other objects it refers to (checked on every write; a referenced object cannot be deleted),
// what cannot change once created, and what the server computes.
import type { CcEntities, CcType } from './entities.js';
import type { SimOrg } from './sim-org.js';

/** A reference from one object to another, by id; flows live in the flow store. */
export interface Reference {
  field: string;
  type: CcType | 'flows';
  id: string;
}

export interface EntityKind<K extends CcType = CcType> {
  type: K;
  /** The path segment of one object (`/organization/{orgid}/<path>/{id}`), used in bulk hrefs. */
  path: string;
  /** The `entity` of API error messages, e.g. `cc_team`. */
  entity: string;
  /** The scope in which a name is unique (undefined: names may repeat). */
  nameScope?: (object: CcEntities[K]) => string;
  /** Fields that cannot change once created. */
  immutable: readonly string[];
  references: (object: CcEntities[K]) => Reference[];
  /** Why this object cannot be deleted whatever refers to it (undefined: it can). */
  undeletable?: (object: CcEntities[K]) => string | undefined;
  /** A rule the schema cannot express, broken by this object (undefined: none). */
  broken?: (object: CcEntities[K]) => string | undefined;
  /** Why an update from `current` to `next` is refused beyond `immutable` (undefined: it is not). */
  refusedChange?: (org: SimOrg, current: CcEntities[K], next: CcEntities[K]) => string | undefined;
}

const ref = (field: string, type: Reference['type'], id: string | undefined): Reference[] =>
  id ? [{ field, type, id }] : [];
const refs = (field: string, type: Reference['type'], ids: readonly string[] = []): Reference[] =>
  ids.map((id) => ({ field, type, id }));
const byName = (object: { name?: string }): string => object.name ?? '';
const systemDefault = (object: { systemDefault?: boolean }): string | undefined =>
  object.systemDefault ? 'a system default cannot be deleted' : undefined;

export const ENTITY_KINDS: { [K in CcType]: EntityKind<K> } = {
  sites: {
    type: 'sites',
    path: 'site',
    entity: 'cc_site',
    nameScope: byName,
    immutable: [],
    references: (site) =>
      ref('multimediaProfileId', 'multimediaProfiles', site.multimediaProfileId),
    undeletable: systemDefault,
  },
  multimediaProfiles: {
    type: 'multimediaProfiles',
    path: 'multimedia-profile',
    entity: 'cc_multimedia_profile',
    nameScope: byName,
    immutable: [],
    references: () => [],
    undeletable: systemDefault,
  },
  teams: {
    type: 'teams',
    path: 'team',
    entity: 'cc_team',
    // "Two teams in the same site in an organization cannot share the same name." (TeamDTO.name)
    nameScope: (team) => `${team.siteId ?? ''}/${team.name ?? ''}`,
    // "Once specified, siteId should not be modified." "Once created, teamType cannot be modified."
    immutable: ['siteId', 'teamType'],
    references: (team) => [
      ...ref('siteId', 'sites', team.siteId),
      ...ref('multiMediaProfileId', 'multimediaProfiles', team.multiMediaProfileId),
      ...refs('userIds', 'users', team.userIds),
    ],
  },
  businessHours: {
    type: 'businessHours',
    path: 'business-hours',
    entity: 'cc_business_hours',
    nameScope: byName,
    immutable: [],
    references: (hours) => [
      ...ref('holidaysId', 'holidayLists', hours.holidaysId),
      ...ref('overridesId', 'overrides', hours.overridesId),
    ],
  },
  holidayLists: {
    type: 'holidayLists',
    path: 'holiday-list',
    entity: 'cc_holiday_list',
    nameScope: byName,
    immutable: [],
    references: () => [],
  },
  overrides: {
    type: 'overrides',
    path: 'overrides',
    entity: 'cc_overrides',
    nameScope: byName,
    immutable: [],
    references: () => [],
  },
  agentProfiles: {
    type: 'agentProfiles',
    path: 'agent-profile',
    entity: 'cc_agent_profile',
    nameScope: byName,
    immutable: [],
    references: (profile) => [
      ...ref('siteId', 'sites', profile.siteId),
      ...ref('outdialEntryPointId', 'entryPoints', profile.outdialEntryPointId),
    ],
    undeletable: systemDefault,
  },
  queues: {
    type: 'queues',
    path: 'contact-service-queue',
    entity: 'cc_contact_service_queue',
    nameScope: byName,
    immutable: ['channelType', 'queueType'],
    references: (queue) => [
      ...(queue.callDistributionGroups ?? []).flatMap((group) =>
        (group.agentGroups ?? []).flatMap((agents) =>
          ref('callDistributionGroups.agentGroups.teamId', 'teams', agents.teamId),
        ),
      ),
      ...refs(
        'agents.id',
        'users',
        (queue.agents ?? []).map((agent) => agent.id),
      ),
      ...ref('defaultMusicInQueueMediaFileId', 'audioFiles', queue.defaultMusicInQueueMediaFileId),
    ],
  },
  entryPoints: {
    type: 'entryPoints',
    path: 'entry-point',
    entity: 'cc_entry_point',
    nameScope: byName,
    // "The channel type cannot be edited" (Cisco: entry points and queues).
    immutable: ['channelType', 'entryPointType'],
    references: (entryPoint) => [
      ...ref('flowId', 'flows', entryPoint.flowId),
      ...ref('musicOnHoldId', 'audioFiles', entryPoint.musicOnHoldId),
      ...ref('outdialQueueId', 'queues', entryPoint.outdialQueueId),
    ],
    // "An active channel cannot be deleted" (Cisco: entry points and queues).
    undeletable: (entryPoint) =>
      systemDefault(entryPoint) ??
      (entryPoint.active
        ? 'an active entry point cannot be deleted: deactivate it first'
        : undefined),
  },
  dialNumbers: {
    type: 'dialNumbers',
    path: 'dial-number',
    entity: 'cc_dial_number',
    nameScope: (mapping) => mapping.dialledNumber ?? '',
    immutable: [],
    references: (mapping) => ref('entryPointId', 'entryPoints', mapping.entryPointId),
  },
  audioFiles: {
    type: 'audioFiles',
    path: 'audio-file',
    entity: 'cc_audio_file',
    nameScope: byName,
    immutable: [],
    references: () => [],
    undeletable: systemDefault,
  },
  userProfiles: {
    type: 'userProfiles',
    path: 'user-profile',
    entity: 'cc_user_profile',
    nameScope: byName,
    immutable: ['profileType'],
    references: () => [],
    undeletable: systemDefault,
  },
  users: {
    type: 'users',
    path: 'user',
    entity: 'cc_user',
    // The person behind a contact-center user is Control Hub's: its identity is not editable here.
    immutable: ['ciUserId', 'email'],
    references: (user) => [
      ...ref('siteId', 'sites', user.siteId),
      ...refs('teamIds', 'teams', user.teamIds),
      ...ref('agentProfileId', 'agentProfiles', user.agentProfileId),
      ...ref('userProfileId', 'userProfiles', user.userProfileId),
      ...ref('multimediaProfileId', 'multimediaProfiles', user.multimediaProfileId),
    ],
    undeletable: () => 'contact-center users are deleted in Control Hub',
    // A contact-center enabled user signs in to a site (Management Portal: "Site" of agent settings).
    broken: (user) =>
      user.contactCenterEnabled && !user.siteId
        ? 'siteId: is required when contactCenterEnabled is true.'
        : undefined,
    // UserDTO.userProfileId: "changing the profile type for a user is supported only from Cisco
    // Webex Control Hub" (license and role choose it); another profile of the same type is fine.
    refusedChange: (org, current, next) => {
      const typeOf = (id?: string) => org.userProfiles.get(id ?? '')?.profileType;
      return typeOf(current.userProfileId) === typeOf(next.userProfileId)
        ? undefined
        : 'userProfileId: changing the profile type is supported only from Control Hub.';
    },
  },
};

/** A kind looked up by a type only known at run time. */
export const kindOf = (type: CcType): EntityKind => ENTITY_KINDS[type] as unknown as EntityKind;
