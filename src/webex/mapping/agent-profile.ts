import type { SpecOf } from '../../model/kinds.js';
import type { AgentProfile, AgentProfileBody } from '../entities.js';
import type { EntityMapping } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';

type StationLogin = NonNullable<SpecOf<'DesktopProfile'>['stationLogin']>[number];
type VoiceOption = NonNullable<AgentProfileBody['loginVoiceOptions']>[number];

/** Seed 002's station credentials and Webex's login voice options. */
const VOICE_OPTION: Record<StationLogin, VoiceOption> = {
  'dial-number': 'AGENT_DN',
  extension: 'EXTENSION',
  desktop: 'BROWSER',
};

/** What a new profile may do when ccac says nothing about it: everything (Webex's "ALL"). */
const NEW_PROFILE = {
  parentType: 'ORGANIZATION',
  accessWrapUpCode: 'ALL',
  accessIdleCode: 'ALL',
  accessQueue: 'ALL',
  accessEntryPoint: 'ALL',
  accessBuddyTeam: 'ALL',
  agentDNValidation: 'ALL',
  viewableStatistics: { accessQueueStats: 'ALL', accessTeamStats: 'ALL' },
  active: true,
} as const;

/** DesktopProfile → agent-profile (the desktop profile of Control Hub). */
export const agentProfileMapping: EntityMapping<'DesktopProfile', AgentProfile, AgentProfileBody> =
  {
    entity: 'agent-profile',
    kind: 'DesktopProfile',
    carries: [
      { field: 'metadata.name', to: 'name' },
      {
        field: 'stationLogin',
        to: 'loginVoiceOptions: dial-number → AGENT_DN, extension → EXTENSION, desktop → BROWSER',
      },
    ],
    keys: (resource) => [resource.name],
    keyOf: (live) => live.name,

    toRemote(resource, key, _ids, live) {
      const problem = nameProblem('desktop profile', key, 'agent-profile');
      if (problem) return { refused: problem };
      const { stationLogin = [] } = resource.spec;
      const loginVoiceOptions = stationLogin.map((s) => VOICE_OPTION[s]);
      const body: AgentProfileBody = live
        ? { ...(live as AgentProfileBody), name: key, loginVoiceOptions }
        : { ...NEW_PROFILE, name: key, loginVoiceOptions };
      return {
        body,
        notCarried: [],
        ...(live
          ? {}
          : { assumed: [notCarried('access*, agentDNValidation, viewableStatistics', 'ALL')] }),
      };
    },

    fromRemote(object) {
      const byOption = new Map(
        Object.entries(VOICE_OPTION).map(([s, v]) => [v, s as StationLogin]),
      );
      const stationLogin = (object.loginVoiceOptions ?? []).flatMap((v) => byOption.get(v) ?? []);
      return {
        spec: defined({ stationLogin: stationLogin.length ? stationLogin : undefined }),
        notRepresented: [],
      };
    },
  };
