import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { importWebexArgs } from '../helpers/import-webex-args.js';
import { openStore } from '../../src/store/open-store.js';
import { WebexRecords } from '../../src/store/webex-records.js';
import { dumpStore } from '../helpers/cli-store.js';
import { storeTargets, type StoreTarget } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWebexSimulator, type WebexSimulator } from '../webex-sim/index.js';
import { seedRealisticOrg } from '../webex-sim/realistic-org.js';

/**
 * `ccac import webex --adopt` through the built CLI against the simulator's realistic org: the
 * files recorded as the tenant's first revision with the remote ids, so plan and push find nothing
 * to do and a later change in Webex is live drift; and every refusal stores nothing.
 */
const ORG = '3c1f7a52-6d0e-4b8e-9a31-2f5b7c9d0e14';
const ADMIN = 'eva.admin@acme.example';
const SCENARIO_TIMEOUT = 300_000;
const ADOPT_ARGS = importWebexArgs(ORG, 'config', ['--adopt']);

const simulators: WebexSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
});

async function adoptWorkspace(target: StoreTarget) {
  const sim = await startWebexSimulator({ orgs: [ORG] });
  simulators.push(sim);
  seedRealisticOrg(sim.org(ORG), 120);
  const dir = await tempDir();
  const url = await target.freshUrl();
  const env = {
    CCAC_WEBEX_BASE_URL: sim.ccUrl,
    CCAC_WEBEX_HUB_URL: sim.hubUrl,
    CCAC_WEBEX_TOKEN: sim.token,
  };
  const run = (args: readonly string[]) => runCli([...args, '--db', url], { cwd: dir, env });
  const adopt = (more: readonly string[]) => run([...ADOPT_ARGS, ...more]);
  return { sim, dir, url, run, adopt, dump: () => dumpStore(url, dir) };
}

async function recordedRefs(url: string, dir: string) {
  const store = await openStore(url, { cwd: dir });
  try {
    return await new WebexRecords(store.db).readRemoteRefs('acme');
  } finally {
    await store.close();
  }
}

