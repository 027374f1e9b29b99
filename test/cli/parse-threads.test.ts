import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Cache entries by name, with their contents. */
async function entries(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(
    await Promise.all(
      names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const),
    ),
  );
}

describe('parsing in threads', () => {
  test('a large cold run parses on several threads and says and caches exactly what one thread does', async () => {
    const dir = await tempDir();
    await generate(dir, 20_000); // ≈ 5 MB: above the size where threads start
    // A file with a schema error and one with a broken reference: reported from the main thread.
    await writeFile(path.join(dir, 'tenant-000', 'bad.yaml'), 'apiVersion: ccac/v1\nkind: Team\n');
    await writeFile(
      path.join(dir, 'tenant-001', 'team.yaml'),
      'apiVersion: ccac/v1\nkind: Team\nmetadata:\n  name: t\n  tenant: nowhere\n',
    );
    const [threadsCache, oneCache] = [await tempDir(), await tempDir()];
    const threads = await runCli(['validate', dir, '--format', 'json'], {
      env: { CCAC_CACHE_DIR: threadsCache, CCAC_PARSE_THREADS: '2', CCAC_DEBUG: '1' },
    });
    const one = await runCli(['validate', dir, '--format', 'json'], {
      env: { CCAC_CACHE_DIR: oneCache, CCAC_PARSE_THREADS: '1' },
    });
    expect(threads.code).toBe(1);
    expect(threads.stdout).toMatch(/bad\.yaml/);
    expect(threads.stdout).toMatch(/tenant \\"nowhere\\" is not declared/);
    expect(threads.stderr).toMatch(/parsed \d+ files in 2 threads/);
    expect(threads.stdout).toEqual(one.stdout);
    expect(threads.code).toEqual(one.code);
    const cached = await entries(threadsCache);
    expect(cached.size).toBeGreaterThan(100);
    expect(cached).toEqual(await entries(oneCache));
  }, 60_000);
});
