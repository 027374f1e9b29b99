import { spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { importFlowVersion } from '../webex-sim/state/flow-store.js';
import {
  CC_LICENSES,
  ROLE_NAMES,
  startWebexSimulator,
  type WebexSimulator,
} from '../webex-sim/index.js';
import { cliWorkspace, PIETER, type CliWorkspace } from './cli-store.js';
import type { StoreTarget } from './databases.js';
import { CLI, NODE_FLAGS } from './run-cli.js';

/** The org of vandijk-retail in the simulator; alnoor-bank stays ledger-only. */
export const ORG = '1a2b3c4d-8c1d-4bfa-9b43-2d1f0a7c4e12';
export const TENANT = 'vandijk-retail';

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
 * not make: the default music file queues name, the hold music, the two flows that have no
 * definition file (made in Flow Designer), and the two supervisors' people with the premium
 * licence and Control Hub's Supervisor role (their user profile follows that role).
 */
export async function webexWorkspace(target: StoreTarget): Promise<WebexWorkspace> {
  const ws = await cliWorkspace(target);
  await ws.edit(
    'vandijk-retail/tenant.yaml',
    'restrictUnassignedQueueLogin: true',
    `restrictUnassignedQueueLogin: true\n  webex:\n    orgId: ${ORG}\n    region: eu1`,
  );
  const applied = await ws.apply(PIETER);
  if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stderr}`);
  const sim = await startWebexSimulator({ orgs: [ORG] });
  simulators.push(sim);
  seedOrganization(sim);
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

function seedOrganization(sim: WebexSimulator): void {
  const org = sim.org(ORG);
  org.add('audioFiles', {
    id: 'defaultmusic_on_hold.wav',
    name: 'defaultmusic_on_hold.wav',
    contentType: 'AUDIO_WAV',
  });
  org.add('audioFiles', { name: 'vandijk-hold-music.wav', contentType: 'AUDIO_WAV' });
  for (const name of ['Social_Routing', 'Post_Call_Survey'])
    importFlowVersion(org, { name } as Parameters<typeof importFlowVersion>[1], 'FLOW');
  for (const [email, displayName] of [
    ['femke.smit@vandijk.example', 'Femke Smit'],
    ['noah.peters@vandijk.example', 'Noah Peters'],
  ] as const)
    org.addPerson({
      email,
      displayName,
      licenses: [CC_LICENSES.premium],
      roles: [ROLE_NAMES.supervisor],
    });
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