describe.each(storeTargets())('import webex --adopt on $dialect', (target) => {
  test(
    'the first revision, "imported from Webex": plan shows no changes, push --dry-run no calls, a later change is live drift',
    async () => {
      const ws = await adoptWorkspace(target);
      const adopted = await ws.adopt(['--actor', ADMIN]);
      expect(adopted.code, adopted.stderr).toBe(0);
      expect(adopted.stderr).toMatch(
        /^Adopted acme: revision acme@1 recorded \(118 resource\(s\), actor eva\.admin@acme\.example, bootstrap full-admin; imported from Webex\) with 117 resource\(s\)' Webex ids\.$/m,
      );
      const refs = await recordedRefs(ws.url, ws.dir);
      expect(refs.size).toBe(117);
      const voiceId = ws.sim.org(ORG).byName('entryPoints', 'Sales_Voice')!.id;
      expect(refs.get('acme/EntryPoint/Sales_Voice')?.map((r) => r.id)).toContain(voiceId);

      const plan = await ws.run(['plan', 'config', '--detailed-exitcode']);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      expect(plan.stdout).toContain('No changes');

      ws.sim.resetCalls();
      const dry = await ws.run(['push', '--dry-run', '--detailed-exitcode', '--actor', ADMIN]);
      expect(dry.code, dry.stdout + dry.stderr).toBe(0);
      expect(dry.stdout).toContain('live matches the stored state; no call to make');
      expect(ws.sim.writes()).toEqual([]);

      const history = await ws.run(['history', '--format', 'json']);
      const { revisions } = JSON.parse(history.stdout) as {
        revisions: { scope: string; revision: number; actor: string; actorRole: string }[];
      };
      expect(revisions).toMatchObject([
        {
          scope: 'acme',
          revision: 1,
          actor: ADMIN,
          actorRole: expect.stringContaining('imported from Webex'),
        },
      ]);
      const verify = await ws.run(['history', 'verify']);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);

      const noDrift = await ws.run(['drift', '--live', '--detailed-exitcode']);
      expect(noDrift.code, noDrift.stdout + noDrift.stderr).toBe(0);
      const org = ws.sim.org(ORG);
      org.edit('entryPoints', voiceId ?? '', { serviceLevelThreshold: 45 });
      const drift = await ws.run(['drift', '--live', '--detailed-exitcode']);
      expect(drift.code, drift.stdout + drift.stderr).toBe(2);
      expect(drift.stdout).toContain('~ acme/EntryPoint/Sales_Voice was changed in Webex');
      expect(drift.stdout).toContain('serviceLevelThresholdSeconds: 45 live, 30 stored');
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'refusals store nothing: no actor, no --out, an actor who may not bootstrap, a tenant stored already',
    async () => {
      const ws = await adoptWorkspace(target);
      const empty = await ws.dump();
      const noActor = await ws.adopt([]);
      expect(noActor.code).toBe(1);
      expect(noActor.stderr).toContain('error AUTHZ_NO_ACTOR import --adopt needs an actor');
      const noOut = await ws.run([
        ...ADOPT_ARGS.filter((a) => a !== '--out' && a !== 'config'),
        '--actor',
        ADMIN,
      ]);
      expect(noOut.code).toBe(1);
      expect(noOut.stderr).toContain('import --adopt records the files it writes: give --out DIR');
      expect(ws.sim.calls()).toEqual([]);
      expect(existsSync(path.join(ws.dir, 'config'))).toBe(false);

      const agent = await ws.adopt(['--actor', 'agent00001@acme.example']);
      expect(agent.code).toBe(1);
      expect(agent.stderr).toContain(
        'error AUTHZ_UNKNOWN_ACTOR tenant acme is not stored yet: only a user the configuration declares as its full-admin may create it',
      );
      expect(agent.stderr).toContain('Nothing stored; the imported files are in config.');
      expect(await ws.dump()).toBe(empty);

      expect((await ws.adopt(['--actor', ADMIN])).code).toBe(0);
      const adopted = await ws.dump();
      ws.sim.resetCalls();
      const again = await ws.adopt(['--actor', ADMIN]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('tenant acme is in the store already (revision 1)');
      expect(again.stderr).toContain('Nothing imported, nothing stored.');
      expect(ws.sim.calls()).toEqual([]);
      expect(await ws.dump()).toBe(adopted);
    },
    SCENARIO_TIMEOUT,
  );

  /**
   * Store_Hours' holiday list (NL_Holidays, repeating holidays: the spec's example) shared with a
   * second business hours, as Control Hub admins make them: adopted as it is, no call planned; a
   * holiday changed in Control Hub afterwards is live drift, and push puts it back, writing the
   * list alone.
   */
  test(
    'adopted business hours sharing a holiday list of repeating holidays: no calls, then drift restored by push',
    async () => {
      const ws = await adoptWorkspace(target);
      const org = ws.sim.org(ORG);
      const list = org.byName('holidayLists', 'NL_Holidays')!;
      const store = org.byName('businessHours', 'Store_Hours')!;
      org.add('businessHours', { ...store, id: undefined, name: 'Warehouse_Hours' });
      expect((await ws.adopt(['--actor', ADMIN])).code).toBe(0);
      const report = await readFile(path.join(ws.dir, 'config/acme/import-report.md'), 'utf8');
      expect(report).not.toMatch(/"Holi"|Good Friday|repeat/);
      const hours = await readFile(path.join(ws.dir, 'config/acme/business-hours.yaml'), 'utf8');
      expect(hours).toContain('holidayList: NL_Holidays');
      expect(hours.match(/name: Holi$/gm)).toHaveLength(1);

      ws.sim.resetCalls();
      const dry = await ws.run(['push', '--dry-run', '--detailed-exitcode', '--actor', ADMIN]);
      expect(dry.code, dry.stdout + dry.stderr).toBe(0);
      expect(dry.stdout).toContain('live matches the stored state; no call to make');
      expect(ws.sim.writes()).toEqual([]);

      const holidays = list.holidays!.map((h) =>
        h.name === 'Holi' ? { ...h, recurrence: { ...h.recurrence!, specificDayOfMonth: 17 } } : h,
      );
      org.edit('holidayLists', list.id ?? '', { holidays });
      const drift = await ws.run(['drift', '--live', '--detailed-exitcode']);
      expect(drift.code, drift.stdout + drift.stderr).toBe(2);
      expect(drift.stdout).toContain('~ acme/BusinessHours/Store_Hours was changed in Webex');
      expect(drift.stdout).toMatch(/holidays: .*"day":17/);
      expect(drift.stdout).not.toContain('Warehouse_Hours');

      ws.sim.resetCalls();
      const push = await ws.run(['push', '--actor', ADMIN]);
      expect(push.code, push.stdout + push.stderr).toBe(0);
      expect(ws.sim.writes().map((c) => c.operationId)).toEqual(['bulkSaveHolidayLists']);
      expect(org.byName('holidayLists', 'NL_Holidays')?.holidays).toEqual(list.holidays);
      const after = await ws.run(['drift', '--live', '--detailed-exitcode']);
      expect(after.code, after.stdout + after.stderr).toBe(0);
      expect(ws.sim.invalid()).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
