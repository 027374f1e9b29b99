import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { ORG, TENANT, webexWorkspace, type WebexWorkspace } from '../helpers/webex-workspace.js';
import type { SimOrg } from '../webex-sim/index.js';
import { personByEmail } from '../webex-sim/state/people.js';

/**
 * New people without a licence go to Control Hub by SCIM 2 Bulk, 100 a call, each operation
 * settling its own user; people with a licence by POST /people, which carries it.
 */
const SCENARIO_TIMEOUT = 300_000;
const READERS = 300;
const CLAIMED = 'claimed.example';

interface PushJson {
  tenants: {
    tenant: string;
    status: string;
    resources: { address: string; status: string; failures: string[] }[];
  }[];
}

/** 300 read-only admins (no licence), one of them in a domain another org has claimed. */
async function withReaders(ws: WebexWorkspace): Promise<void> {
  const users = Array.from({ length: READERS }, (_, i) => {
    const email = i === 150 ? `reader.150@${CLAIMED}` : `reader.${i}@vandijk.example`;
    return [
      'apiVersion: ccac/v1',
      'kind: User',
      'metadata:',
      `  tenant: ${TENANT}`,
      `  name: ${email}`,
      'spec:',
      `  displayName: Reader ${i}`,
      '  adminRoles: [read-only-admin]',
    ].join('\n');
  });
  await ws.append('vandijk-retail/users.yaml', `${users.join('\n---\n')}\n`);
  const applied = await ws.run(['apply', 'config', '--auto-approve', '--actor', PIETER]);
  expect(applied.code, applied.stderr + applied.stdout.slice(-3000)).toBe(0);
}

const emailsOf = (org: SimOrg): string[] =>
  [...org.people.values()].map((p) => p.emails?.[0]?.toLowerCase() ?? '');

const scimCalls = (ws: WebexWorkspace) =>
  ws.sim.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/v2/Bulk'));

describe.each(storeTargets())('people by SCIM Bulk on $dialect', (target) => {
  test(
    '300 new people in 4 calls; one refused fails alone with the API message; the next push settles it',
    async () => {
      const ws = await webexWorkspace(target);
      await withReaders(ws);
      const org = ws.sim.org(ORG);
      org.claimedElsewhere.add(CLAIMED);

      const dry = await ws.push(['--dry-run']);
      expect(dry.stdout).toContain(`POST /identity/scim/${ORG}/v2/Bulk`);

      const first = await ws.push(['--format', 'json']);
      expect(first.code).toBe(1);
      const vandijk = (JSON.parse(first.stdout) as PushJson).tenants.find(
        (t) => t.tenant === TENANT,
      )!;
      const failed = vandijk.resources.filter((r) => r.status === 'failed');
      expect(failed.map((r) => [r.address, r.failures])).toEqual([
        [
          `${TENANT}/User/reader.150@${CLAIMED}`,
          [`HTTP 409: The email domain ${CLAIMED} is claimed by another organization.`],
        ],
      ]);
      const emails = emailsOf(org);
      expect(emails.filter((e) => e.startsWith('reader.'))).toHaveLength(READERS - 1);
      expect(new Set(emails).size).toBe(emails.length);
      // The examples' unlicensed admins and the 300 readers: ⌈303 / 100⌉ SCIM calls; the
      // licensed people one POST /people each, as before.
      expect(scimCalls(ws).length).toBeLessThanOrEqual(4);
      const posts = ws.sim.calls().filter((c) => c.method === 'POST' && c.path === '/people');
      expect(posts.length).toBeLessThan(20);
      expect(ws.sim.invalid()).toEqual([]);

      org.claimedElsewhere.clear();
      ws.sim.resetCalls();
      const second = await ws.push();
      expect(second.code, second.stdout).toBe(0);
      expect(scimCalls(ws)).toHaveLength(1);
      expect(emailsOf(org)).toContain(`reader.150@${CLAIMED}`);
      ws.sim.resetCalls();
      const third = await ws.push();
      expect(third.code).toBe(0);
      expect(ws.sim.writes()).toEqual([]);

      // 300 people renamed: their names go by SCIM PATCH in the same Bulk calls, no PUT /people.
      const file = path.join(ws.dir, 'config', 'vandijk-retail', 'users.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replaceAll('displayName: Reader ', 'displayName: Reviewer '),
      );
      const applied = await ws.run(['apply', 'config', '--auto-approve', '--actor', PIETER]);
      expect(applied.code, applied.stderr).toBe(0);
      ws.sim.resetCalls();
      const renamed = await ws.push(['--format', 'json']);
      expect(renamed.code, renamed.stdout.slice(-2000)).toBe(0);
      expect(scimCalls(ws)).toHaveLength(3);
      expect(ws.sim.writes().filter((c) => c.method === 'PUT')).toEqual([]);
      expect(personByEmail(org, 'reader.7@vandijk.example')?.displayName).toBe('Reviewer 7');
      expect(ws.sim.invalid()).toEqual([]);
      ws.sim.resetCalls();
      expect((await ws.push()).code).toBe(0);
      expect(ws.sim.writes()).toEqual([]);
      expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(
        ws.sim.token,
      );
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'killed while Webex makes a SCIM batch: the next push adopts what it made, no duplicates',
    async () => {
      const ws = await webexWorkspace(target);
      await withReaders(ws);
      const org = ws.sim.org(ORG);
      // Webex takes its time over the first batch and makes its people after ccac is gone.
      ws.sim.fault({ kind: 'slow', ms: 3000, match: /\/v2\/Bulk/, times: 1 });
      await ws.pushKilledWhen(() => scimCalls(ws).length > 0);
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const made = emailsOf(org).filter((e) => e.startsWith('reader.')).length;
      expect(made).toBeGreaterThan(0);

      const resumed = await ws.push();
      expect(resumed.code, resumed.stdout).toBe(0);
      const emails = emailsOf(org);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.filter((e) => e.startsWith('reader.'))).toHaveLength(READERS);
      ws.sim.resetCalls();
      const again = await ws.push();
      expect(again.code).toBe(0);
      expect(ws.sim.writes()).toEqual([]);
      expect(ws.sim.invalid()).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
