import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const SCENARIO_TIMEOUT = 300_000;
const TYPO = 'vandijk-retial';
const SUGGESTED = '(did you mean "vandijk-retail"?)';

describe.each(storeTargets())('--tenant that names nothing, on $dialect', (target) => {
  test(
    'every command taking --tenant refuses it (exit 1, did you mean), writing nothing',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const before = await ws.dump();
      const runs: [string, string[]][] = [
        ['plan', ['plan', 'config']],
        ['apply', ['apply', 'config', '--auto-approve', '--actor', PIETER]],
        ['history', ['history']],
        ['history verify', ['history', 'verify']],
        ['drift', ['drift']],
        ['report', ['report']],
        ['export', ['export']],
      ];
      for (const [name, args] of runs) {
        const result = await ws.run([...args, '--tenant', TYPO]);
        expect(result.code, name).toBe(1);
        expect(result.stdout, name).toBe('');
        expect(result.stderr, name).toMatch(
          new RegExp(
            `^error USAGE --tenant ${TYPO}: no tenant of that name is (declared or )?stored`,
          ),
        );
        expect(result.stderr, name).toContain(SUGGESTED);
      }
      const graph = await ws.run(['graph', 'config', '--tenant', 'nosuch']);
      expect(graph.code).toBe(1);
      expect(graph.stderr).toBe(
        'error USAGE --tenant nosuch: no tenant of that name is in config\n',
      );
      expect(await ws.dump()).toBe(before);
      // A tenant that is stored but no longer declared is known: planned for deletion.
      await ws.remove('vandijk-retail');
      const destroy = await ws.run(['plan', 'config', '--tenant', 'vandijk-retail']);
      expect(destroy.stderr).not.toContain('USAGE');
    },
    SCENARIO_TIMEOUT,
  );
});

test('a folder with no YAML in it is an error, not "No changes."', async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'config', 'empty'), { recursive: true });
  for (const command of ['plan', 'validate']) {
    const result = await runCli([command, 'config'], {
      cwd: dir,
      env: { CCAC_CACHE: 'off' },
    });
    expect(result.code, command).toBe(1);
    expect(result.stdout, command).toContain(
      'config:1:1: error FILE no configuration files found in config (no *.yaml or *.yml files)',
    );
    expect(result.stdout, command).not.toContain('No changes');
  }
});
