// The live objects of one org, typed by the schemas generated from the vendored spec: each is
// stored as the API returns it (id, version, organizationId, createdTime, lastUpdatedTime).
import type { components as cc } from '../../../src/generated/webex-contact-center.js';
import type { components as hub } from '../../../src/generated/webex-admin.js';

type Cc = cc['schemas'];

export interface CcEntities {
  sites: Cc['SiteDTO'];
  multimediaProfiles: Cc['MultimediaProfileDTO'];
  teams: Cc['TeamResponseDTO'];
  businessHours: Cc['BusinessHoursDTO'];
  holidayLists: Cc['HolidayListDTO'];
  overrides: Cc['OverridesDTO'];
  agentProfiles: Cc['AgentProfileResponseDTO'];
  queues: Cc['ContactServiceQueueDTO'];
  entryPoints: Cc['EntryPointDTO'];
  dialNumbers: Cc['DialledNumberEntryPointDTO'];
  audioFiles: Cc['AudioFileInfoDTO'];
  userProfiles: Cc['UserProfileGranularAccessDTO'];
  users: Cc['UserResponseDTO'];
}
export type CcType = keyof CcEntities;
export type CcEntity = CcEntities[CcType];

export const CC_TYPES: readonly CcType[] = [
  'sites',
  'multimediaProfiles',
  'teams',
  'businessHours',
  'holidayLists',
  'overrides',
  'agentProfiles',
  'queues',
  'entryPoints',
  'dialNumbers',
  'audioFiles',
  'userProfiles',
  'users',
];

export type BasicFlow = Cc['BasicFlowDTO'];
export type FlowVersion = Cc['FlowVersionRes'];
export type Person = hub['schemas']['Person'];
export type License = hub['schemas']['License'];
export type Role = hub['schemas']['Role'];

/** The fields the server owns: a request cannot set them. */
export const SERVER_FIELDS = [
  'id',
  'version',
  'organizationId',
  'createdTime',
  'lastUpdatedTime',
  'systemDefault',
] as const;

/** A field of an entity read without knowing its kind (entities are plain JSON objects). */
export function field(entity: object, name: string): unknown {
  return (entity as Record<string, unknown>)[name];
}
