import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { changeOnePercent, generate } from '../../bench/generate.mjs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A cold run of a configuration past 4 MB parses on two threads; the main thread hands the
 * entries it made to the second, which packs both threads' entries into one pack of the parse
 * cache (src/workspace/cache-pack.ts): the next run must find every entry whole and parse nothing.
 */
test('entries made by both parse threads are packed whole into one pack and used', async () => {
  const dir = await tempDir();
  const cache = await tempDir();
  const config = path.join(dir, 'config');
  await generate(config, 20_000);
  const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1' };

  const cold = await runCli(['validate', config], { env });
  expect(cold.code).toBe(0);
  const yamlFiles = (await readdir(config, { recursive: true })).filter((f) => f.endsWith('.yaml'));
  const files = yamlFiles.length;
  expect(cold.stderr).toMatch(
    new RegExp(`ccac: parsed ${files} of ${files} files, \\d+ on a second thread\n`),
  );
  const packs = (await readdir(cache)).filter((name) => /^pack-[0-9a-f]{16}\.ccac$/.test(name));
  expect(packs).toHaveLength(1);

  // Without the kept check, the files are loaded again: each from its entry, which is used only
  // when its MAC verifies — only when it is whole.
  for (const name of await readdir(cache))
    if (name.startsWith('check-')) await rm(path.join(cache, name));
  const warm = await runCli(['validate', config], { env });
  expect(warm.stdout).toBe(cold.stdout);
  expect(warm.stderr).toContain(`ccac: parsed 0 of ${files} files\n`);
});

/**
 * A recheck loads its changed files twice: to find the tenants they touch, then with those
 * tenants' other files. The second time they come from this run's own parse, not the cache.
 */
test('a recheck parses each changed file once', async () => {
  const dir = await tempDir();
  const cache = await tempDir();
  const config = path.join(dir, 'config');
  await generate(config, 5_000);
  const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1' };
  expect((await runCli(['validate', config], { env })).code).toBe(0);

  // Two of the five tenants: a change reaching most of them is checked in full (recheckTooWide).
  await changeOnePercent(config, 2);
  const changed = await runCli(['validate', config], { env });
  expect(changed.code).toBe(0);
  const loads = [...changed.stderr.matchAll(/ccac: parsed (\d+) of (\d+) files/g)];
  expect(loads.map(([, parsed]) => Number(parsed))).toEqual([Number(loads[0]![2]), 0]);
  expect(changed.stderr).toMatch(/checked tenant-000, .* again for \d+ changed files/);
});
