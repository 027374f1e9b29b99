import { expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const TENANT = `apiVersion: ccac/v1
kind: Tenant
metadata:
  name: acme
spec:
  subscription: trial
  countryOfOperation: NL
  timezone: Europe/Amsterdam
  platform: new-platform
  telephony: webex-calling
`;

test('a valid file exits 0 with a summary', async () => {
  const dir = await tempDir({ 'acme/tenant.yaml': TENANT });
  const result = await runCli(['validate', dir]);
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/0 errors, 0 warnings/);
  expect(result.code).toBe(0);
});

test('an unknown field is a SCHEMA error at its key, in text and JSON', async () => {
  const dir = await tempDir({
    'tenant.yaml': TENANT.replace('  platform:', '  platfrom: x\n  platform:'),
  });
  const text = await runCli(['validate', dir]);
  expect(text.code).toBe(1);
  expect(text.stdout).toContain(
    'tenant.yaml:9:3: error SCHEMA spec.platfrom: unknown field "platfrom"',
  );
  const json = await runCli(['validate', '--format', 'json', dir]);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout).diagnostics).toEqual([
    expect.objectContaining({ code: 'SCHEMA', line: 9, column: 3, severity: 'error' }),
  ]);
});

test('a missing path is a FILE diagnostic, not a crash', async () => {
  const result = await runCli(['validate', '/nonexistent/ccac']);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('error FILE');
  expect(result.stderr).toBe('');
});

test('past 100 diagnostics in a file, one line counts the rest; the summary counts them all', async () => {
  const agents = Array.from({ length: 250 }, (_, i) => `    - agent${i}@acme.example\n`).join('');
  const queue = `apiVersion: ccac/v1\nkind: Queue\nmetadata:\n  tenant: acme\n  name: q\nspec:\n  channelType: chat\n  direction: inbound\n  agents:\n${agents}`;
  const dir = await tempDir({ 'acme/tenant.yaml': TENANT, 'acme/queue.yaml': queue });
  const text = await runCli(['validate', dir]);
  expect(text.code).toBe(1);
  const lines = text.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(102);
  expect(lines[99]).toMatch(/queue\.yaml:109:7: error REF_UNKNOWN agents names User "agent99@/);
  expect(lines[100]).toMatch(
    /queue\.yaml:110:7: error REF_UNKNOWN … and 150 more diagnostics in this file \(150 errors, 0 warnings\), not shown$/,
  );
  expect(lines[101]).toBe('3 resources checked: 250 errors, 0 warnings');
  const json = await runCli(['validate', '--format', 'json', dir]);
  const { diagnostics } = JSON.parse(json.stdout) as { diagnostics: Record<string, unknown>[] };
  expect(diagnostics).toHaveLength(101);
  expect(diagnostics[100]).toMatchObject({ line: 110, omitted: { errors: 150, warnings: 0 } });
});
