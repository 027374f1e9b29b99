import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

/**
 * examples/gitops/ are pipelines users copy as they are (#17 item 5): every `ccac …` command they
 * run must exist in the real CLI with the flags they give it, so that renaming a command or a
 * flag breaks this test rather than a user's first merge.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PIPELINES = ['examples/gitops/github-actions.yml', 'examples/gitops/gitlab-ci.yml'];

/** One `ccac` command line of a pipeline: its subcommand ('' for the program's own) and flags. */
interface CcacCommand {
  line: string;
  command: string;
  flags: string[];
}

/** Every string a YAML document holds, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const SHELL_OPERATOR = /^(?:&&|\|\||\||;|>|>>|2>|2>&1|\))$/;

/** The `ccac …` and `npx ccac …` commands of a pipeline file's scripts. */
function ccacCommands(yamlText: string): CcacCommand[] {
  const lines = strings(parse(yamlText)).flatMap((script) =>
    script.replace(/\\\n\s*/g, ' ').split('\n'),
  );
  const found: CcacCommand[] = [];
  for (const line of lines) {
    const words = line
      .replace(/\$\(/g, ' ')
      .split(/\s+/)
      .map((word) => word.replace(/^["']|["']$/g, ''));
    words.forEach((word, at) => {
      if (word !== 'ccac' || (at > 0 && !/^(?:npx|\||;|&&|\|\||)$/.test(words[at - 1] ?? '')))
        return;
      const rest: string[] = [];
      for (const next of words.slice(at + 1)) {
        if (SHELL_OPERATOR.test(next)) break;
        rest.push(next);
      }
      const command = rest[0] && !rest[0].startsWith('-') ? rest[0] : '';
      const flags = rest.filter((w) => w.startsWith('--')).map((w) => w.replace(/=.*/, ''));
      found.push({ line: line.trim(), command, flags });
    });
  }
  return found;
}

/** The options a help text lists, and the commands it lists when it is the program's. */
function helpOf(text: string): { flags: Set<string>; commands: Set<string> } {
  const section = (name: string) => text.split(`${name}:\n`)[1]?.split(/\n\n/)[0] ?? '';
  const flags = new Set(section('Options').match(/--[a-z][a-z0-9-]*/g) ?? []);
  const commands = new Set(
    [...section('Commands').matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!),
  );
  return { flags, commands };
}

/** What is wrong with each command against the CLI's help texts (by subcommand, '' the program). */
function problems(
  commands: readonly CcacCommand[],
  helps: ReadonlyMap<string, ReturnType<typeof helpOf>>,
): string[] {
  const program = helps.get('')!;
  return commands.flatMap(({ line, command, flags }) => {
    if (command && !program.commands.has(command)) return [`no command "${command}": ${line}`];
    const known = helps.get(command)!.flags;
    return flags
      .filter((flag) => !known.has(flag))
      .map((flag) => `ccac ${command} has no ${flag}: ${line}`);
  });
}

const text = (file: string) => readFileSync(`${REPO}${file}`, 'utf8');
const helps = new Map<string, ReturnType<typeof helpOf>>();

beforeAll(async () => {
  const used = new Set(PIPELINES.flatMap((f) => ccacCommands(text(f)).map((c) => c.command)));
  for (const command of ['', ...used]) {
    const result = await runCli(command ? [command, '--help'] : ['--help']);
    helps.set(command, helpOf(result.stdout));
  }
});

describe.each(PIPELINES)('%s', (file) => {
  const commands = ccacCommands(text(file));

  test('every ccac command it runs exists with the flags it gives', () => {
    expect(commands.length).toBeGreaterThan(2);
    expect(problems(commands, helps)).toEqual([]);
  });

  test('the reviewed plan is saved, carried as an artifact and applied with --push', () => {
    const plan = commands.find((c) => c.command === 'plan');
    expect(plan?.line).toMatch(/--out plan\.json/);
    expect(plan?.flags).toContain('--actor');
    const apply = commands.filter((c) => c.command === 'apply');
    expect(apply.map((c) => c.line)).toEqual([expect.stringMatching(/^ccac apply plan\.json /)]);
    expect(apply[0]?.flags).toContain('--push');
    expect(text(file)).toMatch(/grep -q PLAN_STALE/);
    expect(text(file)).toMatch(/stale: main changed since it was made/);
  });

  test('ccac is installed from its repository, and the parse cache kept per version', () => {
    const source = text(file);
    expect(source).not.toMatch(/npm install --global ccac\b/);
    expect(source).toMatch(/npm install --global "\$CCAC_PACKAGE"/);
    const version = JSON.parse(text('package.json')).version as string;
    expect(source).toContain(`CCAC_VERSION: ${version}`);
    expect(source).toMatch(/key: ccac-\$\{?\{? ?(?:env\.)?CCAC_VERSION/);
    expect(source).toMatch(/\.ccac\/cache/);
    expect(source).toMatch(/CCAC_CACHE_KEY/);
    expect(source).toMatch(/CCAC_PLAN_KEY/);
  });
});

test('the GitLab pipeline says it needs GITLAB_TOKEN', () => {
  expect(text('examples/gitops/gitlab-ci.yml')).toMatch(/# GITLAB_TOKEN is required/);
});

test('a renamed flag or command in a pipeline is caught', () => {
  const renamed = ccacCommands(
    'job:\n  script:\n    - ccac plan contact-center --outfile plan.json > plan.md\n    - npx ccac aply plan.json\n',
  );
  expect(problems(renamed, helps)).toEqual([
    'ccac plan has no --outfile: ccac plan contact-center --outfile plan.json > plan.md',
    'no command "aply": npx ccac aply plan.json',
  ]);
});
