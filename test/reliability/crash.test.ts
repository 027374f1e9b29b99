import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import {
  ADMIN,
  dumpStore,
  expectChainIntact,
  manyTeams,
  pgQuery,
  sleep,
  startCli,
  tenantFiles,
  waitFor,
} from './support.js';

/** Big enough that the transaction writes thousands of rows (2,000 teams: 1,990 creates, 10 updates). */
const BIG = 2_000;

async function setUp(url: string) {
  const small = await tempDir(tenantFiles('acme', manyTeams(10, 'v1')));
  const big = await tempDir(tenantFiles('acme', manyTeams(BIG, 'v2')));
  const first = await runCli(['apply', small, '--actor', ADMIN, '--auto-approve', '--db', url]);
  expect(first.code, first.stderr).toBe(0);
  return { big, before: await dumpStore(url) };
}

const applyArgs = (dir: string, url: string, lockTimeout = '20') => [
  'apply',
  dir,
  '--actor',
  ADMIN,
  '--auto-approve',
  '--lock-timeout',
  lockTimeout,
  '--db',
  url,
];

/** The big config is fully in the store: nothing left to plan, revision 2 holds every change. */
async function expectAfterState(big: string, url: string) {
  const plan = await runCli(['plan', big, '--db', url, '--format', 'json']);
  expect(plan.code, plan.stderr).toBe(0);
  expect(JSON.parse(plan.stdout).changes).toEqual([]);
  const dump = JSON.parse(await dumpStore(url)) as { revisions: unknown[]; changes: unknown[] };
  expect(dump.revisions).toHaveLength(2);
  // revision 1: tenant, admin, system entry point, 10 teams; revision 2: 1,990 creates, 10 updates
  expect(dump.changes.length).toBe(13 + BIG);
}

/** The lock is free and the store works: the next apply succeeds at once (short lock timeout). */
async function expectNextApplyWorks(big: string, url: string) {
  const started = Date.now();
  const next = await runCli(applyArgs(big, url, '5'));
  expect(next.code, next.stderr).toBe(0);
  expect(Date.now() - started).toBeLessThan(15_000);
  await expectAfterState(big, url);
  await expectChainIntact(url);
}

/** Right after the kill: exactly the before dump, or every change of the big config committed. */
async function expectBeforeOrAfter(big: string, url: string, before: string) {
  const now = await dumpStore(url);
  if (now !== before) await expectAfterState(big, url);
  return now === before ? 'before' : 'after';
}

const targets = storeTargets();
const postgres = targets.find((t) => t.dialect === 'postgres');
const pglite = targets.find((t) => t.dialect === 'pglite');

describe.skipIf(!postgres)('kill -9 of apply on PostgreSQL', () => {
  it('mid-transaction (waiting to record the revision) leaves the before state', async () => {
    const url = await postgres!.freshUrl();
    const { big, before } = await setUp(url);
    // Hold the scope counter row: the apply, inside its transaction, waits to record its revision.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query(`select * from scopes where scope = 'acme' for update`);
    const run = startCli(applyArgs(big, url));
    const backend = await waitFor('the apply to wait inside its transaction', async () => {
      const [row] = await pgQuery<{ pid: number }>(
        url,
        `select pid from pg_stat_activity
          where datname = current_database() and application_name like 'ccac run=% actor=${ADMIN}'
            and xact_start is not null and wait_event_type = 'Lock'`,
      );
      return row;
    });
    expect(backend.pid).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    await blocker.query('rollback');
    await blocker.end();

    // The dead client's backend notices, rolls back and frees its advisory lock.
    await waitFor('the killed backend to go away', async () => {
      const rows = await pgQuery(url, 'select 1 from pg_stat_activity where pid = $1', [
        backend.pid,
      ]);
      return rows.length === 0 ? true : undefined;
    });
    expect(await dumpStore(url)).toBe(before);
    await expectNextApplyWorks(big, url);
  });

  it('between commit and exit leaves the after state', async () => {
    const url = await postgres!.freshUrl();
    const { big } = await setUp(url);
    const run = startCli(applyArgs(big, url));
    // Kill the moment another connection sees the revision: committed, process not finished.
    await waitFor(
      'revision 2 to become visible',
      async () => {
        const rows = await pgQuery(
          url,
          `select 1 from revisions where scope = 'acme' and revision = 2`,
        );
        return rows.length > 0 ? true : undefined;
      },
      30_000,
      1,
    );
    run.child.kill('SIGKILL');
    await run.done;
    await expectAfterState(big, url);
    await expectNextApplyWorks(big, url);
  });
});

describe.skipIf(!pglite)('kill -9 of apply on PGlite', () => {
  // No second connection can watch an embedded database: the plan is printed just before the
  // transaction starts, so kill a few moments after it appears.
  it.each([0, 200])(
    'mid-apply (%i ms after the plan) leaves exactly the before or the after state',
    async (delayMs) => {
      const url = await pglite!.freshUrl();
      const { big, before } = await setUp(url);
      const run = startCli(applyArgs(big, url));
      await waitFor('the plan to be printed', async () =>
        run.stdout().includes('Plan: ') ? true : undefined,
      );
      await sleep(delayMs);
      run.child.kill('SIGKILL');
      const exit = await run.done;
      const outcome = await expectBeforeOrAfter(big, url, before);
      console.log(`PGlite kill at +${delayMs} ms (${exit.signal ?? exit.code}): ${outcome} state`);
      // The lock file of the dead process is recovered; the next apply works.
      await expectNextApplyWorks(big, url);
    },
  );

  it('between commit and exit (killed as the summary is printed) keeps the commit', async () => {
    const url = await pglite!.freshUrl();
    const { big } = await setUp(url);
    const run = startCli(applyArgs(big, url));
    await waitFor(
      'the apply summary',
      async () => (run.stderr().includes('Apply complete') ? true : undefined),
      30_000,
      1,
    );
    run.child.kill('SIGKILL');
    await run.done;
    await expectAfterState(big, url);
    await expectNextApplyWorks(big, url);
  });
});
