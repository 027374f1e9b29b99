import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Issue #21: `history verify` and `report` start the verification's thread before the store
 * opens (audit/verify-thread.ts startVerifierEarly), so that it loads while the database starts;
 * a store of few rows verifies them on the main thread and ends it, and a command that fails
 * before it needs the thread is not kept alive by it. CCAC_DEBUG says what became of it.
 */
const STARTED = 'ccac: verification thread started while the store opens\n';
const ENDED = /ccac: \d+ change rows are verified here: the thread started early is ended\n/;
const DEBUG = { CCAC_DEBUG: '1', CCAC_CACHE: 'off' };
const SCENARIO_TIMEOUT = 300_000;

describe.each(storeTargets())('the verification thread on $dialect', (target) => {
  test(
    'starts before the store opens, and is ended when the store has few rows',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      for (const args of [
        ['history', 'verify'],
        ['report', '--out', 'report.html'],
      ]) {
        const result = await ws.run(args, DEBUG);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        const started = result.stderr.indexOf(STARTED);
        expect(started, args.join(' ')).toBeGreaterThanOrEqual(0);
        expect(started).toBeLessThan(result.stderr.indexOf('ccac: store opened\n'));
        expect(result.stderr).toMatch(ENDED);
      }
    },
    SCENARIO_TIMEOUT,
  );
});

test('a command that fails before it verifies exits, its early thread unused', async () => {
  const ws = await cliWorkspace(storeTargets()[0]!);
  const none = `pglite:${path.join(ws.dir, 'none')}`;
  for (const args of [
    ['history', 'verify'],
    ['report', '--out', 'report.html'],
  ]) {
    const result = await runCli([...args, '--db', none], { cwd: ws.dir, env: DEBUG });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(STARTED);
    expect(result.stderr).toContain('there is no ccac store');
  }
});
