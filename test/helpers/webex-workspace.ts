import { spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { importFlowVersion } from '../webex-sim/state/flow-store.js';
import { startWebexSimulator, type WebexSimulator } from '../webex-sim/index.js';
import { cliWorkspace, PIETER, type CliWorkspace } from './cli-store.js';
import type { StoreTarget } from './databases.js';
import { CLI, NODE_FLAGS } from './run-cli.js';

/** The org of vandijk-retail in the simulator; alnoor-bank stays ledger-only unless asked. */
export const ORG = '1a2b3c4d-8c1d-4bfa-9b43-2d1f0a7c4e12';
export const TENANT = 'vandijk-retail';
/** alnoor-bank's org, when both tenants are pushed (one partner token manages both orgs). */
export const ALNOOR_ORG = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
export const ALNOOR = 'alnoor-bank';

/** What each tenant's org holds that ccac names and does not make. */
interface MadeElsewhere {
  org: string;
  audio: string;
  flows: readonly string[];
}
const MADE_ELSEWHERE: Record<string, MadeElsewhere> = {
  [TENANT]: {
    org: ORG,
    audio: 'vandijk-hold-music.wav',
    flows: ['Social_Routing', 'Post_Call_Survey'],
  },
  [ALNOOR]: {
    org: ALNOOR_ORG,
    audio: 'alnoor-hold.wav',
    flows: ['Digital_Routing', 'Collections_Flow'],
  },
};

const simulators: WebexSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
});

export interface WebexWorkspace extends CliWorkspace {
  sim: WebexSimulator;
  /** What points ccac at the simulator: its base URLs and token. */
  env: Record<string, string>;
  /** `ccac push --actor PIETER …` against the simulator. */
  push(args?: readonly string[], env?: Record<string, string>): ReturnType<CliWorkspace['run']>;
  /** `ccac push` in a child process killed with SIGKILL once `when` holds. */
  pushKilledWhen(when: () => boolean): Promise<void>;
}

/**
 * The examples applied by Pieter, vandijk-retail given `spec.webex` (the simulator's org), and a
 * simulated organization as Webex provisions one, with what ccac expects to find there and does
 * not make: the hold music, the two flows that have no definition file (made in Flow Designer),
 * and one supervisor already a Control Hub person, with no licence or role yet (ccac adopts her).
 */
export async function webexWorkspace(
  target: StoreTarget,
  { bothTenants = false } = {},
): Promise<WebexWorkspace> {
  const ws = await cliWorkspace(target);
  await ws.edit(
    'vandijk-retail/tenant.yaml',
    'restrictUnassignedQueueLogin: true',
    `restrictUnassignedQueueLogin: true\n  webex:\n    orgId: ${ORG}\n    region: eu1`,
  );
  if (bothTenants)
    await ws.edit(
      'alnoor-bank/tenant.yaml',
      'restrictUnassignedQueueLogin: false',
      `restrictUnassignedQueueLogin: false\n  webex:\n    orgId: ${ALNOOR_ORG}\n    region: eu2`,
    );
  const applied = await ws.apply(PIETER);
  if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stderr}`);
  const tenants = bothTenants ? [TENANT, ALNOOR] : [TENANT];
  const sim = await startWebexSimulator({ orgs: tenants.map((t) => MADE_ELSEWHERE[t]!.org) });
  simulators.push(sim);
  for (const tenant of tenants) seedOrganization(sim, MADE_ELSEWHERE[tenant]!);
  sim.org(ORG).addPerson({ email: 'femke.smit@vandijk.example', displayName: 'Femke Smit' });
  const env = {
    CCAC_WEBEX_BASE_URL: sim.ccUrl,
    CCAC_WEBEX_HUB_URL: sim.hubUrl,
    CCAC_WEBEX_TOKEN: sim.token,
  };
  const pushArgs = (args: readonly string[]) => ['push', '--actor', PIETER, ...args];
  return {
    ...ws,
    sim,
    env,
    push: (args = [], more = {}) => ws.run(pushArgs(args), { ...env, ...more }),
    pushKilledWhen: (when) => killedWhen([...pushArgs([]), '--db', ws.url], ws.dir, env, when),
  };
}

function seedOrganization(sim: WebexSimulator, made: MadeElsewhere): void {
  const org = sim.org(made.org);
  org.add('audioFiles', { name: made.audio, contentType: 'AUDIO_WAV' });
  for (const name of made.flows)
    importFlowVersion(org, { name } as Parameters<typeof importFlowVersion>[1], 'FLOW');
}

function killedWhen(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  when: () => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CCAC_ACTOR: undefined, ...env },
      stdio: 'ignore',
    });
    const poll = setInterval(() => {
      if (when()) child.kill('SIGKILL');
    }, 20);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearInterval(poll);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error('the push ended before it was killed'));
    });
  });
}
