import type { Kind } from '../../model/kinds.js';
import { agentProfileMapping } from './agent-profile.js';
import { businessHoursMapping } from './business-hours.js';
import { ccUserMapping } from './cc-user.js';
import { queueMapping } from './contact-service-queue.js';
import { dialNumberMapping } from './dial-number.js';
import { entryPointMapping } from './entry-point.js';
import { flowMapping } from './flow.js';
import { holidayListMapping } from './holiday-list.js';
import type { WebexEntity } from '../entities.js';
import type { Carried, EntityMapping, NotCarried } from './mapping.js';
import { overridesMapping } from './overrides.js';
import { personMapping } from './person.js';
import { teamMapping } from './team.js';

/** How one ccac kind reaches Webex: its entities in creation order, and what never does. */
export interface KindMapping {
  kind: Kind;
  /** In creation order; `primary` is the one whose object is the resource (named like it). */
  entities: readonly EntityMapping[];
  primary?: WebexEntity;
  /** Fields carried other than by an entity (the tenant's connection). */
  carries?: readonly Carried[];
  /** Fields no entity carries, with the reason: reported for every resource that sets them. */
  notCarried: readonly NotCarried[];
  /** Nothing of the kind is pushed: the reason. */
  notPushed?: string;
}

const TENANT_NOTHING =
  'Control Hub sets it up with the subscription: the configuration API has no operation for it';

/** Every ccac kind, mapped or not (the README table is generated from this). */
export const KIND_MAPPINGS: Readonly<Record<Kind, KindMapping>> = {
  Organization: {
    kind: 'Organization',
    entities: [],
    notCarried: [],
    notPushed: 'a ccac concept (who may administer which tenant): nothing of it lives in Webex',
  },
  Tenant: {
    kind: 'Tenant',
    entities: [],
    notCarried: [
      {
        field: 'webex',
        why: 'where the tenant is pushed: orgId in every path, region in the base URL',
      },
      { field: 'displayName', why: TENANT_NOTHING },
      {
        field: 'partner',
        why: 'a ccac concept: the partner organization that administers the tenant',
      },
      { field: 'subscription', why: TENANT_NOTHING },
      { field: 'countryOfOperation', why: TENANT_NOTHING },
      { field: 'timezone', why: 'the default of the tenant’s entry points, which carry it' },
      { field: 'platform', why: TENANT_NOTHING },
      { field: 'telephony', why: TENANT_NOTHING },
      {
        field: 'licenses',
        why: 'licence counts are bought, not configured (GET /licenses shows them)',
      },
      {
        field: 'numbers',
        why: 'numbers come from the telephony provider; entry points map them (supportNumbers)',
      },
      { field: 'connect', why: 'Webex Connect is provisioned with the tenant' },
      { field: 'restrictUnassignedQueueLogin', why: TENANT_NOTHING },
    ],
    notPushed:
      'the tenant itself is set up in Control Hub; it names the organization the rest goes to',
  },
  BusinessHours: {
    kind: 'BusinessHours',
    primary: 'business-hours',
    entities: [holidayListMapping, overridesMapping, businessHoursMapping] as EntityMapping[],
    notCarried: [],
  },
  DesktopProfile: {
    kind: 'DesktopProfile',
    primary: 'agent-profile',
    entities: [agentProfileMapping] as EntityMapping[],
    notCarried: [
      {
        field: 'loginRoles',
        why: 'Webex takes the sign-in role from the user profile, not the desktop profile',
      },
      { field: 'rememberCredentials', why: 'the agent profile has no such field' },
    ],
  },
  Team: {
    kind: 'Team',
    primary: 'team',
    entities: [teamMapping] as EntityMapping[],
    notCarried: [],
  },
  Flow: {
    kind: 'Flow',
    primary: 'flow',
    entities: [flowMapping] as EntityMapping[],
    notCarried: [
      {
        field: 'type',
        why: 'Webex flows are FLOW or SUBFLOW: routing and event flows are not told apart',
      },
      {
        field: 'businessHours',
        why: 'the business hours a flow uses are set inside its definition',
      },
    ],
  },
  Queue: {
    kind: 'Queue',
    primary: 'contact-service-queue',
    entities: [queueMapping] as EntityMapping[],
    notCarried: [{ field: 'wrapUp', why: 'the queue API has no wrap-up settings' }],
  },
  EntryPoint: {
    kind: 'EntryPoint',
    primary: 'entry-point',
    entities: [entryPointMapping, dialNumberMapping] as EntityMapping[],
    notCarried: [
      {
        field: 'queue',
        why: 'an entry point has no queue field in Webex: its flow routes to the queue',
      },
      { field: 'routingStrategy', why: 'routing strategies have no configuration API' },
    ],
  },
  User: {
    kind: 'User',
    primary: 'person',
    entities: [personMapping, ccUserMapping] as EntityMapping[],
    notCarried: [
      { field: 'organization', why: 'a ccac concept: which organization the admin belongs to' },
    ],
  },
  Campaign: {
    kind: 'Campaign',
    entities: [],
    notCarried: [],
    notPushed:
      'the dialer API is a run-time API (start, update, stop) with no list or get, and starting a campaign needs what ccac does not model (dialing list URL, ANI, dialing rate…)',
  },
};

/** The entity mappings of a kind, by entity. */
export function entityMapping(kind: Kind, entity: WebexEntity): EntityMapping | undefined {
  return KIND_MAPPINGS[kind].entities.find((e) => e.entity === entity);
}
