import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { adminOf, teamsYaml, tenantFiles, type TeamSpec } from '../reliability/support.js';

// Every run spawns the CLI a few times: few, small runs keep CI fast.
const RUNS = { numRuns: 5, endOnFailure: true };
const TIMEOUT = 180_000;
// PostgreSQL when CI has it (a CLI run there is ~3x faster than on PGlite), else PGlite.
const target = storeTargets().at(-1)!;

const text = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 40 });
const teamName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9 _.'$();-]{0,20}$/)
  .filter((s) => s.trim() === s);
const team: fc.Arbitrary<TeamSpec> = fc.record(
  {
    name: teamName,
    description: text,
    labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), text, { maxKeys: 2 }),
  },
  { requiredKeys: ['name'] },
);
const teams = fc.uniqueArray(team, { selector: (t) => t.name, minLength: 0, maxLength: 6 });

let counter = 0;
const nextTenant = () => `prop${process.pid}x${counter++}`;

async function planJson(paths: string[], url: string) {
  const result = await runCli(['plan', ...paths, '--db', url, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return { text: result.stdout, plan: JSON.parse(result.stdout) as { changes: unknown[] } };
}

async function apply(dir: string, url: string, actor: string) {
  const result = await runCli(['apply', dir, '--actor', actor, '--auto-approve', '--db', url]);
  expect(result.code, result.stderr).toBe(0);
}

const configDir = (tenant: string, list: readonly TeamSpec[]) => tempDir(tenantFiles(tenant, list));

describe(`property: round trips on ${target.dialect}`, () => {
  it(
    'apply then plan is empty; export then plan is empty',
    async () => {
      const url = await target.freshUrl();
      await fc.assert(
        fc.asyncProperty(teams, async (list) => {
          const tenant = nextTenant();
          const dir = await configDir(tenant, list);
          await apply(dir, url, adminOf(tenant));
          expect((await planJson([dir], url)).plan.changes).toEqual([]);
          const out = path.join(dir, 'exported');
          const exported = await runCli(['export', '--out', out, '--db', url, '--tenant', tenant]);
          if (exported.code === 0) expect((await planJson([out], url)).plan.changes).toEqual([]);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'diff(a, b) applied to a gives b, and the recorded changes are the planned ones',
    async () => {
      const url = await target.freshUrl();
      await fc.assert(
        fc.asyncProperty(teams, teams, async (a, b) => {
          const tenant = nextTenant();
          await apply(await configDir(tenant, a), url, adminOf(tenant));
          const bDir = await configDir(tenant, b);
          const planned = (await planJson([bDir], url)).plan.changes as {
            address: string;
            action: string;
            after: unknown;
          }[];
          await apply(bDir, url, adminOf(tenant));
          expect((await planJson([bDir], url)).plan.changes).toEqual([]);
          const store = await openStore(url);
          try {
            const revisions = await store.readRevisions([tenant]);
            const last = revisions.at(-1)!;
            const recorded = (await store.readChanges(tenant))
              .filter((c) => c.revision === last.revision)
              .map((c) => ({ address: c.address, action: c.action }));
            const expected = planned.map((c) => ({ address: c.address, action: c.action }));
            if (planned.length === 0) expect(revisions).toHaveLength(1);
            else expect(recorded).toEqual(expected);
          } finally {
            await store.close();
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'plan JSON is byte-identical for a shuffled file order',
    async () => {
      const url = await target.freshUrl();
      await fc.assert(
        fc.asyncProperty(
          teams.filter((l) => l.length >= 2),
          fc.integer({ min: 1, max: 1_000_000 }),
          async (list, seed) => {
            const tenant = nextTenant();
            const files: Record<string, string> = { ...tenantFiles(tenant) };
            list.forEach((t, i) => (files[`team-${i}.yaml`] = teamsYaml(tenant, [t])));
            const dir = await tempDir(files);
            const paths = Object.keys(files).map((f) => path.join(dir, f));
            const shuffled = [...paths].sort(
              (x, y) => ((x.length * seed) % 7) - ((y.length * seed) % 7) || (x < y ? 1 : -1),
            );
            const first = await planJson(paths, url);
            const second = await planJson(shuffled, url);
            expect(second.text).toBe(first.text);
          },
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
