import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/check-config.js';
import { openStore } from '../../src/store/open-store.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ADMIN, dumpStore, freshPgDatabase, PG_URL, tenantFiles } from './support.js';

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));

/** Bounded memory: a CLI that tries to expand a bomb dies instead of passing. */
const BOUNDED = { NODE_OPTIONS: '--max-old-space-size=384' };

const corrupt = (name: string, code: string) => ({ name, code });
const BAD = [
  corrupt('alias-bomb.yaml', 'YAML'),
  corrupt('big-number.yaml', 'SCHEMA'),
  corrupt('bidi-in-name.yaml', 'SCHEMA'),
  corrupt('control-in-name.yaml', 'SCHEMA'),
  corrupt('duplicate-key.yaml', 'YAML'),
  corrupt('invalid-utf8.yaml', 'FILE'),
  corrupt('invisible-in-name.yaml', 'SCHEMA'),
  corrupt('lone-surrogate.yaml', 'SCHEMA'),
  corrupt('nul-in-description.yaml', 'SCHEMA'),
  corrupt('nul-in-name.yaml', 'SCHEMA'),
  corrupt('over-max-length.yaml', 'SCHEMA'),
  corrupt('proto-keys.yaml', 'SCHEMA'),
  corrupt('regex-hostile-entry-point.yaml', 'SCHEMA'),
  corrupt('yaml11-traps.yaml', 'SCHEMA'),
];

// One store for the whole file (nothing is written by the rejected inputs): PostgreSQL in CI, else PGlite.
async function keptDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ccac-hostile-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe(`hostile input through apply on ${PG_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let url: string;
  let before: string;
  beforeAll(async () => {
    url = PG_URL ? await freshPgDatabase() : `pglite:${path.join(await keptDir(), 'state')}`;
    const base = await tempDir(tenantFiles('acme'));
    const first = await runCli(['apply', base, '--actor', ADMIN, '--auto-approve', '--db', url]);
    expect(first.code, first.stderr).toBe(0);
    before = await dumpStore(url);
  });

  async function applyRejected(file: string, content: string | Buffer, code: string) {
    const dir = await tempDir({ ...tenantFiles('acme'), [file]: content });
    const started = Date.now();
    const result = await runCli(['apply', dir, '--actor', ADMIN, '--auto-approve', '--db', url], {
      env: BOUNDED,
    });
    const ms = Date.now() - started;
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout + result.stderr).toMatch(
      new RegExp(`${file.replace('.', '\\.')}:\\d+:\\d+: error ${code}`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(ms).toBeLessThan(30_000);
    expect(await dumpStore(url)).toBe(before);
  }

  it.each(BAD)('$name: $code with its place, nothing written', async ({ name, code }) => {
    await applyRejected(name, await readFile(path.join(HOSTILE, name)), code);
  });

  it('10,000-deep nesting: a diagnostic, nothing written', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const text = `apiVersion: ccac/v1\nkind: Team\nmetadata: {tenant: acme, name: Deep}\nspec: {description: ${deep}}\n`;
    await applyRejected('deep.yaml', text, '(YAML|SCHEMA)');
  });

  it('a 50 MB file: a diagnostic, bounded time and memory, nothing written', async () => {
    const text = `apiVersion: ccac/v1\nkind: Team\nmetadata: {tenant: acme, name: Huge}\nspec: {description: "${'x'.repeat(50 * 1024 * 1024)}"}\n`;
    await applyRejected('huge.yaml', text, '(FILE|YAML|SCHEMA)');
  });

  it('prototype keys do not reach Object.prototype (loaded in this process)', async () => {
    const text = await readFile(path.join(HOSTILE, 'proto-keys.yaml'), 'utf8');
    const loaded = loadConfig([{ path: 'proto-keys.yaml', text }]);
    expect(loaded.diagnostics.length + loaded.resources.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('legal hostile-looking names (SQL, shell, RTL, emoji, BOM, exactly maxLength) apply and round-trip', async () => {
    const legal = {
      ...tenantFiles('acme'),
      'legal-names.yaml': await readFile(path.join(HOSTILE, 'legal-names.yaml')),
      'legal-bom.yaml': await readFile(path.join(HOSTILE, 'legal-bom.yaml')),
    };
    const dir = await tempDir(legal);
    const applied = await runCli(['apply', dir, '--actor', ADMIN, '--auto-approve', '--db', url]);
    expect(applied.code, applied.stderr).toBe(0);
    const store = await openStore(url);
    try {
      const { model } = await store.readState(['acme']);
      const team = (name: string) => model.byAddress.get(`acme/Team/${name}`);
      expect(team("x'); DROP TABLE resources;--")?.labels).toEqual({
        shell: '$(rm -rf ~)',
        backtick: '`reboot`',
      });
      expect(team("x'); DROP TABLE resources;--")?.spec).toEqual({
        description: "'; DELETE FROM revisions; -- $(rm -rf ~) && echo pwned",
      });
      expect(team('$(rm -rf ~)')?.spec).toEqual({
        description: '\u202Eevil.exe שלום مرحبا',
      });
      expect(team('Support 🎧👩‍💻 שלום')?.spec).toEqual({ description: '🇳🇱 emoji, ZWJ and flags' });
      expect(team('WithBom')).toBeDefined();
      expect(model.byAddress.get(`acme/EntryPoint/${'A'.repeat(80)}`)).toBeDefined();
      expect((await store.readRevisions(['acme'])).length).toBe(2);
    } finally {
      await store.close();
    }
    const plan = await runCli(['plan', dir, '--db', url, '--format', 'json']);
    expect(JSON.parse(plan.stdout).changes).toEqual([]);
    const exported = await runCli(['export', '--out', path.join(dir, 'exported'), '--db', url]);
    if (exported.code === 0) {
      const replan = await runCli([
        'plan',
        path.join(dir, 'exported'),
        '--db',
        url,
        '--format',
        'json',
      ]);
      expect(JSON.parse(replan.stdout).changes).toEqual([]);
      const files = await readdir(path.join(dir, 'exported'), { recursive: true });
      const text = (
        await Promise.all(
          files
            .filter((f) => f.endsWith('.yaml'))
            .map((f) => readFile(path.join(dir, 'exported', f), 'utf8')),
        )
      ).join('\n');
      for (const s of ['DROP TABLE resources;--', '$(rm -rf ~)', '🎧👩‍💻', 'مرحبا'])
        expect(text).toContain(s);
    } else {
      console.log(
        'ccac export is not available yet: round trip checked through the store and plan',
      );
    }
  });
});
