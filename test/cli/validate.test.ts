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
