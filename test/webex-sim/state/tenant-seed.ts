// What a new Webex Contact Center tenant has before anyone configures it: only what Webex makes
// itself. No site, team, queue or flow; no person (tests add their own).
import { hubId, newUuid } from '../ids.js';
import type { CcEntities } from './entities.js';
import { insertEntity } from './entity-store.js';
import type { SimOrg } from './sim-org.js';

/** Contact Center license names in /licenses (Control Hub's CSV columns use the same words). */
export const CC_LICENSES = {
  standard: 'Webex Contact Center',
  premium: 'Webex Contact Center Premium',
} as const;

/** Control Hub role names in /roles that Contact Center cares about. */
export const ROLE_NAMES = {
  fullAdmin: 'Full Administrator',
  ccServiceAdmin: 'Contact Center Service Administrator',
  supervisor: 'Supervisor',
} as const;

// Role ids as Webex spells them (a community post lists id_user_admin, id_readonly_admin, …).
const ROLES: ReadonlyArray<[string, string]> = [
  ['id_full_admin', ROLE_NAMES.fullAdmin],
  ['id_user_admin', 'User Administrator'],
  ['id_readonly_admin', 'Read-only Administrator'],
  ['id_device_admin', 'Device Administrator'],
  ['atlas-portal.support', 'Support Administrator'],
  ['id_cc_service_admin', ROLE_NAMES.ccServiceAdmin],
  ['id_cc_supervisor', ROLE_NAMES.supervisor],
];

// [offer code, name, units]: the two CC licenses and two ccac does not manage.
const LICENSES: ReadonlyArray<[string, string, number]> = [
  ['CJPSTD', CC_LICENSES.standard, 1000],
  ['CJPPRM', CC_LICENSES.premium, 1000],
  ['MS', 'Messaging', 5000],
  ['BCWX', 'Webex Calling - Professional', 1000],
];

// Cisco, "Manage multimedia profiles": every site gets Default_Telephony_Profile (voice 1, others 0),
// which cannot be edited or deleted; Default_Multimedia_Profile has voice 1 and 5 of the others.
const MULTIMEDIA_PROFILES: ReadonlyArray<CcEntities['multimediaProfiles']> = [
  profile('Default_Telephony_Profile', 0, false),
  profile('Default_Multimedia_Profile', 5, true),
];

function profile(
  name: string,
  digital: number,
  blended: boolean,
): CcEntities['multimediaProfiles'] {
  return {
    name,
    description: 'System default',
    telephony: 1,
    chat: digital,
    email: digital,
    social: digital,
    active: true,
    blendingModeEnabled: blended,
    blendingMode: blended ? 'BLENDED' : 'EXCLUSIVE',
    systemDefault: true,
  };
}

// Cisco, "User Profiles": the profile Webex maps each license and role to, one per profile type.
const USER_PROFILES: ReadonlyArray<[string, CcEntities['userProfiles']['profileType']]> = [
  ['Administrator Profile', 'ADMINISTRATOR'],
  ['Administrator Only Profile', 'ADMINISTRATOR_ONLY'],
  ['Supervisor Profile', 'SUPERVISOR'],
  ['Premium Agent User Profile', 'PREMIUM_AGENT'],
  ['Standard Agent User Profile', 'STANDARD_AGENT'],
  ['Analyzer Administrator Profile', 'ANALYZER_ADMINISTRATOR'],
  ['Analyzer Supervisor Profile', 'ANALYZER_SUPERVISOR'],
  ['Analyzer User Profile', 'ANALYZER_USER'],
];

// Cisco, "Entry points": the system creates the outbound entry point "Outdial Transfer to Queue".
const OUTDIAL_TRANSFER: CcEntities['entryPoints'] = {
  name: 'Outdial Transfer to Queue',
  description: 'System entry point for transfers from outdial calls to a queue',
  entryPointType: 'OUTBOUND',
  channelType: 'TELEPHONY',
  socialChannelType: 'MESSAGEBIRD',
  active: true,
  serviceLevelThreshold: 0,
  maximumActiveContacts: 0,
  controlFlowScriptUrl: '',
  overflowNumber: '',
  imiOrgType: 'MIXED_MODE',
  assetId: '',
  outdialTransferToQueueEnabled: true,
  systemDefault: true,
};

const DEFAULT_MUSIC_ON_HOLD = 'defaultmusic_on_hold.wav';

export function provisionTenant(org: SimOrg): void {
  for (const [code, name, totalUnits] of LICENSES) {
    const id = hubId('LICENSE', `${org.orgId}/${code}_${newUuid().slice(0, 8)}`);
    org.licenses.set(id, { id, name, totalUnits, subscriptionId: 'Sub-ccac-simulator' });
  }
  for (const [key, name] of ROLES)
    org.roles.set(hubId('ROLE', key), { id: hubId('ROLE', key), name });
  for (const multimedia of MULTIMEDIA_PROFILES) insertEntity(org, 'multimediaProfiles', multimedia);
  for (const [name, profileType] of USER_PROFILES)
    insertEntity(org, 'userProfiles', {
      name,
      profileType,
      active: true,
      permissionAccessLevel: 'ALL',
      resourceAccessLevel: 'ALL',
      systemDefault: true,
    });
  insertEntity(org, 'entryPoints', OUTDIAL_TRANSFER);
  // The system's music on hold goes by its file name: ContactServiceQueueDTO's
  // defaultMusicInQueueMediaFileId is "defaultmusic_on_hold.wav" in the spec's examples.
  insertEntity(org, 'audioFiles', {
    id: DEFAULT_MUSIC_ON_HOLD,
    name: DEFAULT_MUSIC_ON_HOLD,
    contentType: 'AUDIO_WAV',
    description: 'System default music on hold',
    systemDefault: true,
  });
}
