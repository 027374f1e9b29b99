import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Commands that only read never create a store (#17 item 3): against one that does not exist they
 * say so and exit 1, as `terraform state list` does, and leave nothing behind.
 */
const READERS: readonly (readonly string[])[] = [
  ['history'],
  ['history', 'show', '1'],
  ['history', 'verify'],
  ['drift'],
  ['report'],
  ['report', '--out', 'report.html'],
  ['export'],
  ['export', '--out', 'exported'],
  ['graph', 'live'],
  ['diff', 'rev:0', 'live'],
];

async function expectRefused(cwd: string, db: string): Promise<void> {
  for (const args of READERS) {
    const result = await runCli([...args, '--db', db], { cwd });
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
    expect(result.stderr, args.join(' ')).toMatch(/^error STORE there is no ccac store at /);
    expect(result.stderr, args.join(' ')).toContain('the first `ccac apply` creates it');
    expect(result.stdout, args.join(' ')).toBe('');
  }
  expect(existsSync(path.join(cwd, 'report.html'))).toBe(false);
  expect(existsSync(path.join(cwd, 'exported'))).toBe(false);
}

describe('read-only commands against a store that does not exist', () => {
  test('an embedded database path that holds none: refused, and no directory made', async () => {
    const dir = await tempDir();
    await expectRefused(dir, 'pglite:typo');
    expect(existsSync(path.join(dir, 'typo'))).toBe(false);
  }, 120_000);

  const postgres = storeTargets().find((target) => target.dialect === 'postgres');
  test.skipIf(postgres === undefined)(
    'a PostgreSQL database without ccac tables: refused, and no table made',
    async () => {
      const url = await postgres!.freshUrl();
      await expectRefused(await tempDir(), url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select table_name from information_schema.tables where table_schema = 'public'`,
        );
        expect(rows).toEqual([]);
      } finally {
        await client.end();
      }
    },
    120_000,
  );
});
