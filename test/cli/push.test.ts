import { describe, expect, test } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { PIETER } from '../helpers/cli-store.js';
import { ORG, TENANT, webexWorkspace } from '../helpers/webex-workspace.js';

/**
 * `ccac push`, `push --dry-run` and `drift --live` through the built CLI against the Webex
 * simulator (started here; its URLs and token reach the CLI by environment). vandijk-retail is
 * pushed; alnoor-bank has no spec.webex and stays ledger-only.
 */
const SCENARIO_TIMEOUT = 300_000;

interface PushJson {
  tenants: {
    tenant: string;
    status: string;
    calls: { method: string; path: string }[];
    resources: { address: string; status: string; adopted: boolean }[];
  }[];
}

describe.each(storeTargets())('push on $dialect', (target) => {
  test(
    'a first push creates everything, a second push and drift --live write nothing; the token shows nowhere',
    async () => {
      const ws = await webexWorkspace(target);
      const { sim } = ws;

      const dry = await ws.push(['--dry-run', '--detailed-exitcode']);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(2);
      expect(dry.stdout).toContain(`POST /organization/${ORG}/team/bulk`);
      expect(dry.stdout).toContain('alnoor-bank: ledger-only (no spec.webex), nothing to push.');
      expect(sim.writes()).toEqual([]);

      const first = await ws.push(['--format', 'json']);
      expect(first.stderr).toBe('');
      const pushed = JSON.parse(first.stdout) as PushJson;
      const vandijk = pushed.tenants.find((t) => t.tenant === TENANT)!;
      expect(
        vandijk.resources.filter(
          (r) => !['created', 'not-pushed', 'in-sync', 'updated'].includes(r.status),
        ),
      ).toEqual([]);
      expect(first.code).toBe(0);
      expect(pushed.tenants.find((t) => t.tenant === 'alnoor-bank')?.status).toBe('ledger-only');
      const org = sim.org(ORG);
      const names = (type: 'teams' | 'queues' | 'entryPoints') =>
        [...org.entities(type).values()].map((o) => o.name).sort();
      expect(names('teams')).toEqual(['Loyalty_Outbound', 'Store_Support', 'Webshop_Care']);
      expect(names('queues')).toHaveLength(5);
      // The supervisors Control Hub had already are adopted, not made again.
      expect(
        vandijk.resources.find((r) => r.address.endsWith('femke.smit@vandijk.example'))?.adopted,
      ).toBe(true);
      expect(sim.invalid()).toEqual([]);

      sim.resetCalls();
      const second = await ws.push();
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('converged: live matches the stored state');
      const drift = await ws.run(['drift', '--live', '--detailed-exitcode'], ws.env);
      expect(drift.stdout).toContain('No live drift.');
      expect(drift.code).toBe(0);
      expect(sim.writes()).toEqual([]);
      // Only reads: at most one listing per entity and page.
      const listings = sim.calls().map((c) => `${c.method} ${c.path}`);
      expect(new Set(listings).size * 2).toBe(listings.length);

      const history = await ws.run(['history', 'pushes']);
      expect(history.code).toBe(0);
      expect(history.stdout).toContain(`${TENANT}`);
      const verify = await ws.run(['history', 'verify']);
      expect(verify.code).toBe(0);
      const debug = await ws.push(['--dry-run'], { CCAC_DEBUG: '1' });
      const everything = [dry, first, second, drift, history, verify, debug]
        .map((r) => r.stdout + r.stderr)
        .join('\n');
      expect(everything).not.toContain(sim.token);
      expect(await ws.dump()).not.toContain(sim.token);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'kill -9 mid-push, live changes, a 429 storm and apply --push: every push converges, never duplicates, keeps what ccac does not manage',
    async () => {
      const ws = await webexWorkspace(target);
      const { sim } = ws;
      const org = sim.org(ORG);
      const unmanaged = org.add('teams', { name: 'Night_Shift', siteId: 'elsewhere' });

      // Killed while Webex takes its time over the teams: the ids it had are recorded.
      sim.fault({ kind: 'slow', ms: 4000, match: /team\/bulk/, times: 1 });
      await ws.pushKilledWhen(() => sim.calls().some((c) => c.path.includes('agent-profile/bulk')));
      const resumed = await ws.push();
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
      for (const type of ['sites', 'teams', 'agentProfiles', 'businessHours', 'queues'] as const) {
        const names = [...org.entities(type).values()].map((o) => o.name);
        expect(new Set(names).size, `${type}: ${names.join(', ')}`).toBe(names.length);
      }
      const pushes = await ws.run(['history', 'pushes', '--tenant', TENANT]);
      expect(pushes.stdout).toMatch(/push 1 .* interrupted/);
      expect(pushes.stdout).toMatch(/push 2 .* converged/);

      // Changed in Control Hub: one field ccac manages, one it does not.
      const queue = org.byName('queues', 'Webshop_Chat')!;
      org.edit('queues', queue.id!, { serviceLevelThreshold: 99, maxActiveContacts: 7 });
      const drift = await ws.run(['drift', '--live', '--detailed-exitcode'], ws.env);
      expect(drift.code).toBe(2);
      expect(drift.stdout).toContain(
        `  ~ ${TENANT}/Queue/Webshop_Chat was changed in Webex\n      ~ serviceLevelThresholdSeconds: 99 live, 45 stored\n`,
      );
      expect(drift.stdout).not.toContain('maxActiveContacts');

      // Restored through a 429 storm: nothing is sent before Retry-After has passed.
      sim.resetCalls();
      sim.fault({
        kind: 'rate-limit',
        retryAfterSeconds: 2,
        times: 2,
        match: /contact-service-queue\/v2\/bulk/,
      });
      const restored = await ws.push();
      expect(restored.code).toBe(0);
      const calls = sim.calls();
      const limited = calls.filter((c) => c.status === 429);
      expect(limited).toHaveLength(2);
      for (const refused of limited) {
        const early = calls.filter((c) => c.at > refused.at + 100 && c.at < refused.at + 1950);
        expect(early).toEqual([]);
      }
      expect(org.byName('queues', 'Webshop_Chat')).toMatchObject({
        serviceLevelThreshold: 45,
        maxActiveContacts: 7,
      });
      expect(org.entities('teams').get(unmanaged.id!)).toMatchObject({ name: 'Night_Shift' });

      // apply --push: the tenant the apply changed reaches Webex in the same run.
      await ws.edit(
        'vandijk-retail/queues.yaml',
        'serviceLevelThresholdSeconds: 45',
        'serviceLevelThresholdSeconds: 50',
      );
      const applied = await ws.run(
        ['apply', 'config', '--auto-approve', '--actor', PIETER, '--push'],
        ws.env,
      );
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('converged: live matches the stored state');
      expect(org.byName('queues', 'Webshop_Chat')?.serviceLevelThreshold).toBe(50);

      // Only a user of the tenant with a role that may write to it may push.
      const stranger = await ws.run(
        ['push', '--actor', 'nobody@elsewhere.example', '--tenant', TENANT],
        ws.env,
      );
      expect(stranger.code).toBe(1);
      expect(stranger.stdout).toContain('AUTHZ_UNKNOWN_ACTOR');
      expect(sim.invalid()).toEqual([]);
      const verify = await ws.run(['history', 'verify']);
      expect(verify.stdout).toMatch(/push records in/);
      expect(verify.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
