import { describe, expect, test } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
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
        vandijk.resources.filter((r) => !['created', 'not-pushed', 'in-sync', 'updated'].includes(r.status)),
      ).toEqual([]);
      expect(first.code).toBe(0);
      expect(pushed.tenants.find((t) => t.tenant === 'alnoor-bank')?.status).toBe('ledger-only');
      const org = sim.org(ORG);
      const names = (type: 'teams' | 'queues' | 'entryPoints') =>
        [...org.entities(type).values()].map((o) => o.name).sort();
      expect(names('teams')).toEqual(['Loyalty_Outbound', 'Store_Support', 'Webshop_Care']);
      expect(names('queues')).toHaveLength(5);
      // The supervisors Control Hub had already are adopted, not made again.
      expect(vandijk.resources.find((r) => r.address.endsWith('femke.smit@vandijk.example'))?.adopted).toBe(true);
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
});
