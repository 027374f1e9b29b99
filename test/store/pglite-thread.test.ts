import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';

/**
 * The built adapter (dist/), whose thread is the built pglite-worker.js as the CLI runs it; the
 * same adapter opened for the main thread runs PGlite on this one. Both must answer alike.
 */
const BUILT = '../../dist/store/pglite-database.js';
const { openPgliteDatabase } = (await import(BUILT)) as {
  openPgliteDatabase(dir: string, use: { onThread: boolean }): Promise<Database>;
};

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function opened(onThread: boolean): Promise<Database> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-pglite-thread-'));
  dirs.push(dir);
  return openPgliteDatabase(dir, { onThread });
}

/** Everything the store asks of the adapter, with what each answer looked like. */
async function exercise(db: Database): Promise<unknown[]> {
  const seen: unknown[] = [];
  await db.query('create table t (id int8 primary key, v text, j jsonb)');
  seen.push(
    await db.query('select $1::int8 as big, $2::text as t, 9007199254740993::int8 as huge', [
      42,
      'x',
    ]),
  );
  await db.copyFrom(
    't',
    ['id', 'v', 'j'],
    [
      ['1', 'tab\there', '{"a":1}'],
      ['2', null, null],
    ],
  );
  seen.push(await db.query('select id, v, j from t order by id'));
  // A failed statement: the same message, and its SQLSTATE where the store reads it.
  seen.push(
    await db
      .query("insert into t values (1, 'again')")
      .catch((e: Error & { code?: string }) => [e.message, e.code]),
  );
  // Committed, then rolled back: the thrown error is the work's own.
  await db.transaction(async (tx) => {
    await tx.query("insert into t values (3, 'three')");
  });
  const failed = await db
    .transaction(async (tx) => {
      await tx.query("insert into t values (4, 'four')");
      throw new Error('the work failed');
    })
    .catch((e: Error) => e.message);
  seen.push(failed, await db.query('select id from t order by id'));
  // A statement asked while a transaction runs waits for it: it sees the transaction's rows.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const tx = db.transaction(async (q) => {
    await q.query("insert into t values (5, 'five')");
    await held;
  });
  const meanwhile = db.query<{ n: number }>('select count(*)::int as n from t');
  release();
  await tx;
  seen.push(await meanwhile);
  await db.close();
  return seen;
}

describe('PGlite on a thread of its own', () => {
  it('answers as PGlite on the main thread does: rows, int8, COPY, errors, transactions', async () => {
    const onThread = await opened(true);
    expect(onThread.constructor.name).toBe('ThreadDatabase');
    const inProcess = await opened(false);
    expect(inProcess.constructor.name).toBe('PgliteDatabase');
    const [a, b] = [await exercise(onThread), await exercise(inProcess)];
    expect(a).toEqual(b);
    expect(a).toEqual([
      [{ big: 42, t: 'x', huge: '9007199254740993' }],
      [
        { id: 1, v: 'tab\there', j: { a: 1 } },
        { id: 2, v: null, j: null },
      ],
      [expect.stringContaining('duplicate key'), '23505'],
      'the work failed',
      [{ id: 1 }, { id: 2 }, { id: 3 }],
      [{ n: 4 }],
    ]);
  });

  it('copies rows past several parts, and a refused row in the last part leaves none', async () => {
    const rows = (from: number, n: number, last: string) =>
      Array.from({ length: n }, (_, i) => [
        String(from + i),
        i === n - 1 ? last : 'x'.repeat(1000),
      ]);
    // About 20 MB: several parts (copyParts) on either adapter.
    const counted = async (db: Database) => {
      await db.query('create table big (id int8 primary key, v text check (v <> $$refused$$))');
      await db.transaction((tx) => tx.copyFrom('big', ['id', 'v'], rows(0, 20_000, 'fine')));
      const refused = await db
        .transaction((tx) => tx.copyFrom('big', ['id', 'v'], rows(20_000, 20_000, 'refused')))
        .catch((e: Error & { code?: string }) => e.code);
      const [counts] = await db.query<{ n: number; bytes: number }>(
        'select count(*)::int as n, sum(length(v))::int as bytes from big',
      );
      await db.close();
      return { refused, ...counts };
    };
    for (const onThread of [true, false]) {
      // The second COPY's last row breaks the check: its first parts are undone with it.
      const db = await opened(onThread);
      expect(await counted(db)).toEqual({ refused: '23514', n: 20_000, bytes: 19_999 * 1000 + 4 });
    }
  });

  it('releases the directory once closed, and reopens what it wrote', async () => {
    const db = await opened(true);
    await db.query('create table kept (n int)');
    await db.query('insert into kept values (7)');
    await db.close();
    const dir = dirs[0]!;
    const again = await openPgliteDatabase(dir, { onThread: true });
    expect(await again.query('select n from kept')).toEqual([{ n: 7 }]);
    await again.close();
  });

  it('reports a database that cannot start as a StoreError, and releases the lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ccac-pglite-thread-'));
    dirs.push(dir);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'PG_VERSION'), 'not a version\n');
    const onThread = { onThread: true };
    await expect(openPgliteDatabase(dir, onThread)).rejects.toThrow(/cannot open the embedded/);
    await expect(openPgliteDatabase(dir, onThread)).rejects.toThrow(/cannot open the embedded/);
  });
});
