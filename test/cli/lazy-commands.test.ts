import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const COMMANDS = ['apply', 'diff', 'drift', 'export', 'graph', 'history', 'import', 'plan', 'push'];

/** The src/ modules a run of the CLI from source loaded (V8 coverage lists every script loaded). */
async function modulesLoaded(args: readonly string[]): Promise<Set<string>> {
  const coverage = await tempDir();
  const cache = await tempDir();
  await promisify(execFile)('node', ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, NODE_V8_COVERAGE: coverage, CCAC_CACHE_DIR: cache },
  });
  const loaded = new Set<string>();
  for (const name of await readdir(coverage)) {
    const { result } = JSON.parse(await readFile(path.join(coverage, name), 'utf8')) as {
      result: { url: string }[];
    };
    for (const { url } of result)
      if (url.includes('/src/') && !url.includes('node_modules'))
        loaded.add(url.replace(/.*\/src\//, ''));
  }
  return loaded;
}

// main.ts declares every command but loads a command's module only when it runs: `validate`
// (and so the editor's save hook, the CI's first step) loads none of plan's, push's or import's.
test('a command loads its own module and no other command’s', async () => {
  const loaded = await modulesLoaded(['validate', 'examples/organizations.yaml']);
  expect(loaded).toContain('cli/commands/validate.ts');
  const others = COMMANDS.map((name) => `cli/commands/${name}.ts`).filter((m) => loaded.has(m));
  expect(others).toEqual([]);
  // Nor the store (validate needs none), nor the Webex client: only --db's default is read.
  const below = [...loaded].filter((m) => /^(webex|store)\//.test(m));
  expect(below).toEqual(['store/default-store-url.ts']);
}, 60_000);
