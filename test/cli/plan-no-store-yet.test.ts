import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { PIETER } from '../helpers/cli-store.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/**
 * A plan against an embedded database nothing has created yet creates nothing: operations/plan.ts
 * plans against nothing stored (no row to read, compare or distrust). It must say what a plan
 * against a created, empty database says — with an actor, a tenant named or unknown, errors in
 * the files, the plan saved — and the first apply creates the database.
 */
describe('a plan before the embedded database exists', () => {
  test('reads an empty state, writes none, and its saved plan applies', async () => {
    const dir = await tempDir();
    await cp(EXAMPLES, path.join(dir, 'config'), {
      recursive: true,
      filter: (source) => path.basename(source) !== 'broken',
    });
    await cp(path.join(EXAMPLES, 'broken'), path.join(dir, 'broken'), { recursive: true });
    const run = (args: string[], db: string) =>
      runCli([...args, '--db', `pglite:${db}`], { cwd: dir, env: { CCAC_CACHE: 'off' } });
    // A created, empty store, as ccac's own opening makes it (no read-only command creates one).
    await (await openStore(`pglite:${path.join(dir, 'empty')}`)).close();
    expect(existsSync(path.join(dir, 'empty', 'PG_VERSION'))).toBe(true);

    for (const args of [
      ['plan', 'config', '--detailed-exitcode'],
      ['plan', 'config', '--format', 'json', '--actor', PIETER],
      ['plan', 'config', '--format', 'markdown', '--tenant', 'alnoor-bank'],
      ['plan', 'config', '--tenant', 'organizations', '--actor', PIETER],
      ['plan', 'config', '--tenant', 'nosuch'],
      ['plan', 'broken', '--format', 'json'],
      ['plan', 'config', '--out', 'plan.json'],
    ]) {
      const created = await run(args, 'empty');
      const notYet = await run(args, 'new');
      expect(notYet.stdout).toBe(created.stdout);
      expect(notYet.code).toBe(created.code);
      expect(notYet.stderr).toBe(created.stderr);
    }
    // The same plan sealed, whichever way it was made (the last run above saved it).
    const savedFromNew = await readFile(path.join(dir, 'plan.json'), 'utf8');
    await run(['plan', 'config', '--out', 'plan.json'], 'empty');
    expect(savedFromNew).toBe(await readFile(path.join(dir, 'plan.json'), 'utf8'));
    expect((await run(['plan', 'config', '--detailed-exitcode'], 'new')).code).toBe(2);
    expect(existsSync(path.join(dir, 'new'))).toBe(false);

    const saved = await run(['plan', 'config', '--out', 'plan.json'], 'new');
    expect(saved.code).toBe(0);
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
    const applied = await run(['apply', 'plan.json', '--actor', PIETER], 'new');
    expect(applied.stderr).toContain('Apply complete: 83 created');
    expect(applied.code).toBe(0);
    expect((await run(['plan', 'config', '--detailed-exitcode'], 'new')).code).toBe(0);
  }, 180_000);
});
