import { readdirSync, readFileSync } from 'node:fs';
import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The parse cache must be invisible: a run that takes unchanged files from the cache says exactly
 * what a run without it says, places of diagnostics included, even when a rule fires on a
 * cached file because of a change elsewhere.
 */

const BROKEN = fileURLToPath(new URL('../../examples/broken/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/vandijk-retail/', import.meta.url));

/** Rule fixtures (the YAML and SCHEMA ones never parse cleanly) split one document per file. */
function splitFixture(name: string): Record<string, string> {
  const text = readFileSync(path.join(BROKEN, name), 'utf8');
  const documents = text.split(/^---$/m).filter((doc) => /\bkind:/.test(doc));
  return Object.fromEntries(documents.map((doc, i) => [`doc-${i}.yaml`, doc.trimStart()]));
}

const RULE_FIXTURES = readdirSync(BROKEN).filter(
  (name) => /\.yaml$/.test(name) && !/^(yaml|schema)-/.test(name),
);

async function validate(
  dir: string,
  cache: string | 'off',
  extra: string[] = [],
  debug: Record<string, string> = {},
) {
  const env = cache === 'off' ? { CCAC_CACHE: 'off' } : { CCAC_CACHE_DIR: cache };
  return runCli(['validate', dir, ...extra], { env: { ...env, ...debug } });
}

/** CCAC_DEBUG, under which a run says what it took from the caches. */
const DEBUG = { CCAC_DEBUG: '1' };

describe('parse cache', () => {
  test.each(RULE_FIXTURES)('%s: cold, warm and uncached runs agree', async (name) => {
    const dir = await tempDir(splitFixture(name));
    const cache = await tempDir();
    const cold = await validate(dir, cache, ['--format', 'json']);
    expect((await readdir(cache)).length).toBeGreaterThan(0);
    // Answered by the configuration's check, then (without it) from the files' entries.
    const checked = await validate(dir, cache, ['--format', 'json']);
    await removeChecks(cache);
    const warm = await validate(dir, cache, ['--format', 'json']);
    const off = await validate(dir, 'off', ['--format', 'json']);
    expect(cold.code).toBe(1);
    expect(checked).toEqual(cold);
    expect(warm).toEqual(cold);
    expect(off).toEqual(cold);
  });

  test('a change in one file reports on a cached file at the same place as without the cache', async () => {
    const files = Object.fromEntries(
      readdirSync(EXAMPLE, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const full = path.join(e.parentPath, e.name);
          return [path.relative(EXAMPLE, full), readFileSync(full, 'utf8')];
        }),
    );
    const organizations = readFileSync(path.join(EXAMPLE, '../organizations.yaml'), 'utf8');
    const dir = await tempDir({ ...files, 'organizations.yaml': organizations });
    const cache = await tempDir();
    expect((await validate(dir, cache)).code).toBe(0);
    // Every business-hours reference now points at nothing: REF_UNKNOWN lands in the cached
    // flows file, whose places come from re-reading it.
    await writeFile(path.join(dir, 'business-hours.yaml'), '');
    const warm = await validate(dir, cache);
    const off = await validate(dir, 'off');
    expect(warm.code).toBe(1);
    expect(warm.stdout + warm.stderr).toMatch(/flows\.yaml:\d+:\d+/);
    expect(warm).toEqual(off);
  });

  test('a warm run reads the entries, not the files', async () => {
    const dir = await tempDir(splitFixture('queue-agent-unlicensed.yaml'));
    const cache = await tempDir();
    const cold = await validate(dir, cache, [], DEBUG);
    await removeChecks(cache);
    const warm = await validate(dir, cache, [], DEBUG);
    expect(warm.stderr).toMatch(/^ccac: parsed 0 of \d+ files$/m);
    expect(warm.stdout).toBe(cold.stdout);
  });

  test('an unchanged configuration is answered by its check, a changed one checked again', async () => {
    const dir = await tempDir(splitFixture('queue-agent-unlicensed.yaml'));
    const cache = await tempDir();
    const answered = 'ccac: no file changed since the last check';
    const first = await validate(dir, cache, [], DEBUG);
    expect(first.stderr).not.toContain(answered);
    const warm = await validate(dir, cache, [], DEBUG);
    expect(warm.stderr).toContain(answered);
    expect(warm.stdout).toBe(first.stdout);

    await writeFile(
      path.join(dir, 'doc-0.yaml'),
      `# edited\n${readFileSync(path.join(dir, 'doc-0.yaml'), 'utf8')}`,
    );
    const edited = await validate(dir, cache, [], DEBUG);
    expect(edited.stderr).not.toContain(answered);
    expect(edited.stdout).toBe(first.stdout);
  });

  test('the packs of many edits are folded into one, with the entries in use', async () => {
    const dir = await tempDir(splitFixture('queue-agent-unlicensed.yaml'));
    const written = Date.now();
    const cache = await tempDir();
    await validate(dir, cache);
    // Entries as builds before packs wrote them, one file each: gone at the fold.
    await Promise.all(
      Array.from({ length: 3 }, (_, i) => writeFile(path.join(cache, oldEntry(i)), '{}')),
    );
    const original = readFileSync(path.join(dir, 'doc-0.yaml'), 'utf8');
    const packs = async () => (await readdir(cache)).filter((name) => name.startsWith('pack-'));
    // Each edit's run packs the edited file's entry: eight packs, then the ninth run folds them.
    for (let edit = 1; edit <= 7; edit++) {
      await writeFile(path.join(dir, 'doc-0.yaml'), `# edit ${edit}\n${original}`);
      await validate(dir, cache);
    }
    expect(await packs()).toHaveLength(8);
    // The file index records only files older than 2 s (file-index.ts SETTLE_NS): on a fast
    // machine the runs above may all come sooner, and the fold's run must find some to record.
    await sleep(Math.max(0, written + 2_100 - Date.now()));
    await writeFile(path.join(dir, 'doc-0.yaml'), `# edit 8\n${original}`);
    await validate(dir, cache);
    expect(await packs()).toHaveLength(1);
    expect((await readdir(cache)).filter((name) => name.endsWith('.json')).sort()).toEqual([
      expect.stringMatching(/^check-/),
      'files.json',
    ]);
    await removeChecks(cache);
    const warm = await validate(dir, cache, [], DEBUG);
    expect(warm.stderr).toMatch(/^ccac: parsed 0 of \d+ files$/m);
  });

  test('a damaged entry is a miss, and an unwritable cache only costs a parse', async () => {
    const dir = await tempDir(splitFixture('queue-agent-unlicensed.yaml'));
    const cache = await tempDir();
    const first = await validate(dir, cache);
    for (const entry of await readdir(cache)) await writeFile(path.join(cache, entry), '{"resou');
    expect(await validate(dir, cache)).toEqual(first);
    const readOnly = await tempDir();
    await chmod(readOnly, 0o500);
    expect(await validate(dir, path.join(readOnly, 'cache'))).toEqual(first);
  });
});

/** The name of an entry as a single file (builds before packs): zeros and a number, as long as a digest. */
function oldEntry(i: number): string {
  return `${i.toString(16).padStart(64, '0')}.json`;
}

/** Removes the checks of whole configurations, so the next run reads the entries of its files. */
async function removeChecks(cache: string): Promise<void> {
  for (const name of await readdir(cache))
    if (name.startsWith('check-')) await rm(path.join(cache, name));
}
