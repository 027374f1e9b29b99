import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RevisionRecord } from '../../src/model/revision.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ODD_ADMIN, oddConfig } from '../unit/export/odd-config.js';
import { PIETER } from '../helpers/cli-store.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
}

async function newRepository(files: Record<string, string>): Promise<string> {
  const repo = await tempDir(files);
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first');
  return repo;
}

/**
 * The commit a revision records is that of the repository holding the configuration, not of the
 * current directory's, and is marked dirty when the configuration's files differ from it
 * (#17 item 11).
 */
describe('the git commit recorded with a revision', () => {
  test('the configuration’s repository, -dirty when its files differ, none outside git', async () => {
    const here = await newRepository({ 'unrelated.txt': 'the current directory\n' });
    const repo = await newRepository(
      Object.fromEntries(Object.entries(oddConfig()).map(([f, t]) => [`cfg/${f}`, t])),
    );
    const cfg = path.join(repo, 'cfg');
    const head = git(repo, 'rev-parse', 'HEAD');
    const db = `pglite:${path.join(here, '.ccac', 'state')}`;
    const run = (args: string[]) => runCli([...args, '--db', db], { cwd: here });
    const apply = async (config: string) => {
      const result = await run(['apply', config, '--auto-approve', '--actor', ODD_ADMIN]);
      expect(result.code, result.stderr).toBe(0);
    };
    const commits = async () => {
      const listed = await run(['history', '--format', 'json']);
      const { revisions } = JSON.parse(listed.stdout) as { revisions: RevisionRecord[] };
      return revisions.map((r) => r.gitCommit).reverse();
    };

    // Files ccac does not read change nothing: outside the folder, hidden, node_modules, not YAML.
    await writeFile(path.join(repo, 'notes.txt'), 'scratch\n');
    await writeFile(path.join(cfg, 'plan.json'), '{}\n');
    await mkdir(path.join(cfg, '.drafts'));
    await writeFile(path.join(cfg, '.drafts', 'team.yaml'), 'not: [read\n');
    await apply(cfg);
    expect(await commits()).toEqual([head]);

    // A flow's definition file changed but not committed.
    await writeFile(path.join(cfg, 'defs', 'flow-1.json'), '{"v": 2}\n');
    await apply(cfg);
    expect((await commits()).at(-1)).toBe(`${head}-dirty`);

    // Committed: clean again; then a YAML file not yet added, through a saved plan.
    git(repo, 'commit', '-q', '-am', 'second');
    const second = git(repo, 'rev-parse', 'HEAD');
    await writeFile(
      path.join(cfg, 'more.yaml'),
      `apiVersion: ccac/v1\nkind: Team\nmetadata:\n  tenant: odd-names\n  name: Night\nspec: {}\n`,
    );
    const saved = path.join(here, 'plan.json');
    expect((await run(['plan', cfg, '--out', saved])).code).toBe(0);
    const fromFile = await run(['apply', saved, '--actor', ODD_ADMIN]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect((await commits()).at(-1)).toBe(`${second}-dirty`);

    // The same files outside any repository, applied from inside one: no commit.
    const outside = await tempDir();
    await cp(cfg, outside, { recursive: true });
    await writeFile(path.join(outside, 'defs', 'flow-2.json'), '{"v": 3}\n');
    await apply(outside);
    expect((await commits()).at(-1)).toBeNull();

    const text = (await run(['history'])).stdout;
    expect(text).toContain(`${second.slice(0, 7)}-dirty`);
    expect(text).toContain(`  ${head.slice(0, 7)}\n`);
    const shown = await run(['history', 'show', '2']);
    expect(shown.stdout).toContain(`${head}-dirty`);
  }, 180_000);

  test('a saved plan asks about the flow definitions of tenants it takes from the store', async () => {
    const repo = await tempDir();
    const cfg = path.join(repo, 'cfg');
    await cp(EXAMPLES, cfg, {
      recursive: true,
      filter: (source) => !['broken', 'gitops'].includes(path.basename(source)),
    });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    const head = git(repo, 'rev-parse', 'HEAD');
    const run = (args: string[], env?: Record<string, string>) =>
      runCli([...args, '--db', 'pglite:.ccac/state'], { cwd: repo, ...(env && { env }) });
    const applied = await run(['apply', 'cfg', '--auto-approve', '--actor', PIETER]);
    expect(applied.code, applied.stderr).toBe(0);

    // alnoor-bank changes; vandijk-retail is as stored, one of its definition files untracked.
    const queues = path.join(cfg, 'alnoor-bank', 'queues.yaml');
    const text = await readFile(queues, 'utf8');
    await writeFile(queues, text.replace('ThresholdSeconds: 20', 'ThresholdSeconds: 25'));
    git(repo, 'commit', '-q', '-am', 'second');
    const second = git(repo, 'rev-parse', 'HEAD');
    expect(second).not.toBe(head);
    const save = async (file: string, env: Record<string, string>) => {
      const saved = await run(['plan', 'cfg', '--actor', PIETER, '--out', file], env);
      expect(saved.code, saved.stderr).toBe(0);
      // With the kept check, vandijk-retail is taken from the store, its files not loaded.
      if (env.CCAC_DEBUG) expect(saved.stderr).toContain('ccac: 1 unchanged tenants taken from');
      return JSON.parse(await readFile(path.join(repo, file), 'utf8')) as { gitCommit: string };
    };
    expect((await save('clean.json', { CCAC_DEBUG: '1' })).gitCommit).toBe(second);
    git(repo, 'rm', '-q', '--cached', 'cfg/vandijk-retail/flows/webshop-routing.json');
    const kept = await save('kept.json', { CCAC_DEBUG: '1' });
    expect(kept.gitCommit).toBe(`${second}-dirty`);
    expect(await save('whole.json', { CCAC_CACHE: 'off' })).toEqual(kept);
  }, 180_000);
});
