import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Issue #21: an embedded store's WebAssembly (PostgreSQL, 9 MB) starts compiling once the command
 * line is read, for the commands that open the store whenever they run, so that V8 compiles it
 * while the command loads and reads its inputs (store/pglite-wasm.ts); never for an embedded
 * store nothing has created yet (a plan then loads no PGlite), nor for a command that opens the
 * store only for some operands, nor for PostgreSQL. CCAC_DEBUG says when it started.
 */
const EARLY = "ccac: embedded database's WebAssembly compiling while the command loads\n";
const OPENED = /ccac: embedded database on (its own|the main) thread\n/;
const DEBUG = { CCAC_DEBUG: '1', CCAC_CACHE: 'off' };
const SCENARIO_TIMEOUT = 300_000;

describe.each(storeTargets())('the store opened on $dialect', (target) => {
  test(
    "compiles an embedded store's WebAssembly before the command opens it, only where it will",
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const opening = [
        ['plan', 'config', '--actor', PIETER],
        ['history', 'verify'],
        ['report', '--out', 'report.html'],
        ['drift'],
      ];
      for (const args of opening) {
        const result = await ws.run(args, DEBUG);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
        if (target.dialect === 'postgres') {
          expect(result.stderr).not.toContain(EARLY);
          continue;
        }
        const early = result.stderr.indexOf(EARLY);
        expect(early, args.join(' ')).toBeGreaterThanOrEqual(0);
        expect(early).toBeLessThan(result.stderr.search(OPENED));
      }
      // The pictures of files alone open no store: nothing is compiled for them.
      const files = await ws.run(['graph', 'config'], DEBUG);
      expect(files.code).toBe(0);
      expect(files.stderr).not.toContain(EARLY);
    },
    SCENARIO_TIMEOUT,
  );
});

test('a plan before the embedded store exists compiles no WebAssembly', async () => {
  const ws = await cliWorkspace(storeTargets()[0]!);
  const none = `pglite:${path.join(ws.dir, 'none')}`;
  const result = await runCli(['plan', 'config', '--db', none], { cwd: ws.dir, env: DEBUG });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('no embedded database yet');
  expect(result.stderr).not.toContain(EARLY);
});
