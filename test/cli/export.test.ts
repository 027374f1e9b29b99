import { readdir, readFile, writeFile, mkdir, access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { examplesAppliedUrl } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ODD_ADMIN, ODD_TENANT, oddConfig } from '../unit/export/odd-config.js';

/** Every file below `dir` (relative path → content), hidden ones included. */
async function snapshot(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, await snapshot(dir, relative));
    else out[relative] = await readFile(path.join(dir, relative), 'utf8');
  }
  return out;
}

/** The odd configuration after a second edit: one team changed, one deleted, one added, a flow gone. */
function secondVersion(): Record<string, string> {
  const config = oddConfig('changed text');
  const teams = config['teams.yaml']!.split('---\n');
  teams.splice(1, 1);
  teams.push(
    `apiVersion: ccac/v1\nkind: Team\nmetadata:\n  tenant: ${ODD_TENANT}\n  name: "NEW ✨ team"\nspec:\n  description: "on"\n`,
  );
  config['teams.yaml'] = teams.join('---\n');
  config['flows.yaml'] = config['flows.yaml']!.split('---\n').slice(0, 2).join('---\n');
  return config;
}

describe.each(storeTargets())('ccac export on $dialect', (target) => {
  test('examples: export plans to no changes, twice byte-identical, into a directory with other files', async () => {
    const db = await examplesAppliedUrl(target);
    const first = await tempDir({ 'README.md': 'mine\n', 'notes/keep.txt': 'mine too\n' });
    const second = await tempDir();
    const exported = await runCli(['export', '--db', db, '--out', first]);
    expect(exported.code, exported.stderr).toBe(0);
    expect((await runCli(['export', '--db', db, '--out', second])).code).toBe(0);

    const plan = await runCli(['plan', first, '--db', db, '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);

    const a = await snapshot(first);
    const b = await snapshot(second);
    expect(a['README.md']).toBe('mine\n');
    expect(a['notes/keep.txt']).toBe('mine too\n');
    delete a['README.md'];
    delete a['notes/keep.txt'];
    expect(a).toEqual(b);
    expect(Object.keys(b)).toContain('organizations.yaml');
    expect(Object.keys(b)).toContain('vandijk-retail/users.yaml');

    // Without --out the examples' flow definitions have nowhere to go: refused, nothing printed.
    const stream = await runCli(['export', '--db', db]);
    expect(stream.code).toBe(1);
    expect(stream.stdout).toBe('');
    expect(stream.stderr).toMatch(/flow definitions.*--out DIR/);
  });

  test('revisions: create, update, delete; export --revision N equals what was applied at N', async () => {
    const db = await target.freshUrl();
    const v1 = await tempDir(oddConfig());
    const v2 = await tempDir(secondVersion());
    for (const dir of [v1, v2]) {
      const applied = await runCli([
        'apply',
        dir,
        '--actor',
        ODD_ADMIN,
        '--auto-approve',
        '--db',
        db,
      ]);
      expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    }
    const store = await target.open(db);
    const ids = (await store.readRevisions()).map((r) => r.id).sort((x, y) => x - y);
    await store.close();
    expect(ids).toHaveLength(2);

    const atFirst = await tempDir();
    const now = await tempDir();
    expect(
      (await runCli(['export', '--db', db, '--revision', String(ids[0]), '--out', atFirst])).code,
    ).toBe(0);
    expect((await runCli(['export', '--db', db, '--out', now])).code).toBe(0);

    const same1 = await runCli(['diff', v1, atFirst, '--detailed-exitcode']);
    expect(same1.stdout + same1.stderr).toContain('No differences');
    expect(same1.code).toBe(0);
    const same2 = await runCli(['diff', v2, now, '--detailed-exitcode']);
    expect(same2.code, same2.stdout).toBe(0);
    const differ = await runCli(['diff', atFirst, now, '--detailed-exitcode', '--format', 'json']);
    expect(differ.code).toBe(2);
    const summary = (JSON.parse(differ.stdout) as { summary: unknown }).summary;
    expect(summary).toEqual({ create: 1, update: 10, delete: 2 });

    // Odd names come back exactly, and the live export plans to nothing.
    const teams = await readFile(path.join(now, ODD_TENANT, 'teams.yaml'), 'utf8');
    expect(teams).toContain("x'); DROP TABLE resources;--");
    expect(teams).toContain('NEW ✨ team');
    expect(teams).toContain('"yes"');
    const plan = await runCli(['plan', now, '--db', db, '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);

    // Re-exporting revision 1 into the live export removes the files only revision 2 lacks...
    const before = await snapshot(now);
    await writeFile(path.join(now, 'mine.yaml'), '# a user file\n');
    const back = await runCli(['export', '--db', db, '--revision', String(ids[0]), '--out', now]);
    expect(back.code).toBe(0);
    expect(back.stderr).toContain('mine.yaml');
    const after = await snapshot(now);
    expect(after['mine.yaml']).toBe('# a user file\n');
    delete after['mine.yaml'];
    expect(after).toEqual(await snapshot(atFirst));
    // ...and forward again: the deleted flow's file goes, nothing else is touched.
    expect((await runCli(['export', '--db', db, '--out', now])).code).toBe(0);
    const forward = await snapshot(now);
    delete forward['mine.yaml'];
    expect(forward).toEqual(before);

    const missing = await runCli(['export', '--db', db, '--revision', '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/revision 99 does not exist: the latest is \d+/);
    const unknown = await runCli(['export', '--db', db, '--tenant', 'nope', '--out', atFirst]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--tenant nope: no tenant of that name is stored');
  });

  test('a state without flow definitions prints one YAML stream that plans to no changes', async () => {
    const db = await target.freshUrl();
    const config = oddConfig();
    delete config['flows.yaml'];
    const dir = await tempDir(config);
    expect(
      (await runCli(['apply', dir, '--actor', ODD_ADMIN, '--auto-approve', '--db', db])).code,
    ).toBe(0);
    const stream = await runCli(['export', '--db', db, '--tenant', ODD_TENANT]);
    expect(stream.code, stream.stderr).toBe(0);
    const file = path.join(await tempDir(), 'state.yaml');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, stream.stdout);
    const plan = await runCli(['plan', file, '--db', db, '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
    await expect(access(path.join(path.dirname(file), '.ccac-export.json'))).rejects.toThrow();
  });
});
