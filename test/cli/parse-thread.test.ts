import { closeSync, readFileSync, readSync } from 'node:fs';
import { appendFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { openPacks } from '../../src/workspace/cache-pack.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Every entry the cache's packs hold, by name: its text. */
function cacheEntries(dir: string): Map<string, string> {
  const { entries } = openPacks(dir);
  const texts = new Map<string, string>();
  for (const [name, { fd, offset, size }] of entries) {
    const bytes = Buffer.alloc(size);
    readSync(fd, bytes, 0, size, offset);
    texts.set(name, bytes.toString('utf8'));
  }
  for (const fd of new Set([...entries.values()].map((entry) => entry.fd))) closeSync(fd);
  return texts;
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
    return { ...result, entries: cacheEntries(cache) };
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

/**
 * The second thread starts while the files are read, once 4 MB of them are new to the last check;
 * a checkout that only moved the files' times (a pipeline restoring the cache) reads them all
 * again but starts none: the kept check answers for them.
 */
test('the second thread starts while reading, and not for files the last check saw', async () => {
  const config = path.join(await tempDir(), 'config');
  await generate(config, 20_000);
  const env = { CCAC_CACHE_DIR: await tempDir(), CCAC_DEBUG: '1' };
  const cold = await runCli(['validate', config], { env });
  expect(cold.stderr).toContain('a second parse thread started while the files are read');
  expect(cold.stderr).toMatch(/on a second thread\n/);

  const later = new Date(Date.now() + 60_000);
  for (const entry of await readdir(config, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), later, later);
  const restored = await runCli(['validate', config], { env });
  expect(restored.stderr).toContain('no file changed since the last check');
  expect(restored.stderr).not.toContain('second parse thread');
  expect(restored.stdout).toBe(cold.stdout);
});

/** The file index a cache holds (src/workspace/file-index.ts): resolved path → size, times, inode, digest. */
function indexedFiles(cache: string): Record<string, string[]> {
  const sealed = readFileSync(path.join(cache, 'files.json'), 'utf8');
  return JSON.parse(sealed.slice(sealed.indexOf('\n') + 1)) as Record<string, string[]>;
}

/**
 * A cold run (no last check, an empty cache) reads each file on the thread that parses it
 * (src/workspace/read-cold.ts): what the second thread read must be indexed as the main thread
 * indexes its own, and a file in its share that does not read must be reported as one thread
 * reports it.
 */
test('a cold run reads each file once, on the thread that parses it', async () => {
  const config = path.join(await tempDir(), 'config');
  await generate(config, 20_000);
  // Sorted last, so it falls in the second thread's share; not UTF-8.
  const bad = path.join(config, 'tenant-019', 'zz-bad.yaml');
  await writeFile(bad, Buffer.from('kind: Team\nname: \xff\n', 'latin1'));
  // Files changed within 2 s are not indexed (racy git): wait until they are old enough.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const run = async (threads: string) => {
    const cache = await tempDir();
    const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1', CCAC_PARSE_THREADS: threads };
    const result = await runCli(['validate', config, '--format', 'json'], { env });
    return { ...result, cache, entries: cacheEntries(cache) };
  };
  const [two, one] = [await run(''), await run('1')];

  expect(two.stderr).toContain('a second parse thread started while the files are read');
  expect(two.stderr).toMatch(/ccac: parsed \d+ of \d+ files, [1-9]\d* on a second thread\n/);
  expect(two.code).toBe(1);
  expect(two.stdout).toBe(one.stdout);
  expect(JSON.parse(two.stdout).diagnostics).toEqual([
    expect.objectContaining({ code: 'FILE', file: bad, line: 2, column: 7 }),
  ]);
  expect(two.entries).toEqual(one.entries);
  const yaml = (await readdir(config, { recursive: true })).filter((f) => f.endsWith('.yaml'));
  const readable = yaml.map((f) => path.resolve(config, f)).filter((f) => f !== bad);
  expect(Object.keys(indexedFiles(two.cache)).sort()).toEqual(readable.sort());
  expect(indexedFiles(two.cache)).toEqual(indexedFiles(one.cache));
});

/**
 * A cold validate or plan (no check kept in the cache folder) starts the second thread while its
 * modules load (src/workspace/early-thread.ts); a configuration too small to share ends it
 * unused, and says the same as with one thread. A run with a kept check starts none.
 */
test('a cold run starts the thread while loading, and ends it when the files are few', async () => {
  const config = path.join(await tempDir(), 'config');
  await generate(config, 1_000);
  const cache = await tempDir();
  const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1' };
  const cold = await runCli(['validate', config], { env });
  expect(cold.stderr).toContain('a second parse thread started while the files are read');
  expect(cold.stderr).toContain('the second parse thread was not needed');
  expect(cold.stderr).not.toMatch(/on a second thread\n/);
  const one = await runCli(['validate', config], {
    env: { CCAC_CACHE_DIR: await tempDir(), CCAC_PARSE_THREADS: '1' },
  });
  expect(cold.stdout).toBe(one.stdout);

  const kept = await runCli(['validate', config], { env });
  expect(kept.stderr).toContain('no file changed since the last check');
  expect(kept.stderr).not.toContain('second parse thread');
});
