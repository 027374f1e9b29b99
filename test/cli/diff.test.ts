import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ODD_ADMIN, ODD_TENANT, oddConfig } from '../unit/export/odd-config.js';

interface JsonPlan {
  changes: { address: string; action: string; fields: { path: string }[] }[];
  diagnostics: { code: string; file?: string; line?: number }[];
}

const json = (stdout: string) => JSON.parse(stdout) as JsonPlan;

/** The same configuration written differently: documents reversed, lists reversed, files merged. */
function shuffled(): Record<string, string> {
  const config = oddConfig();
  const teams = config['teams.yaml']!.split('---\n').reverse();
  return {
    'all/one.yaml': [...teams, config['users.yaml']!].join('---\n'),
    'all/z/tenant.yaml': config['tenant.yaml']!.replace(
      "numbers: ['+31201234500']",
      "numbers:\n    - '+31201234500'\n  connect: {}",
    ),
    'all/flows.yaml': config['flows.yaml']!,
    'all/defs/flow-0.json': config['defs/flow-0.json']!,
    'all/defs/flow-1.json': config['defs/flow-1.json']!,
    'all/defs/flow-2.json': config['defs/flow-2.json']!,
  };
}

describe('ccac diff of files', () => {
  test('two directories differing in a few fields: exactly those, exit 2 with --detailed-exitcode', async () => {
    const a = await tempDir(oddConfig());
    const changed = oddConfig();
    changed['users.yaml'] = changed['users.yaml']!.replace('license: premium', 'license: none');
    changed['defs/flow-0.json'] = '{"changed": true}\n';
    const b = await tempDir(changed);
    const result = await runCli(['diff', a, b, '--format', 'json', '--detailed-exitcode']);
    expect(result.code).toBe(2);
    const plan = json(result.stdout);
    expect(plan.changes.map((c) => [c.action, c.address, c.fields.map((f) => f.path)])).toEqual([
      ['update', `${ODD_TENANT}/Flow/مركز الاتصال`, ['spec.definition']],
      ['update', `${ODD_TENANT}/User/${ODD_ADMIN}`, ['spec.license']],
    ]);
    const text = await runCli(['diff', a, b]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`ccac diff ${a} → ${b}`);
  });

  test('file layout, document order and list order carry no meaning', async () => {
    const a = await tempDir(oddConfig());
    const b = await tempDir(shuffled());
    const result = await runCli(['diff', a, path.join(b, 'all'), '--detailed-exitcode']);
    expect(result.stdout).toContain('No differences');
    expect(result.code).toBe(0);
  });

  test('a config error in an operand is a diagnostic with its place, exit 1', async () => {
    const a = await tempDir(oddConfig());
    const broken = oddConfig();
    broken['users.yaml'] = broken['users.yaml']!.replace('license: premium', 'license: gold');
    const b = await tempDir(broken);
    const result = await runCli(['diff', a, b, '--format', 'json']);
    expect(result.code).toBe(1);
    const plan = json(result.stdout);
    expect(plan.changes).toEqual([]);
    expect(plan.diagnostics).toMatchObject([
      { code: 'SCHEMA', file: path.join(b, 'users.yaml'), line: 9 },
    ]);
    expect((await runCli(['diff', 'rev:x', a])).code).toBe(1);
  });

  test('git:REF and git:REF:PATH read commits without a checkout, flow definitions included', async () => {
    const repo = await tempDir(
      Object.fromEntries(Object.entries(oddConfig()).map(([f, t]) => [`cfg/${f}`, t])),
    );
    await writeFile(path.join(repo, '.ccacignore'), 'ignored.yaml\n');
    await writeFile(path.join(repo, 'ignored.yaml'), 'not: [valid\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    await writeFile(path.join(repo, 'cfg', 'defs', 'flow-1.json'), '{"v": 2}\n');
    git('commit', '-q', '-am', 'two');
    await writeFile(path.join(repo, 'cfg', 'defs', 'flow-1.json'), '{"v": 3}\n');

    const clean = await runCli(['diff', 'git:HEAD:cfg', 'cfg', '--detailed-exitcode'], {
      cwd: repo,
    });
    expect(clean.code, clean.stdout + clean.stderr).toBe(2);
    expect(
      json(
        (await runCli(['diff', 'git:HEAD:cfg', 'cfg', '--format', 'json'], { cwd: repo })).stdout,
      ).changes,
    ).toMatchObject([
      {
        action: 'update',
        address: `${ODD_TENANT}/Flow/צוות תמיכה`,
        fields: [{ path: 'spec.definition' }],
      },
    ]);
    const history = await runCli(
      ['diff', 'git:HEAD~1', 'git:HEAD', '--format', 'json', '--detailed-exitcode'],
      {
        cwd: repo.concat('/cfg'),
      },
    );
    expect(history.code, history.stdout).toBe(2);
    expect(json(history.stdout).changes).toHaveLength(1);
    const same = await runCli(['diff', 'git:HEAD~1:cfg', 'git:HEAD~1', '--detailed-exitcode'], {
      cwd: repo,
    });
    // At the root, ignored.yaml would be a YAML error if .ccacignore did not leave it out.
    expect(same.code, same.stdout).toBe(0);
    const both = await runCli(['diff', 'git:HEAD~1:cfg', 'git:HEAD:cfg', '--detailed-exitcode'], {
      cwd: repo,
    });
    expect(both.code).toBe(2);
    const bad = await runCli(['diff', 'git:nope', 'cfg'], { cwd: repo });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/git:nope: nope names no commit/);
  });
});

/** The odd configuration, and a second version of it with one user's license changed. */
function oddVersions(): [Record<string, string>, Record<string, string>] {
  const v2 = oddConfig();
  v2['users.yaml'] = v2['users.yaml']!.replace('license: premium', 'license: none');
  return [oddConfig(), v2];
}

/** Both versions applied, one after the other (seeded once per run and database). */
async function applyOddVersions(db: string): Promise<void> {
  for (const files of oddVersions()) {
    const dir = await tempDir(files);
    const result = await runCli(['apply', dir, '--actor', ODD_ADMIN, '--auto-approve', '--db', db]);
    if (result.code !== 0) throw new Error(`apply failed (exit ${result.code}): ${result.stderr}`);
  }
}

describe.each(storeTargets())('ccac diff with the store on $dialect', (target) => {
  test('rev:N vs live after a second apply; live vs the files applied', async () => {
    const db = await target.seededUrl('odd-versions-applied', applyOddVersions);
    const [v1files, v2files] = oddVersions();
    const v1 = await tempDir(v1files);
    const v2 = await tempDir(v2files);
    const result = await runCli([
      'diff',
      'rev:1',
      'live',
      '--db',
      db,
      '--format',
      'json',
      '--detailed-exitcode',
    ]);
    expect(result.code, result.stderr).toBe(2);
    expect(json(result.stdout).changes.map((c) => c.address)).toEqual([
      `${ODD_TENANT}/User/${ODD_ADMIN}`,
    ]);
    expect((await runCli(['diff', 'live', v2, '--db', db, '--detailed-exitcode'])).code).toBe(0);
    expect((await runCli(['diff', v1, 'rev:1', '--db', db, '--detailed-exitcode'])).code).toBe(0);
    const empty = await runCli(['diff', 'rev:0', 'live', '--db', db, '--format', 'json']);
    expect(json(empty.stdout).changes.every((c) => c.action === 'create')).toBe(true);
  });
});
