import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

async function cacheEntries(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((name) => /^[0-9a-f]{64}\.json$/.test(name));
  return new Map(
    await Promise.all(
      names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const),
    ),
  );
}

/**
 * A cold parse past 4 MB of YAML shares the files with a second thread (src/workspace/parse-worker.ts):
 * it must say, plan and cache exactly what one thread does, and a broken file in its share must
 * still be reported at its place.
 */
test('a cold parse on two threads says, plans and caches what one thread does', async () => {
  const dir = await tempDir();
  const config = path.join(dir, 'config');
  await generate(config, 20_000);
  // Sorted last, so it falls in the second thread's share.
  const broken = path.join(config, 'tenant-019', 'zz-broken.yaml');
  await appendFile(
    broken,
    'apiVersion: ccac/v1\nkind: Team\nmetadata:\n  tenant: tenant-019\n  name: Broken\nspec:\n  colour: red\n',
  );
  const run = async (threads: string) => {
    const cache = await tempDir();
    const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1', CCAC_PARSE_THREADS: threads };
    const result = await runCli(['validate', config, '--format', 'json'], { env });
    return { ...result, entries: await cacheEntries(cache) };
  };
  const [two, one] = [await run(''), await run('1')];

  expect(two.stderr).toMatch(/ccac: parsed \d+ of \d+ files, [1-9]\d* on a second thread\n/);
  expect(one.stderr).not.toContain('second thread');
  expect(two.code).toBe(1);
  expect(two.stdout).toBe(one.stdout);
  expect(JSON.parse(two.stdout).diagnostics).toEqual([
    expect.objectContaining({ code: 'SCHEMA', file: broken, line: 7, column: 3 }),
  ]);
  expect(two.entries.size).toBeGreaterThan(100);
  expect(two.entries).toEqual(one.entries);
});
