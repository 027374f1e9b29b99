import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadWholeConfig } from '../../src/workspace/open-workspace.js';
import type { ModelResource } from '../../src/model/model.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * examples/ is documentation that must stay true: the realistic setup validates
 * clean, and every file in examples/broken/ fails with exactly the diagnostics
 * its `# expect: CODE` comments announce, on the lines they mark.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = 'examples';
const BROKEN = path.join(EXAMPLES, 'broken');

/** What examples/.ccacignore leaves out: the broken files and the pipeline files. */
const IGNORED = new Set(
  readFileSync(path.join(REPO, EXAMPLES, '.ccacignore'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().replace(/\/+$/, ''))
    .filter(Boolean),
);

/** Everything in examples/ but the ignored folders: what a user would copy. */
const GOOD = readdirSync(path.join(REPO, EXAMPLES))
  .filter((entry) => !IGNORED.has(entry) && !entry.startsWith('.'))
  .sort()
  .map((entry) => path.join(EXAMPLES, entry));

const BROKEN_FILES = readdirSync(path.join(REPO, BROKEN))
  .filter((entry) => /\.ya?ml$/.test(entry))
  .sort();

interface JsonDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

async function validateJson(paths: readonly string[]) {
  const result = await runCli(['validate', ...paths, '--format', 'json'], { cwd: REPO });
  const parsed = JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] };
  return { ...result, diagnostics: parsed.diagnostics };
}

/** `# expect: A, B` marks its own line; `# expect-next-line: A` (alone on a line) the next one. */
function expectations(text: string): string[] {
  const out: string[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const match = /#\s*expect(-next-line)?:\s*([A-Z_]+(?:\s*,\s*[A-Z_]+)*)\s*$/.exec(line);
    if (!match) continue;
    const lineNumber = i + 1 + (match[1] ? 1 : 0);
    for (const code of match[2]!.split(',')) out.push(`${code.trim()}@${lineNumber}`);
  }
  return out.sort();
}

describe('the example setup', () => {
  test('`ccac validate examples` exits 0: .ccacignore leaves out the broken files', async () => {
    const result = await runCli(['validate', EXAMPLES], { cwd: REPO });
    expect(result.stdout).toMatch(/ resources checked: 0 errors, 0 warnings\n$/);
    expect(result.code).toBe(0);
  });

  test('validates with 0 errors and 0 warnings', async () => {
    const result = await runCli(['validate', ...GOOD], { cwd: REPO });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/ resources checked: 0 errors, 0 warnings\n$/);
    expect(result.code).toBe(0);
    const json = await validateJson(GOOD);
    expect(json.diagnostics).toEqual([]);
    expect(json.code).toBe(0);
  });

  test('stays clean when validated together with the broken files (no shared names)', async () => {
    const result = await validateJson(GOOD.concat(BROKEN));
    expect(result.code).toBe(1);
    const outside = result.diagnostics.filter((d) => !d.file?.startsWith(`${BROKEN}${path.sep}`));
    expect(outside).toEqual([]);
  });

  test('covers the kinds, channels and roles it promises', async () => {
    const { desired, diagnostics } = await loadWholeConfig(GOOD.map((p) => path.join(REPO, p)));
    expect(diagnostics).toEqual([]);
    const all = [...desired.byAddress.values()] as ModelResource[];
    const of = <K extends ModelResource['kind']>(kind: K) =>
      all.filter((r): r is ModelResource<K> => r.kind === kind);

    const tenants = of('Tenant');
    expect(tenants.map((t) => [t.spec.countryOfOperation, t.spec.telephony]).sort()).toEqual([
      ['KW', 'external-via-webex-calling'],
      ['NL', 'webex-calling'],
    ]);
    const orgs = new Map(of('Organization').map((o) => [o.name, o.spec]));
    expect([...orgs.values()].map((o) => o.type).sort()).toContain('external');
    expect([...orgs.values()].some((o) => o.type === 'partner' && o.provisioningPartner)).toBe(
      true,
    );

    // Every admin role from every kind of organization it applies to (SPEC §3, seed 000).
    const orgKind = (user: ModelResource<'User'>) =>
      user.spec.organization === user.tenant
        ? 'customer'
        : (orgs.get(user.spec.organization ?? '')?.type ?? 'unknown');
    const held = new Set(
      of('User').flatMap((u) => (u.spec.adminRoles ?? []).map((role) => `${role}/${orgKind(u)}`)),
    );
    expect([...held].sort()).toEqual(
      [
        'cc-service-admin/customer',
        'cc-service-admin/external',
        'full-admin/customer',
        'full-admin/external',
        'full-admin/partner',
        'provisioning-admin/partner',
        'read-only-admin/customer',
        'read-only-admin/external',
        'read-only-admin/partner',
        'supervisor/customer',
      ].sort(),
    );
    const ccRoles = new Set(of('User').map((u) => u.spec.contactCenterRole));
    for (const role of ['agent', 'supervisor', 'supervisor-agent']) expect(ccRoles).toContain(role);
    for (const user of of('User'))
      if (user.spec.contactCenterRole !== 'none') expect(user.spec.license).not.toBe('none');

    const entryPoints = of('EntryPoint').filter((e) => e.name !== 'Outdial Transfer to Queue');
    expect(new Set(entryPoints.map((e) => e.spec.channelType))).toEqual(
      new Set(['chat', 'email', 'social', 'inbound-telephony', 'outbound-telephony']),
    );
    expect(new Set(entryPoints.map((e) => e.spec.socialChannel).filter(Boolean))).toEqual(
      new Set(['facebook-messenger', 'sms', 'whatsapp']),
    );
    expect(of('Campaign').length).toBeGreaterThan(0);
    expect(new Set(of('Queue').map((q) => q.spec.direction))).toEqual(
      new Set(['inbound', 'outbound']),
    );
    const withDefinition = of('Flow').filter((f) => 'definition' in f.spec);
    expect(withDefinition.length).toBeGreaterThan(0);
    for (const flow of withDefinition)
      expect(() => JSON.parse((flow.spec as { definition: string }).definition)).not.toThrow();
  });
});

