import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadFileEntry } from '../../src/workspace/load-with-entries.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Security issue #16, item 3: nothing in the cache folder is believed unless this machine's ccac
 * wrote it for these very bytes. The shipped pipeline runs from the repository root, so a pull
 * request can add `.ccac/cache` (the default folder, used here); whatever it holds, a run prints
 * what the YAML says — what a run with CCAC_CACHE=off prints.
 */

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const BUILD = (
  JSON.parse(readFileSync(new URL('../../dist/build-id.json', import.meta.url), 'utf8')) as {
    id: string;
  }
).id;

const PLAN = ['plan', 'config', '--format', 'json'];
const VALIDATE = ['validate', 'config', '--format', 'json'];
const USERS = 'vandijk-retail/users.yaml';

/** A read-only admin without a license, as her entry holds her; and as a forger would have her. */
const SANNE =
  '"adminRoles":["read-only-admin"],"connectRole":"read-only","contactCenterRole":"none","displayName":"Sanne Visser","license":"none"';
const FORGED_SANNE = SANNE.replace('read-only-admin', 'full-admin').replace(
  '"license":"none"',
  '"license":"premium"',
);

interface Workspace {
  dir: string;
  config: string;
  /** The default cache folder of a run from `dir`, as in the shipped pipeline. */
  cache: string;
  /** This machine's state folder (XDG_STATE_HOME), where its cache key lives. */
  machine: string;
}

/** The good examples as `config/` in a fresh folder, with a machine of its own. */
async function examplesWorkspace(): Promise<Workspace> {
  const dir = realpathSync(await tempDir());
  const config = path.join(dir, 'config');
  await cp(EXAMPLES, config, { recursive: true, filter: (s) => path.basename(s) !== 'broken' });
  return { dir, config, cache: path.join(dir, '.ccac/cache'), machine: await tempDir() };
}

/**
 * ccac run from the workspace on its machine (unless `env` says otherwise), saying what it took
 * from the caches; killed should it hang on what the cache folder holds.
 */
function ccac(
  ws: Workspace,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return runCli(args, {
    cwd: ws.dir,
    env: { XDG_STATE_HOME: ws.machine, CCAC_CACHE_KEY: undefined, CCAC_DEBUG: '1', ...env },
    limitMs: 30_000,
  });
}

/** What the YAML says: stdout and exit code of a run without any cache. */
async function uncached(ws: Workspace, args: readonly string[]) {
  const { stdout, code } = await runCli(args, { cwd: ws.dir, env: { CCAC_CACHE: 'off' } });
  return { stdout, code };
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** How many files a run parsed, and of how many, from its CCAC_DEBUG notes. */
function parsed(result: CliResult): [number, number] {
  const match = /ccac: parsed (\d+) of (\d+) files/.exec(result.stderr);
  expect(match, result.stderr).not.toBeNull();
  return [Number(match![1]), Number(match![2])];
}

async function removeChecks(cache: string): Promise<void> {
  for (const name of await readdir(cache))
    if (name.startsWith('check-')) await rm(path.join(cache, name));
}

/** The cache files whose text contains `needle`. */
async function cacheFilesWith(cache: string, needle: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(cache)) {
    const file = path.join(cache, name);
    if ((await readFile(file, 'utf8')).includes(needle)) out.push(file);
  }
  return out;
}

/** A file's text with its JSON edited; whatever comes before the JSON (a MAC, say) is kept. */
async function editJson(file: string, edit: (json: string) => string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const start = text.indexOf('{');
  await writeFile(file, text.slice(0, start) + edit(text.slice(start)));
}

