import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The good examples in a temp dir, with one edit: `from` replaced by `to` in `file`. */
async function examplesWith(file: string, from: string | RegExp, to: string): Promise<string> {
  const dir = await tempDir();
  for (const part of ['organizations.yaml', 'alnoor-bank', 'vandijk-retail'])
    await cp(path.join(EXAMPLES, part), path.join(dir, part), { recursive: true });
  const target = path.join(dir, file);
  const text = await readFile(target, 'utf8');
  const edited = text.replace(from, to);
  expect(edited).not.toBe(text);
  await writeFile(target, edited);
  return dir;
}

function validate(dir: string, ...extra: string[]) {
  return runCli(['validate', 'organizations.yaml', 'alnoor-bank', 'vandijk-retail', ...extra], {
    cwd: dir,
    env: { CCAC_CACHE: 'off' },
  });
}

test('one bad field in a Team is one error: the Team is still declared for its references', async () => {
  const dir = await examplesWith(
    'alnoor-bank/teams.yaml',
    '  description: Accounts',
    '  descripton: Accounts',
  );
  const result = await validate(dir);
  expect(result.stdout.split('\n')).toEqual([
    'alnoor-bank/teams.yaml:7:3: error SCHEMA spec.descripton: unknown field "descripton" (did you mean "description"?)',
    expect.stringMatching(/ resources checked: 1 error, 0 warnings$/),
    '',
  ]);
  expect(result.code).toBe(1);
});

test('a misspelt tenant is one error, shown first, with its follow-ons counted', async () => {
  const dir = await examplesWith(
    'vandijk-retail/tenant.yaml',
    /^ {2}name: vandijk-retail$/m,
    '  name: vandijk-retial',
  );
  // A second, unrelated mistake in a file sorted before the tenant's: the root cause still leads.
  await writeFile(
    path.join(dir, 'alnoor-bank/teams.yaml'),
    (await readFile(path.join(dir, 'alnoor-bank/teams.yaml'), 'utf8')).replace(
      '  name: Collections',
      '  name: Collections\n  labels: {a: [1]}',
    ),
  );
  const text = await validate(dir);
  const lines = text.stdout.split('\n');
  expect(lines[0]).toMatch(
    /^vandijk-retail\/[a-z-]+\.yaml:\d+:11: error REF_UNKNOWN tenant "vandijk-retail" is not declared \(did you mean "vandijk-retial"\?\); \d+ more resources name it \(not listed\)$/,
  );
  expect(lines[1]).toMatch(/^alnoor-bank\/teams.yaml:.* error SCHEMA/);
  expect(lines.at(-2)).toMatch(/ resources checked: 2 errors, 0 warnings$/);
  expect(text.code).toBe(1);
  const json = await validate(dir, '--format', 'json');
  const [root] = (JSON.parse(json.stdout) as { diagnostics: { followOns?: number }[] }).diagnostics;
  expect(root?.followOns).toBeGreaterThan(30);
});