describe('examples/broken', () => {
  test('holds one file per typical mistake, each marking what it expects', () => {
    expect(BROKEN_FILES.length).toBeGreaterThanOrEqual(20);
    const codes = new Set<string>();
    for (const file of BROKEN_FILES) {
      const expected = expectations(readFileSync(path.join(REPO, BROKEN, file), 'utf8'));
      expect(expected, file).not.toEqual([]);
      for (const item of expected) codes.add(item.split('@')[0]!);
    }
    for (const code of [
      'SCHEMA',
      'YAML',
      'DUPLICATE_RESOURCE',
      'REF_UNKNOWN',
      'TENANT_TELEPHONY_REGION',
      'LICENSE_OVER_ALLOCATED',
      'ROLE_EXCLUSIVE',
      'ROLE_NOT_APPLICABLE',
      'CCSA_PROVISIONING_PARTNER',
      'CCSA_EXTERNAL_CC_ENABLED',
      'SUPERVISOR_AGENT_PROFILE',
      'STATION_EXTENSION_TELEPHONY',
      'QUEUE_AGENT_UNLICENSED',
      'EP_SOCIAL_CHANNEL',
      'EP_FIELD_CHANNEL',
      'EP_OUTBOUND_ROUTING',
      'EP_NUMBER_UNKNOWN',
      'EP_NUMBER_IN_USE',
    ])
      expect(codes, code).toContain(code);
  });

  test.concurrent.each(BROKEN_FILES)('%s fails with exactly its marked errors', async (name) => {
    const file = path.join(BROKEN, name);
    const expected = expectations(readFileSync(path.join(REPO, file), 'utf8'));
    const result = await validateJson([file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) {
      expect(d.file).toBe(file);
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
    }
    const actual = [...new Set(errors.map((d) => `${d.code}@${d.line}`))].sort();
    expect(actual, JSON.stringify(errors, null, 2)).toEqual([...new Set(expected)].sort());
  });
});

test('the expectation markers are read as documented', () => {
  expect(
    expectations(
      ['a: 1', 'b: 2 # expect: SCHEMA', '# expect-next-line: YAML, SCHEMA', 'c: ['].join('\n'),
    ),
  ).toEqual(['SCHEMA@2', 'SCHEMA@4', 'YAML@4']);
});