describe('the cache trusts only what this machine wrote', () => {
  test('a forged entry, named as ccac named entries before, does not change the plan', async () => {
    const ws = await examplesWorkspace();
    const honest = await ccac(ws, PLAN);
    expect(honest.code).toBe(0);

    // The attack of the issue: an entry for the file's exact bytes, named from the build id and
    // the bytes' digest, whose content makes Sanne a full admin on a premium license.
    const users = path.join(ws.config, USERS);
    const bytes = await readFile(users);
    const entry = JSON.stringify(loadFileEntry({ path: users, text: bytes.toString('utf8') }));
    expect(entry).toContain(SANNE);
    const name = `${sha256(`${BUILD}\0bytes ${sha256(bytes)}`)}.json`;
    await writeFile(path.join(ws.cache, name), entry.replace(SANNE, FORGED_SANNE));
    await removeChecks(ws.cache);

    const planned = await ccac(ws, PLAN);
    expect({ stdout: planned.stdout, code: planned.code }).toEqual(await uncached(ws, PLAN));
    expect(planned.stdout).toBe(honest.stdout);
    // The cache still serves this machine: every file from its own entries.
    expect(parsed(planned)[0]).toBe(0);
  });

  test('an entry edited after ccac wrote it is a miss, parsed again', async () => {
    const ws = await examplesWorkspace();
    const honest = await ccac(ws, PLAN);
    const [pack, ...others] = await cacheFilesWith(ws.cache, '"sanne.visser@vandijk.example"');
    expect(others.filter((file) => !path.basename(file).startsWith('check-'))).toEqual([]);
    // Edited in place, her entry as long as before: the pack's index still holds, her MAC not.
    const text = await readFile(pack!, 'utf8');
    expect(text).toContain(SANNE);
    const fullAdmin = SANNE.replace('"read-only-admin"]', '"full-admin"]     ');
    await writeFile(pack!, text.replace(SANNE, fullAdmin));
    await removeChecks(ws.cache);

    const planned = await ccac(ws, PLAN);
    expect({ stdout: planned.stdout, code: planned.code }).toEqual(await uncached(ws, PLAN));
    expect(planned.stdout).toBe(honest.stdout);
    expect(parsed(planned)[0]).toBe(1);
  });

  test('a cache made on another machine is not used; this machine then makes its own', async () => {
    const ws = await examplesWorkspace();
    const elsewhere = await ccac(ws, PLAN, { XDG_STATE_HOME: await tempDir() });
    const [, files] = parsed(elsewhere);

    const here = await ccac(ws, PLAN);
    expect(here.stderr).not.toContain('no file changed since the last check');
    expect(parsed(here)).toEqual([files, files]);
    expect(here.stdout).toBe(elsewhere.stdout);

    const again = await ccac(ws, PLAN);
    expect(again.stderr).toContain('no file changed since the last check');
    await removeChecks(ws.cache);
    expect(parsed(await ccac(ws, PLAN))).toEqual([0, files]);
  });

  test('a forged file index cannot pass off an edited file as unchanged', async () => {
    const ws = await examplesWorkspace();
    const honest = await ccac(ws, PLAN);
    const users = path.join(ws.config, USERS);
    const before = await readFile(users);
    await writeFile(users, before.toString().replace('[read-only-admin]', '[full-admin]'));

    // The index as an attacker would write it: the edited file's stat, the old content's digest.
    const now = statSync(users, { bigint: true });
    const recorded = [now.size, now.mtimeNs, now.ctimeNs, now.ino].map(String);
    await writeFile(
      path.join(ws.cache, 'files.json'),
      JSON.stringify({ [users]: [...recorded, sha256(before)] }),
    );

    const planned = await ccac(ws, PLAN);
    const truth = await uncached(ws, PLAN);
    expect(truth.stdout).not.toBe(honest.stdout);
    expect({ stdout: planned.stdout, code: planned.code }).toEqual(truth);
  });

  test("a forged check record does not answer for the configuration's findings", async () => {
    const ws = await examplesWorkspace();
    const users = path.join(ws.config, USERS);
    const text = await readFile(users, 'utf8');
    await writeFile(users, text.replace('[read-only-admin]', '[full-admin, read-only-admin]'));
    const honest = await ccac(ws, VALIDATE);
    expect(honest.code).toBe(1);
    expect(honest.stdout).toContain('ROLE_EXCLUSIVE');

    // No findings: in ccac's own record, and in one named as ccac named a workspace's record.
    const clean = (json: string) => {
      const entry = JSON.parse(json) as { record: { summary: { diagnostics: unknown[] } } };
      entry.record.summary.diagnostics = [];
      return JSON.stringify(entry);
    };
    const [check] = (await readdir(ws.cache)).filter((name) => name.startsWith('check-'));
    const kept = await readFile(path.join(ws.cache, check!), 'utf8');
    await editJson(path.join(ws.cache, check!), clean);
    const workspace = sha256(`${BUILD}\0${ws.dir}\0${JSON.stringify(['config'])}`);
    await writeFile(
      path.join(ws.cache, `check-${workspace}.json`),
      clean(kept.slice(kept.indexOf('{'))),
    );

    const checked = await ccac(ws, VALIDATE);
    expect({ stdout: checked.stdout, code: checked.code }).toEqual(await uncached(ws, VALIDATE));
    expect(checked.stderr).not.toContain('no file changed since the last check');
  });

  test.each([
    ['a FIFO', (_fifo: string, file: string) => execFileSync('mkfifo', [file])],
    ['a link to a FIFO', (fifo: string, file: string) => symlink(fifo, file)],
  ])('a file index that is %s is a miss, not a hang', async (_, plant) => {
    const ws = await examplesWorkspace();
    const fifo = path.join(ws.dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await mkdir(ws.cache, { recursive: true });
    await plant(fifo, path.join(ws.cache, 'files.json'));
    const run = await ccac(ws, VALIDATE);
    expect({ stdout: run.stdout, code: run.code }).toEqual(await uncached(ws, VALIDATE));
  });
});

describe('the cache key', () => {
  test('is made once, readable by its owner alone, and kept out of what the run prints', async () => {
    const ws = await examplesWorkspace();
    const first = await ccac(ws, VALIDATE);
    const folder = path.join(ws.machine, 'ccac');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const key = path.join(folder, 'cache-key');
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    const made = await readFile(key);
    expect(made).toHaveLength(32);

    await removeChecks(ws.cache);
    const second = await ccac(ws, VALIDATE);
    expect(await readFile(key)).toEqual(made);
    expect(parsed(second)[0]).toBe(0);
    for (const output of [first, second].flatMap((r) => [r.stdout, r.stderr])) {
      expect(output).not.toContain(made.toString('hex'));
      expect(output).not.toContain(made.toString('base64'));
    }
  });

  test('a CI secret (CCAC_CACHE_KEY) shares a cache between runners that hold it', async () => {
    const ws = await examplesWorkspace();
    const secret = 'a9f3c2e1d0b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4';
    const runner = (key: string) => ({ XDG_STATE_HOME: undefined, CCAC_CACHE_KEY: key });
    const first = await ccac(ws, VALIDATE, { ...runner(secret), HOME: await tempDir() });
    const [, files] = parsed(first);
    await removeChecks(ws.cache);

    const sameSecret = await ccac(ws, VALIDATE, { ...runner(secret), HOME: await tempDir() });
    expect(parsed(sameSecret)).toEqual([0, files]);
    await removeChecks(ws.cache);
    const otherSecret = `${secret.slice(1)}0`;
    const other = await ccac(ws, VALIDATE, { ...runner(otherSecret), HOME: await tempDir() });
    expect(parsed(other)).toEqual([files, files]);
    expect(other.stdout).toBe(first.stdout);
    for (const output of [first, sameSecret, other].flatMap((r) => [r.stdout, r.stderr]))
      expect(output).not.toContain(secret.slice(0, 12));
  });

  test('without a key to be had, a run is uncached and succeeds', async () => {
    const ws = await examplesWorkspace();
    const truth = await uncached(ws, VALIDATE);
    const blocked = path.join(
      await tempDir({ state: 'a file where the folder would be' }),
      'state',
    );
    const places = [
      blocked,
      // Never in the configuration's folder or the cache folder: a checkout could hold it.
      path.join(ws.config, '.state'),
      path.join(ws.cache, 'state'),
    ];
    for (const machine of places) {
      const run = await ccac(ws, VALIDATE, { XDG_STATE_HOME: machine });
      expect({ stdout: run.stdout, code: run.code }).toEqual(truth);
      expect(run.stderr).toMatch(/ccac: caching is off: .*cache key/);
      const written = await readdir(ws.cache).catch(() => []);
      expect(written.filter((name) => /\.(json|ccac)$/.test(name))).toEqual([]);
    }
    const short = await ccac(ws, VALIDATE, { CCAC_CACHE_KEY: 'too short' });
    expect(short.stderr).toMatch(/ccac: caching is off: CCAC_CACHE_KEY/);
    expect(short.stdout).toBe(truth.stdout);
  });

  test('a cache folder reached through a link (a checkout can hold `.ccac` as one) is not used', async () => {
    const ws = await examplesWorkspace();
    const elsewhere = await tempDir();
    await symlink(elsewhere, path.join(ws.dir, '.ccac'));
    const truth = await uncached(ws, VALIDATE);
    const run = await ccac(ws, VALIDATE);
    expect({ stdout: run.stdout, code: run.code }).toEqual(truth);
    expect(run.stderr).toMatch(
      /ccac: caching is off: the cache folder is reached through the link/,
    );
    expect(await readdir(elsewhere)).toEqual([]);
  });
});
