// Request bodies as the published spec requires them, for the simulator's own tests.
import type { Cc } from './fetch-api.js';
import type { SimOrg } from './state/sim-org.js';

/** An entry point with every field the published spec requires (telephony too needs them all). */
export function entryPointBody(
  name: string,
  more: Partial<Cc['EntryPointDTO']> = {},
): Cc['EntryPointDTO'] {
  return {
    name,
    entryPointType: 'INBOUND',
    channelType: 'TELEPHONY',
    socialChannelType: 'MESSENGER',
    active: true,
    serviceLevelThreshold: 30,
    maximumActiveContacts: 1000,
    controlFlowScriptUrl: '',
    overflowNumber: '',
    imiOrgType: 'MIXED_MODE',
    assetId: '',
    ...more,
  };
}

export function teamBody(
  name: string,
  siteId: string,
  more: Partial<Cc['TeamDTO']> = {},
): Cc['TeamDTO'] {
  return {
    name,
    siteId,
    teamType: 'AGENT',
    teamStatus: 'IN_SERVICE',
    active: true,
    rankQueuesForTeam: false,
    ...more,
  };
}

export function queueBody(name: string, teamId: string): Cc['ContactServiceQueueDTO'] {
  return {
    name,
    queueType: 'INBOUND',
    channelType: 'CHAT',
    active: true,
    checkAgentAvailability: false,
    maxActiveContacts: 100,
    maxTimeInQueue: 3600,
    serviceLevelThreshold: 30,
    routingType: 'LONGEST_AVAILABLE_AGENT',
    queueRoutingType: 'TEAM_BASED',
    callDistributionGroups: [{ order: 1, duration: 0, agentGroups: [{ teamId }] }],
  };
}

/** A site on the org's first multimedia profile, seeded directly. */
export function seedSite(org: SimOrg, name = 'Main'): Cc['SiteDTO'] {
  const profile = [...org.multimediaProfiles.values()][0];
  return org.add('sites', { name, active: true, multimediaProfileId: profile?.id ?? '' });
}
