import type { components as HubComponents } from '../generated/webex-admin.js';
import type { components as CcComponents } from '../generated/webex-contact-center.js';

type Cc = CcComponents['schemas'];
type Hub = HubComponents['schemas'];

/** The Webex objects ccac reads or writes, by the names the README table uses. */
export type WebexEntity =
  | 'site'
  | 'multimedia-profile'
  | 'business-hours'
  | 'holiday-list'
  | 'overrides'
  | 'agent-profile'
  | 'team'
  | 'contact-service-queue'
  | 'entry-point'
  | 'dial-number'
  | 'audio-file'
  | 'user-profile'
  | 'flow'
  | 'cc-user'
  | 'person'
  | 'license'
  | 'role';

// As the API returns them (GET, list) ...
export type Site = Cc['SiteDTO'];
export type MultimediaProfile = Cc['MultimediaProfileDTO'];
export type BusinessHoursObject = Cc['BusinessHoursDTO'];
export type HolidayList = Cc['HolidayListDTO'];
export type OverridesList = Cc['OverridesDTO'];
export type AgentProfile = Cc['AgentProfileResponseDTO'];
export type Team = Cc['TeamResponseDTO'];
export type ContactServiceQueue = Cc['ContactServiceQueueDTO'];
export type EntryPointObject = Cc['EntryPointDTO'];
export type DialNumber = Cc['DialledNumberEntryPointDTO'];
export type AudioFile = Cc['AudioFileInfoDTO'];
export type UserProfile = Cc['UserProfileGranularAccessDTO'];
export type CcUser = Cc['UserResponseDTO'];
export type Flow = Cc['BasicFlowDTO'];
export type Person = Hub['Person'];
export type License = Hub['License'];
export type Role = Hub['Role'];

// ... and as they are sent (POST, PUT, bulk items) where that differs.
export type AgentProfileBody = Cc['AgentProfileDTO'];
export type TeamBody = Cc['TeamDTO'];
export type CcUserBody = Cc['UserDTO'];
export type BulkResponse = Cc['BulkResponseDTO'];

/** The Flow Designer project every flow lives in: the same in every org (flow-store spec). */
export const FLOW_PROJECT_ID = '5e5c9ad6d61f870d6d778c1b';

/** Each entity's objects as the API lists them. */
export interface LiveObjects {
  site: Site;
  'multimedia-profile': MultimediaProfile;
  'business-hours': BusinessHoursObject;
  'holiday-list': HolidayList;
  overrides: OverridesList;
  'agent-profile': AgentProfile;
  team: Team;
  'contact-service-queue': ContactServiceQueue;
  'entry-point': EntryPointObject;
  'dial-number': DialNumber;
  'audio-file': AudioFile;
  'user-profile': UserProfile;
  flow: Flow;
  'cc-user': CcUser;
  person: Person;
  license: License;
  role: Role;
}

/** Everything read from one organization: every entity's objects, all pages. */
export type LiveState = { [E in WebexEntity]: readonly LiveObjects[E][] };

export const WEBEX_ENTITIES: readonly WebexEntity[] = [
  'site',
  'multimedia-profile',
  'business-hours',
  'holiday-list',
  'overrides',
  'agent-profile',
  'team',
  'contact-service-queue',
  'entry-point',
  'dial-number',
  'audio-file',
  'user-profile',
  'flow',
  'cc-user',
  'person',
  'license',
  'role',
];

export function emptyLiveState(): LiveState {
  return Object.fromEntries(WEBEX_ENTITIES.map((e) => [e, []])) as unknown as LiveState;
}
