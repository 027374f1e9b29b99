import { existsSync } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A saved plan may be a pipeline artifact someone else wrote: `apply PLANFILE` reads a regular
 * file within a bound, and refuses anything larger with a placed diagnostic, not a crash.
 */
test('a saved plan larger than the bound is refused with its place; nothing is stored', async () => {
  const dir = await tempDir();
  const plan = path.join(dir, 'plan.json');
  await writeFile(plan, '');
  await truncate(plan, 300 * 1024 * 1024); // sparse: no disk is used
  const db = path.join(dir, 'state');
  const result = await runCli(['apply', plan, '--actor', 'a@b.example', '--db', `pglite:${db}`]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${plan}:1:1: error PLAN_INVALID file is 300.0 MiB`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(db)).toBe(false);
});
