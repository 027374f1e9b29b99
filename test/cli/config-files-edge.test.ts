import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, open, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, withCode, type JsonDiagnostic } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The filesystem edge of reading a configuration, through the built CLI, with what a pull request
 * can carry: links (git keeps them), FIFOs and devices behind them, oversized files. Nothing
 * outside the configuration's folders reaches the plan a pipeline comments; nothing hangs or
 * fills memory; a link that is not followed is an error that names it, never a planned deletion.
 */

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const PEAK_RSS = new URL('../helpers/peak-rss.mjs', import.meta.url).href;
/** Each run's bound: a process still reading a FIFO or /dev/zero is killed, and the test fails. */
const LIMIT_MS = 30_000;
const FLOWS = 'config/vandijk-retail/flows.yaml';
const DEFINITION = 'flows/webshop-routing.json';
const SECRET = 'S3cret-d0-not-print';

/** A temp dir holding the good examples as `config/`. */
async function workspace(): Promise<string> {
  const dir = await tempDir();
  await cp(EXAMPLES, path.join(dir, 'config'), {
    recursive: true,
    filter: (source) => path.basename(source) !== 'broken',
  });
  return dir;
}

/** Points Webshop_Routing's definitionFile at `reference`; returns the field's value place. */
async function referTo(dir: string, reference: string): Promise<string> {
  const file = path.join(dir, FLOWS);
  const text = (await readFile(file, 'utf8')).replace(DEFINITION, reference);
  await writeFile(file, text);
  const before = text.slice(0, text.indexOf(`definitionFile: ${reference}`)).split('\n');
  return `${FLOWS}:${before.length}:${'  definitionFile: '.length + 1}`;
}

/** `plan config --format markdown`, the pull-request comment, on an embedded store not created yet. */
function planMarkdown(dir: string, env: Record<string, string> = {}): Promise<CliResult> {
  const args = ['plan', 'config', '--format', 'markdown', '--db', `pglite:${dir}/state`];
  return runCli(args, { cwd: dir, env, limitMs: LIMIT_MS });
}

function expectRefused(result: CliResult, place: string, why: RegExp): void {
  expect(result.timedOut).toBe(false);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  const line = result.stdout.split('\n').find((text) => text.includes(`<code>${place}</code>`));
  expect(line, result.stdout).toContain('`FILE`');
  expect(line).toMatch(/definitionFile "flows\/env\.json" cannot be read: /);
  expect(line).toMatch(why);
}

