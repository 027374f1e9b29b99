import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ADMIN, tenantFiles, teamsYaml } from '../reliability/support.js';

/** `apply`'s flags as Terraform users expect them (#17 item 10). */
describe.each(storeTargets())(
  'apply --lock-timeout and --detailed-exitcode ($dialect)',
  (target) => {
    test('durations as Terraform takes them; exit 2 only when the apply recorded changes', async () => {
      const dir = await tempDir({ 'config/tenant.yaml': tenantFiles('acme')['tenant.yaml']! });
      const db = await target.freshUrl();
      const apply = (...args: string[]) =>
        runCli(['apply', 'config', '--auto-approve', '--actor', ADMIN, '--db', db, ...args], {
          cwd: dir,
        });

      const first = await apply('--lock-timeout', '1m30s', '--detailed-exitcode');
      expect(first.stderr).toContain('Apply complete: 3 created');
      expect(first.code).toBe(2);
      for (const timeout of ['10s', '500ms', '2m', '45']) {
        const again = await apply('--lock-timeout', timeout, '--detailed-exitcode');
        expect(again.code, `${timeout}: ${again.stderr}`).toBe(0);
      }

      const saved = path.join(dir, 'plan.json');
      await writeFile(
        path.join(dir, 'config', 'teams.yaml'),
        teamsYaml('acme', [{ name: 'Night' }]),
      );
      const planned = await runCli(['plan', 'config', '--db', db, '--out', saved], { cwd: dir });
      expect(planned.code, planned.stderr).toBe(0);
      const fromFile = await runCli(
        ['apply', saved, '--actor', ADMIN, '--db', db, '--detailed-exitcode'],
        { cwd: dir },
      );
      expect(fromFile.stderr).toContain('Apply complete: 1 created');
      expect(fromFile.code).toBe(2);
      expect((await apply()).code).toBe(0); // without the flag: 0 as before
    }, 120_000);
  },
);

describe('apply --lock-timeout refuses what is not a duration', () => {
  test.each(['10x', '-5s', '1m30', 'soon'])(
    '%s: a clear message, exit 1, nothing created',
    async (value) => {
      const dir = await tempDir({ 'config/tenant.yaml': tenantFiles('acme')['tenant.yaml']! });
      const result = await runCli(
        [
          'apply',
          'config',
          '--auto-approve',
          '--actor',
          ADMIN,
          '--lock-timeout',
          value,
          '--db',
          'pglite:state',
        ],
        { cwd: dir },
      );
      expect(result.stderr).toBe(
        `error USAGE --lock-timeout takes a duration such as 10s, 2m, 1m30s or 500ms, or plain seconds (at most 596h), not "${value}"\n`,
      );
      expect(result.code).toBe(1);
      expect(existsSync(path.join(dir, 'state'))).toBe(false);
    },
  );
});

describe('help', () => {
  test('apply --help documents both flags; report --help says where the page goes without --out', async () => {
    const apply = (await runCli(['apply', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(apply).toContain('--lock-timeout <duration>');
    expect(apply).toContain('10s, 2m, 1m30s, 500ms');
    expect(apply).toContain('--detailed-exitcode exit 2 when the apply recorded changes');
    const report = (await runCli(['report', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(report).toContain('(default: standard output)');
  });
});
