import { spawn } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadWholeConfig } from '../../src/workspace/open-workspace.js';
import { loadConfig } from '../../src/config/load-config.js';
import { MAX_FILE_BYTES } from '../../src/support/read-regular-file.js';
import { CLI } from '../helpers/run-cli.js';

/**
 * Hostile input never crashes, hangs or floods the terminal: each case exits 1 with a
 * diagnostic that names file:line:column, prints no stack trace, and finishes in bounded
 * time. The fixtures are generated here (nothing huge is committed).
 */

const MB = 1 << 20;
/** Loose bounds, to catch catastrophic backtracking or a hang, not to benchmark. */
const IN_PROCESS_MS = 15_000;
const PROCESS_MS = 30_000;
/** Bounded memory too: a CLI that builds a hostile structure whole runs out of heap and fails. */
const HEAP_MB = 256;
/** Messages cut hostile values short: the whole output stays small. */
const MAX_OUTPUT = 16 * 1024;

const TENANT = (extra = '', name = 'acme') => `apiVersion: ccac/v1
kind: Tenant
metadata:
  name: ${name}
spec:
  subscription: trial
  countryOfOperation: NL
  timezone: Europe/Amsterdam
  platform: new-platform
  telephony: webex-calling
${extra}`;

const RESOURCE = (kind: string, name: string, spec: string) => `apiVersion: ccac/v1
kind: ${kind}
metadata:
  tenant: acme
  name: ${name}
spec:
${spec}`;

interface Case {
  name: string;
  content: string | Uint8Array | { sparseBytes: number };
  /** Every expected diagnostic: code and line (1-based); each must also name a column. */
  expect: { code: string; line: number; message?: RegExp }[];
  /** The CLI's heap, when not HEAP_MB. */
  heapMb?: number;
}

const long = (unit: string, suffix = '') => unit.repeat(Math.ceil(MB / unit.length)) + suffix;