describe('a definitionFile that is not a regular file of the configuration', () => {
  test.runIf(existsSync('/proc/self/environ'))(
    'a link to /proc/self/environ: a placed FILE error, and the environment in no output',
    async () => {
      const dir = await workspace();
      await symlink('/proc/self/environ', path.join(dir, 'config/vandijk-retail/flows/env.json'));
      const place = await referTo(dir, 'flows/env.json');
      const result = await planMarkdown(dir, {
        CCAC_DATABASE_URL: `postgres://postgres:${SECRET}@127.0.0.1:1/ccac`,
      });
      expectRefused(result, place, /it leads outside the configuration's folder /);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
      // The link leads to /proc/<pid>/environ, another place each run: the plan does not say.
      expect((await planMarkdown(dir)).stdout).toBe(result.stdout);
    },
  );

  test.runIf(existsSync('/etc/passwd'))('a link to /etc/passwd: refused, not printed', async () => {
    const dir = await workspace();
    await symlink('/etc/passwd', path.join(dir, 'config/vandijk-retail/flows/env.json'));
    const place = await referTo(dir, 'flows/env.json');
    const result = await planMarkdown(dir);
    expectRefused(result, place, /it leads outside the configuration's folder /);
    const firstLine = (await readFile('/etc/passwd', 'utf8')).split('\n')[0]!;
    expect(result.stdout + result.stderr).not.toContain(firstLine);
  });

  test('a file under a hidden name (.git/config, credentials of a checkout) is never read', async () => {
    const dir = await workspace();
    await mkdir(path.join(dir, 'config/vandijk-retail/flows/.git'));
    await writeFile(
      path.join(dir, 'config/vandijk-retail/flows/.git/config'),
      `[http]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`,
    );
    const place = await referTo(dir, 'flows/.git/config');
    const result = await planMarkdown(dir);
    expect(result.code).toBe(1);
    const line = result.stdout.split('\n').find((text) => text.includes(`<code>${place}</code>`));
    expect(line).toMatch(/cannot be read: it leads under the hidden name \.git,/);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  test.runIf(existsSync('/dev/zero'))(
    'a link to /dev/zero: refused at once, nothing read',
    async () => {
      const dir = await workspace();
      await symlink('/dev/zero', path.join(dir, 'config/vandijk-retail/flows/env.json'));
      const place = await referTo(dir, 'flows/env.json');
      expectRefused(await planMarkdown(dir), place, /it leads outside the configuration's folder /);
    },
  );

  test.runIf(process.platform !== 'win32')(
    'a FIFO, as a definition file, a YAML file and a .ccacignore: refused, never waited on',
    async () => {
      const dir = await workspace();
      execFileSync('mkfifo', [
        path.join(dir, 'config/vandijk-retail/flows/env.json'),
        path.join(dir, 'config/vandijk-retail/more.yaml'),
        path.join(dir, 'config/alnoor-bank/.ccacignore'),
      ]);
      const place = await referTo(dir, 'flows/env.json');
      const result = await planMarkdown(dir);
      expectRefused(result, place, /file is a FIFO \(named pipe\), not a regular file/);
      expect(result.stdout).toMatch(
        /`FILE` <code>config\/vandijk-retail\/more\.yaml:1:1<\/code>.*file is a FIFO \(named pipe\), not a regular file/,
      );
      expect(result.stdout).toMatch(
        /`FILE` <code>config\/alnoor-bank\/\.ccacignore:1:1<\/code>.*file is a FIFO \(named pipe\), not a regular file/,
      );
    },
  );

  test('a definition file over the 16 MiB limit is refused without being read', async () => {
    const dir = await workspace();
    const size = 256 * 1024 * 1024;
    // Sparse: no disk used, but reading it whole would take `size` bytes of memory.
    const handle = await open(path.join(dir, 'config/vandijk-retail/flows/env.json'), 'w');
    await handle.truncate(size);
    await handle.close();
    const place = await referTo(dir, 'flows/env.json');
    const rssFile = path.join(dir, 'peak-rss');
    const result = await planMarkdown(dir, {
      NODE_OPTIONS: `--import ${PEAK_RSS}`,
      CCAC_TEST_PEAK_RSS_FILE: rssFile,
    });
    expectRefused(result, place, /file is 256\.0 MiB, larger than the limit of 16 MiB/);
    const peakBytes = Number(await readFile(rssFile, 'utf8')) * 1024;
    expect(peakBytes).toBeLessThan(size);
  });
});

describe('a path named on the command line', () => {
  test('a link to the folder that holds it (a checkout root, with its .git) is refused', async () => {
    const dir = await workspace();
    await symlink('.', path.join(dir, 'contact-center'));
    const result = await runCli(['validate', 'contact-center', '--format', 'json'], {
      cwd: dir,
      limitMs: LIMIT_MS,
    });
    expect(result.code).toBe(1);
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'FILE',
        file: 'contact-center',
        line: 1,
        column: 1,
        message: expect.stringMatching(
          /^contact-center is a link that leads to the folder .* that holds it/,
        ),
      }),
    ]);
  });

  test('a link to a hidden file beside it (.env) is refused, never read as YAML', async () => {
    const dir = await workspace();
    await writeFile(path.join(dir, '.env'), `${SECRET}: ${SECRET}\n`);
    await symlink('.env', path.join(dir, 'tenant.yaml'));
    const result = await runCli(['validate', 'tenant.yaml'], { cwd: dir, limitMs: LIMIT_MS });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^tenant\.yaml:1:1: error FILE tenant\.yaml is a link that leads under the hidden name \.env/,
    );
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

describe.each(storeTargets())('linked YAML files and folders on $dialect', (target) => {
  test('a tenant folder linked from outside the configuration: an error, no deletion planned', async () => {
    const ws = await cliWorkspace(target, { applied: true });
    await mkdir(path.join(ws.dir, 'elsewhere'));
    await rename(
      path.join(ws.dir, 'config/vandijk-retail'),
      path.join(ws.dir, 'elsewhere/vandijk-retail'),
    );
    await symlink('../elsewhere/vandijk-retail', path.join(ws.dir, 'config/vandijk-retail'));

    for (const args of [['--tenant', 'vandijk-retail'], []]) {
      const { code, plan } = await ws.planJson(args);
      expect(code).toBe(1);
      expect(plan.changes).toEqual([]);
      expect(withCode(plan.diagnostics, 'FILE')).toEqual([
        {
          severity: 'error',
          code: 'FILE',
          message: expect.stringMatching(
            /^link skipped: it leads outside the configuration's folder .*config\. A link is followed only within the configuration's folders; list it in \.ccacignore to leave it out$/,
          ),
          file: 'config/vandijk-retail',
          line: 1,
          column: 1,
        },
      ]);
    }
  });

  test('a tenant folder linked from inside the configuration is read, a link loop once', async () => {
    const ws = await cliWorkspace(target, { applied: true });
    // Kept where the reader does not look on its own (node_modules): only the link brings it in.
    await mkdir(path.join(ws.dir, 'config/node_modules'));
    await rename(
      path.join(ws.dir, 'config/vandijk-retail'),
      path.join(ws.dir, 'config/node_modules/vandijk-retail'),
    );
    await symlink('node_modules/vandijk-retail', path.join(ws.dir, 'config/vandijk-retail'));
    await symlink('..', path.join(ws.dir, 'config/alnoor-bank/everything'));
    await symlink('../teams.yaml', path.join(ws.dir, 'config/alnoor-bank/flows/teams.yaml'));

    const { code, plan, stderr } = await ws.planJson(['--tenant', 'vandijk-retail']);
    expect(stderr).toBe('');
    expect(plan.diagnostics).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(code).toBe(0);
  });
});
