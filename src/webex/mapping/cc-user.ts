import type { SpecOf } from '../../model/kinds.js';
import type { CcUser, CcUserBody } from '../entities.js';
import type { Names } from '../lookup.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried, without } from './mapping.js';

type ContactCenterRole = NonNullable<SpecOf<'User'>['contactCenterRole']>;
type ProfileType = 'STANDARD_AGENT' | 'PREMIUM_AGENT' | 'SUPERVISOR' | 'ADMINISTRATOR';

/** Fields of a user as GET returns it that PUT and the bulk PATCH do not take. */
const RESPONSE_ONLY = [
  'userProfileType',
  'siteName',
  'dbId',
  'userProfileData',
  'userProfileGranularAccessData',
  'systemDefault',
  'queuesCount',
  'skillProfileUpdatedBy',
  'dynamicSkillsLimitReached',
  'dynamicSkillsUpdatedBy',
  'dynamicSkillsUpdatedTime',
  'dynamicSkillAssigned',
  'skillProfileUpdatedTime',
] as const satisfies readonly Exclude<keyof CcUser, keyof CcUserBody>[];

/**
 * The user profile type Webex gives the user: the configuration API cannot change it (only
 * Control Hub's licence and role do: Cisco, "Manage user profiles of contact center users"), so
 * ccac asks for the one Webex chose. A standard licence makes a STANDARD_AGENT whatever the role;
 * with the premium licence a full or contact-center service admin gets ADMINISTRATOR (it can
 * supervise), a Supervisor (the Control Hub role the person mapping gives every contact-center
 * supervisor) SUPERVISOR, anyone else PREMIUM_AGENT.
 */
function profileType(spec: SpecOf<'User'>): ProfileType | undefined {
  const { contactCenterRole = 'none', license, adminRoles = [] } = spec;
  if (contactCenterRole === 'none') return undefined;
  if (license !== 'premium') return 'STANDARD_AGENT';
  if (adminRoles.includes('full-admin') || adminRoles.includes('cc-service-admin'))
    return 'ADMINISTRATOR';
  return contactCenterRole === 'agent' ? 'PREMIUM_AGENT' : 'SUPERVISOR';
}

const SUPERVISOR_NEEDS_PREMIUM =
  'a supervisor needs the premium licence: Webex gives a standard-licensed user the STANDARD_AGENT profile';

/**
 * User → contact-center user. Webex makes it when the person gets a contact-center licence
 * (there is no create or delete); ccac sets its role (user profile, contact-center enabled),
 * teams and desktop profile, keeping everything else of the live user.
 */
export const ccUserMapping: EntityMapping<'User', CcUser, CcUserBody> = {
  entity: 'cc-user',
  kind: 'User',
  carries: [
    { field: 'metadata.name', to: 'email (the user Webex made for the licensed person)' },
    {
      field: 'contactCenterRole',
      to: 'contactCenterEnabled, userProfileId: the profile type Webex gives by licence and Control Hub role — standard licence → STANDARD_AGENT; premium → ADMINISTRATOR for a full or cc-service admin, else SUPERVISOR for supervisor and supervisor-agent, PREMIUM_AGENT for agent; none → contactCenterEnabled false',
    },
    { field: 'teams', to: 'teamIds', note: 'team membership is kept on the user side only' },
    { field: 'desktopProfile', to: 'agentProfileId' },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.email?.toLowerCase(),
  creatable: false,

  toRemote(resource, key, ids, live) {
    if (!live)
      return {
        refused: `no contact-center user ${key} in Webex: Webex makes one when the person has a contact-center licence`,
      };
    const { contactCenterRole = 'none', teams = [], desktopProfile } = resource.spec;
    const notCarriedList: NotCarried[] = [];
    const type = profileType(resource.spec);
    let userProfileId = live.userProfileId;
    if (contactCenterRole !== 'agent' && type === 'STANDARD_AGENT')
      notCarriedList.push(notCarried('contactCenterRole', SUPERVISOR_NEEDS_PREMIUM));
    if (type) {
      const id = ids.id('user-profile', type);
      if (id === undefined)
        notCarriedList.push(
          notCarried('contactCenterRole', `no ${type} user profile in the organization`),
        );
      else userProfileId = id;
    }
    const teamIds = teams.map((team) => ids.id('team', team));
    const missingTeams = teams.filter((_, i) => teamIds[i] === undefined);
    if (missingTeams.length) return { refused: `no team ${missingTeams.join(', ')} in Webex` };
    let agentProfileId = live.agentProfileId;
    if (desktopProfile !== undefined) {
      agentProfileId = ids.id('agent-profile', desktopProfile);
      if (agentProfileId === undefined)
        return { refused: `no desktop profile ${desktopProfile} in Webex` };
    }
    const body: CcUserBody = {
      ...without(live, RESPONSE_ONLY),
      ciUserId: live.ciUserId ?? '',
      email: live.email ?? key,
      firstName: live.firstName ?? '',
      lastName: live.lastName ?? '',
      active: live.active ?? true,
      userProfileId: userProfileId ?? '',
      contactCenterEnabled: type !== undefined,
      teamIds: teamIds as string[],
      agentProfileId,
      siteId: live.siteId ?? ids.id('site', resource.tenant ?? ''),
    };
    return { body: defined(body), notCarried: notCarriedList };
  },

  fromRemote(object, names) {
    const notRepresented: NotCarried[] = [];
    return {
      spec: defined({
        contactCenterRole: readRole(object, names, notRepresented),
        teams: readNames(object.teamIds ?? [], 'team', 'teams', names, notRepresented),
        desktopProfile:
          object.agentProfileId === undefined
            ? undefined
            : names.key('agent-profile', object.agentProfileId),
      }),
      notRepresented,
    };
  },
};

function readRole(
  user: CcUserBody | CcUser,
  names: Names,
  notRepresented: NotCarried[],
): ContactCenterRole | undefined {
  if (!user.contactCenterEnabled) return 'none';
  const type =
    user.userProfileId === undefined ? undefined : names.key('user-profile', user.userProfileId);
  if (type === 'STANDARD_AGENT' || type === 'PREMIUM_AGENT') return 'agent';
  if (type === 'SUPERVISOR') {
    notRepresented.push(
      notCarried(
        'contactCenterRole',
        'a SUPERVISOR profile serves supervisor and supervisor-agent: read as supervisor',
      ),
    );
    return 'supervisor';
  }
  notRepresented.push(
    notCarried('contactCenterRole', `user profile type ${type ?? 'unknown'} has no ccac role`),
  );
  return undefined;
}

function readNames(
  ids: readonly string[],
  entity: 'team',
  field: string,
  names: Names,
  notRepresented: NotCarried[],
): string[] | undefined {
  const out: string[] = [];
  for (const id of ids) {
    const name = names.key(entity, id);
    if (name === undefined)
      notRepresented.push(notCarried(field, `${entity} ${id} is not known in the organization`));
    else out.push(name);
  }
  return out.length ? out : undefined;
}