/** A 1 MB value for every string field with a pattern or format. */
const LONG_STRINGS: Case[] = [
  { name: 'tenant-name', content: TENANT('', long('a')), expect: [{ code: 'SCHEMA', line: 4 }] },
  {
    name: 'tenant-name-bad-tail',
    content: TENANT('', long('a-', '!')),
    expect: [{ code: 'SCHEMA', line: 4 }],
  },
  {
    name: 'country',
    content: TENANT().replace('countryOfOperation: NL', `countryOfOperation: ${long('N')}`),
    expect: [{ code: 'SCHEMA', line: 7 }],
  },
  {
    name: 'timezone',
    content: TENANT().replace('Europe/Amsterdam', `Europe/${long('a')}`),
    expect: [{ code: 'SCHEMA', line: 8 }],
  },
  {
    name: 'e164',
    content: TENANT(`  numbers: ['+${long('1')}']\n`),
    expect: [{ code: 'SCHEMA', line: 11 }],
  },
  {
    name: 'email-domain',
    content: `apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: x@${long('a')}\n`,
    expect: [{ code: 'SCHEMA', line: 5 }],
  },
  {
    name: 'email-dots',
    content: `apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: ${long('a.', '@x.example')}\n`,
    expect: [{ code: 'SCHEMA', line: 5 }],
  },
  {
    name: 'email-hyphens',
    content: `apiVersion: ccac/v1\nkind: User\nmetadata:\n  tenant: acme\n  name: x@${long('a-', '!')}\n`,
    expect: [{ code: 'SCHEMA', line: 5 }],
  },
  {
    name: 'entry-point-name',
    content: RESOURCE('EntryPoint', long('A_', ' x'), '  channelType: chat\n'),
    expect: [{ code: 'SCHEMA', line: 5 }],
  },
  {
    name: 'resource-name',
    content: RESOURCE('Team', long('a', '/'), '  description: x\n'),
    expect: [{ code: 'SCHEMA', line: 5 }],
  },
  {
    name: 'hh-mm',
    content: RESOURCE(
      'BusinessHours',
      'b',
      `  timezone: UTC\n  shifts:\n    - name: s\n      days: [mon]\n      start: '${long('1', ':00')}'\n      end: '17:00'\n`,
    ),
    expect: [{ code: 'SCHEMA', line: 11 }],
  },
  {
    name: 'date',
    content: RESOURCE(
      'BusinessHours',
      'b',
      `  timezone: UTC\n  holidays:\n    - name: h\n      from: 2026-01-${long('1')}\n      to: 2026-01-02\n`,
    ),
    expect: [{ code: 'SCHEMA', line: 10 }],
  },
  {
    name: 'date-time',
    content: RESOURCE(
      'BusinessHours',
      'b',
      `  timezone: UTC\n  overrides:\n    - name: o\n      from: 2026-01-01T${long('1')}\n      to: 2026-01-01T10:00:00+01:00\n      open: true\n`,
    ),
    expect: [{ code: 'SCHEMA', line: 10 }],
  },
  {
    name: 'label-value',
    content: TENANT('', 'acme').replace(
      '  name: acme\n',
      `  name: acme\n  labels:\n    team: ${long('v')}\n`,
    ),
    expect: [{ code: 'SCHEMA', line: 6 }],
  },
  {
    name: 'label-key',
    content: TENANT('', 'acme').replace(
      '  name: acme\n',
      `  name: acme\n  labels:\n    ok: x\n    ? ${long('k', '!')}\n    : x\n`,
    ),
    expect: [{ code: 'SCHEMA', line: 7 }],
  },
  {
    name: 'unknown-field',
    content: TENANT(`  ? ${long('f')}\n  : 1\n`),
    expect: [{ code: 'SCHEMA', line: 11 }],
  },
  {
    name: 'definition-file',
    content: RESOURCE('Flow', 'f', `  type: routing\n  definitionFile: ${long('a/', '..')}\n`),
    expect: [{ code: 'SCHEMA', line: 8 }],
  },
  {
    name: 'alias-name',
    content: TENANT(`  displayName: *${long('x')}\n`),
    expect: [{ code: 'YAML', line: 11 }],
  },
];

const DEPTH = 10_000;
const laughs = (() => {
  const lines = ['  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
    const previous = 'abcdefghi'[i];
    lines.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  return RESOURCE(
    'Team',
    't',
    `  description: laughs\n  x:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
  );
})();

const STRUCTURE: Case[] = [
  {
    name: 'deep-flow-sequence',
    content: RESOURCE('Team', 't', `  x: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`),
    expect: [{ code: 'YAML', line: 7, message: /nested too deeply/ }],
  },
  {
    name: 'deep-flow-mapping',
    content: RESOURCE('Team', 't', `  x: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`),
    expect: [{ code: 'YAML', line: 7, message: /nested too deeply/ }],
  },
  {
    name: 'deep-block-sequence',
    content: RESOURCE('Team', 't', `  x:\n    ${'- '.repeat(DEPTH)}1\n`),
    expect: [{ code: 'YAML', line: 8, message: /nested too deeply/ }],
  },
  {
    name: 'billion-laughs',
    content: laughs,
    expect: [{ code: 'YAML', line: 14, message: /alias limit exceeded: aliases expand too far/ }],
  },
  {
    name: 'prototype-keys',
    content: `apiVersion: ccac/v1
kind: Team
__proto__: {polluted: true}
metadata:
  tenant: acme
  name: t
  constructor: {prototype: {polluted: true}}
spec:
  prototype: {polluted: true}
  __proto__:
    polluted: true
  <<: {polluted: true}
`,
    expect: [3, 7, 9, 10, 12].map((line) => ({
      code: 'SCHEMA',
      line,
      message: /unknown field "(__proto__|constructor|prototype|<<)"/,
    })),
  },
  {
    name: 'invalid-utf8',
    content: Buffer.concat([
      Buffer.from('apiVersion: ccac/v1\nkind: Team\nmetadata:\n  tenant: acme\n  name: caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ]),
    expect: [{ code: 'FILE', line: 5, message: /not valid UTF-8/ }],
  },
  {
    name: 'utf16',
    content: Buffer.from('\ufeffapiVersion: ccac/v1\n', 'utf16le'),
    expect: [{ code: 'FILE', line: 1, message: /not valid UTF-8/ }],
  },
  {
    name: 'over-size',
    content: { sparseBytes: MAX_FILE_BYTES + 1 },
    expect: [{ code: 'FILE', line: 1, message: /larger than the limit/ }],
  },
  {
    name: 'big-integers',
    content: RESOURCE(
      'Queue',
      'q',
      `  channelType: chat
  direction: inbound
  serviceLevelThresholdSeconds: 9007199254740993
  wrapUp: {timeoutSeconds: -9007199254740993}
---
${TENANT('  licenses: {standard: 0x20000000000001, premium: 123456789012345678901234567890}\n')}`,
    ),
    expect: [
      { code: 'SCHEMA', line: 9, message: /2\^53/ },
      { code: 'SCHEMA', line: 10, message: /2\^53/ },
      { code: 'SCHEMA', line: 22, message: /2\^53/ },
    ],
  },
  {
    name: 'non-finite-numbers',
    content: RESOURCE(
      'Queue',
      'q',
      '  channelType: chat\n  direction: inbound\n  serviceLevelThresholdSeconds: .inf\n  wrapUp: {timeoutSeconds: .nan}\n',
    ),
    expect: [
      { code: 'SCHEMA', line: 9, message: /got Infinity/ },
      { code: 'SCHEMA', line: 10, message: /got NaN/ },
    ],
  },
  {
    name: 'yaml-1.1-traps',
    content: `%YAML 1.1
---
${RESOURCE(
  'EntryPoint',
  '0123',
  `  channelType: outbound-telephony
  description: 1e3
  routingStrategy: 0x1F
  musicOnHold: ~
  active: no
`,
)}---
${TENANT('', 'traps').replace('countryOfOperation: NL', 'countryOfOperation: no')}`,
    expect: [
      { code: 'SCHEMA', line: 7, message: /must be a string \(got 123\); put the value in quotes/ },
      { code: 'SCHEMA', line: 10, message: /must be a string \(got 1000\)/ },
      { code: 'SCHEMA', line: 11, message: /must be a string \(got 31\)/ },
      { code: 'SCHEMA', line: 12, message: /must be a string \(got null\)/ },
      { code: 'SCHEMA', line: 13, message: /must be a boolean \(got "no"\); write true or false/ },
      { code: 'SCHEMA', line: 21, message: /ISO 3166/ },
    ],
  },
];

/** A queue listing agents, one a line from line 10 on. */
const queueWithAgents = (agents: readonly string[]) =>
  RESOURCE(
    'Queue',
    'q',
    `  channelType: chat\n  direction: inbound\n  agents:\n${agents.map((a) => `    - ${a}\n`).join('')}`,
  );
const AGENTS = Array.from({ length: 80_000 }, (_, i) => `agent${i}@acme.example`);
const TEN_THOUSAND = `[${Array.from({ length: 10_000 }, (_, i) => `item-${i}`).join(', ')}]`;

/** Inputs inside the size limit whose cost grew faster than their size (issue #16, item 9). */
const AMPLIFYING: Case[] = [
  {
    name: 'queue-80k-agents-one-twice',
    content: queueWithAgents([...AGENTS.slice(0, 70_000), AGENTS[5]!, ...AGENTS.slice(70_000)]),
    expect: [
      { code: 'SCHEMA', line: 10 + 70_000, message: /same item twice \(items 5 and 70000\)/ },
    ],
  },
  {
    name: 'aliases-of-a-long-list',
    content: RESOURCE(
      'Team',
      't',
      `  description: x\n  list: &l ${TEN_THOUSAND}\n${Array.from({ length: 99 }, (_, i) => `  k${i}: *l\n`).join('')}`,
    ),
    // Nine aliases of 10,001 values each fit in the budget of 100,000; the tenth does not.
    expect: [{ code: 'YAML', line: 8 + 10, message: /alias limit exceeded/ }],
  },
  {
    name: 'alias-inside-its-anchor',
    content: RESOURCE('Team', 't', '  description: x\n  a: &a [1, *a]\n'),
    expect: [{ code: 'YAML', line: 8, message: /alias \*a stands inside the value it names/ }],
  },
  {
    name: 'unclosed-brackets-1mb',
    content: RESOURCE('Team', 't', `  description: ${'['.repeat(MB)}\n`),
    expect: [{ code: 'YAML', line: 7, message: /nested too deeply/ }],
  },
  {
    name: 'unclosed-brackets-15mb',
    content: RESOURCE('Team', 't', `  description: ${'['.repeat(15 * MB)}\n`),
    expect: [{ code: 'YAML', line: 7, message: /nested too deeply/ }],
  },
  {
    name: 'list-of-200k-items',
    content: queueWithAgents(Array<string>(200_000).fill('1')),
    expect: [{ code: 'SCHEMA', line: 10, message: /lists 200,000 items, more than the 100,000/ }],
  },
  {
    name: 'anchored-list-of-a-million-values',
    content: RESOURCE('Team', 't', `  description: x\n  list: &a [${'1,'.repeat(1_000_001)}1]\n`),
    expect: [{ code: 'YAML', line: 8, message: /too many values to read \(more than 2,000,000\)/ }],
    // yaml holds what it has read of the list when the count stops it: a few hundred MB.
    heapMb: 768,
  },
  {
    name: 'a-hundred-thousand-and-one-documents',
    // Empty documents are left to yaml by the fast parser, and refused when there are too many.
    content: RESOURCE('Team', 't', '') + '---\n'.repeat(100_000),
    expect: [{ code: 'YAML', line: 6 + 100_000, message: /too many documents to read/ }],
    heapMb: 768,
  },
  {
    name: 'one-line-scalar-15mb',
    content: RESOURCE('Team', 't', `  description: ${'x'.repeat(15 * MB)}\n`),
    expect: [{ code: 'SCHEMA', line: 7, message: /longer than 1024 characters/ }],
  },
];

const CASES = [...LONG_STRINGS, ...STRUCTURE, ...AMPLIFYING];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ccac-hostile-'));
  for (const c of CASES) {
    const file = path.join(dir, `${c.name}.yaml`);
    if (typeof c.content === 'object' && 'sparseBytes' in c.content) {
      const handle = await open(file, 'w');
      await handle.truncate(c.content.sparseBytes);
      await handle.close();
    } else {
      await writeFile(file, c.content);
    }
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The built CLI with a hard time limit: a hang is a failure, not a stuck test run. */
function runBounded(args: readonly string[], ms: number, heapMb = HEAP_MB): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        CCAC_DEBUG: undefined,
        NODE_OPTIONS: `--max-old-space-size=${heapMb}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

function checkDiagnostics(c: Case, file: string, diagnostics: readonly JsonDiagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file, d.message).toBe(file);
    expect(d.line).toBeGreaterThan(0);
    expect(d.column).toBeGreaterThan(0);
    expect(d.message.length).toBeLessThan(400);
  }
  for (const want of c.expect) {
    const found = diagnostics.filter(
      (d) =>
        d.code === want.code &&
        d.line === want.line &&
        (!want.message || want.message.test(d.message)),
    );
    expect(
      found,
      `${want.code} at line ${want.line} in ${JSON.stringify(diagnostics)}`,
    ).not.toEqual([]);
  }
  const lines = new Set(c.expect.map((e) => `${e.code}@${e.line}`));
  const unexpected = diagnostics.filter((d) => !lines.has(`${d.code}@${d.line}`));
  expect(unexpected).toEqual([]);
}

describe('hostile input through the CLI', () => {
  test.concurrent.each(CASES.map((c) => [c.name, c] as const))(
    '%s: exit 1, a placed diagnostic, no stack trace, bounded time',
    async (_name, c) => {
      const file = path.join(dir, `${c.name}.yaml`);
      const result = await runBounded(['validate', '--format', 'json', file], PROCESS_MS, c.heapMb);
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout.length).toBeLessThan(MAX_OUTPUT);
      const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
      checkDiagnostics(c, file, diagnostics);
      const text = await runBounded(['validate', file], PROCESS_MS, c.heapMb);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: error `, 'm'));
      expect(text.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(text.stdout.length).toBeLessThan(MAX_OUTPUT);
    },
  );
});

describe('a file with 100,001 diagnostics', () => {
  test('exit 1, 100 of them shown and the rest counted, bounded time and memory', async () => {
    const file = path.join(dir, 'queue-100k-numbers.yaml');
    await writeFile(file, queueWithAgents(Array<string>(100_000).fill('1')));
    const result = await runBounded(['validate', file], PROCESS_MS);
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[99]).toMatch(/:109:7: error SCHEMA spec\.agents\[99\]: must be a string/);
    expect(lines[100]).toContain('… and 99,901 more diagnostics in this file (99,901 errors');
    expect(lines[101]).toBe('0 resources checked: 100001 errors, 0 warnings');
  });
});

describe('hostile input in process (the pure loader)', () => {
  test.each(CASES.filter((c) => typeof c.content === 'string').map((c) => [c.name, c] as const))(
    '%s: loads in bounded time',
    async (_name, c) => {
      const file = path.join(dir, `${c.name}.yaml`);
      const started = performance.now();
      const { diagnostics } = await loadWholeConfig([file]);
      expect(performance.now() - started).toBeLessThan(IN_PROCESS_MS);
      checkDiagnostics(c, file, diagnostics);
    },
  );

  test('__proto__, constructor and prototype keys do not touch Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const text = STRUCTURE.find((c) => c.name === 'prototype-keys')!.content as string;
    const { resources, diagnostics } = loadConfig([{ path: 'proto.yaml', text }]);
    expect(resources).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual(
      [3, 7, 9, 10, 12].map((line) => ['SCHEMA', line]),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('label keys named like prototype members stay plain data', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const text = TENANT().replace(
      '  name: acme\n',
      '  name: acme\n  labels: {constructor: x, prototype: y, toString: z, hasOwnProperty: w}\n',
    );
    const { resources, diagnostics } = loadConfig([{ path: 'labels.yaml', text }]);
    expect(diagnostics).toEqual([]);
    expect(resources[0]!.labels).toEqual({
      constructor: 'x',
      prototype: 'y',
      toString: 'z',
      hasOwnProperty: 'w',
    });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  test('YAML 1.2 is read even under %YAML 1.1: NO is Norway, 12:30 a time, dates are text', () => {
    const text = `%YAML 1.1\n---\n${TENANT('', 'norway').replace('countryOfOperation: NL', 'countryOfOperation: NO')}---
${RESOURCE('BusinessHours', 'b', '  timezone: Europe/Oslo\n  shifts: [{name: y, days: [mon], start: 08:30, end: 12:30}]\n  holidays: [{name: n, from: 2026-05-17, to: 2026-05-17}]\n').replace('tenant: acme', 'tenant: norway')}`;
    const { resources, diagnostics } = loadConfig([{ path: 'norway.yaml', text }]);
    expect(diagnostics).toEqual([]);
    expect(resources.map((r) => r.address).sort()).toEqual([
      'Tenant/norway',
      'norway/BusinessHours/b',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
