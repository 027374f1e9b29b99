import { describe, expect, test } from 'vitest';
import { checkYaml, withCode } from '../../helpers/check-yaml.js';
import { docs, lineOf, organization, resource, tenant } from './fixtures.js';

const ORGS = docs(
  organization('reseller', '  type: partner\n'),
  organization('provisioner', '  type: partner\n  provisioningPartner: true\n'),
  organization('consultancy', '  type: external\n'),
  organization('outsourcer', '  type: external\n  contactCenterEnabled: true\n'),
);

/** A user of acme from `org` (acme itself when omitted) with block-style admin roles. */
function user(name: string, roles: string[], org?: string, extra = ''): string {
  const organizationLine = org ? `  organization: ${org}\n` : '';
  const rolesBlock = `  adminRoles:\n${roles.map((r) => `    - ${r}\n`).join('')}`;
  return resource('User', name, `${organizationLine}${rolesBlock}${extra}`);
}

function check(...users: string[]) {
  const file = docs(tenant(), ORGS, ...users);
  return { file, found: checkYaml({ 'users.yaml': file }) };
}

describe('ROLE_EXCLUSIVE', () => {
  test('two of full-admin, cc-service-admin, read-only-admin is an error at adminRoles', () => {
    const { file, found } = check(user('ann@acme.example', ['full-admin', 'read-only-admin']));
    expect(withCode(found, 'ROLE_EXCLUSIVE')).toEqual([
      expect.objectContaining({
        line: lineOf(file, '- full-admin'),
        address: 'acme/User/ann@acme.example',
        message: expect.stringMatching(/ann@acme\.example holds full-admin and read-only-admin/),
      }),
    ]);
  });

  test('one of them plus supervisor passes', () => {
    const { found } = check(user('ann@acme.example', ['cc-service-admin', 'supervisor']));
    expect(found).toEqual([]);
  });
});

describe('ROLE_NOT_APPLICABLE', () => {
  test('provisioning-admin outside a partner org', () => {
    const { file, found } = check(
      user('ann@acme.example', ['supervisor', 'provisioning-admin']),
      user('bob@acme.example', ['provisioning-admin'], 'consultancy'),
    );
    const hits = withCode(found, 'ROLE_NOT_APPLICABLE');
    expect(hits).toEqual([
      expect.objectContaining({
        line: lineOf(file, '- provisioning-admin', 'ann@'),
        message: expect.stringContaining('the customer organization acme'),
      }),
      expect.objectContaining({
        line: lineOf(file, '- provisioning-admin', 'bob@'),
        message: expect.stringContaining('external organization consultancy'),
      }),
    ]);
    expect(hits[0]?.message).toMatch(/ann@acme\.example holds provisioning-admin/);
  });

  test('supervisor outside the customer org', () => {
    const { file, found } = check(user('ann@acme.example', ['supervisor'], 'reseller'));
    expect(withCode(found, 'ROLE_NOT_APPLICABLE')).toEqual([
      expect.objectContaining({
        line: lineOf(file, '- supervisor'),
        message: expect.stringContaining('supervisor admin role'),
      }),
    ]);
  });

  test('cc-service-admin in a non-provisioning partner org', () => {
    const { found } = check(user('ann@acme.example', ['cc-service-admin'], 'reseller'));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'ROLE_NOT_APPLICABLE',
        message: expect.stringContaining('partner organization reseller'),
      }),
    ]);
  });

  test('every role in the org kind it applies to passes', () => {
    const { found } = check(
      user('a@acme.example', ['provisioning-admin'], 'reseller'),
      user('b@acme.example', ['provisioning-admin', 'full-admin'], 'provisioner'),
      user('c@acme.example', ['supervisor', 'cc-service-admin']),
      user('d@acme.example', ['cc-service-admin'], 'consultancy'),
      user('e@acme.example', ['read-only-admin'], 'outsourcer'),
    );
    expect(found).toEqual([]);
  });
});

describe('CCSA_PROVISIONING_PARTNER', () => {
  test('cc-service-admin from a provisioning partner', () => {
    const { file, found } = check(user('ann@acme.example', ['cc-service-admin'], 'provisioner'));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'CCSA_PROVISIONING_PARTNER',
        line: lineOf(file, '- cc-service-admin'),
        message: expect.stringContaining('provisioning-partner organization provisioner'),
      }),
    ]);
  });

  test('provisioning-admin from a provisioning partner passes', () => {
    const { found } = check(user('ann@acme.example', ['provisioning-admin'], 'provisioner'));
    expect(found).toEqual([]);
  });
});

describe('CCSA_EXTERNAL_CC_ENABLED', () => {
  test('cc-service-admin from an external org with contact center enabled', () => {
    const { file, found } = check(user('ann@acme.example', ['cc-service-admin'], 'outsourcer'));
    expect(found).toEqual([
      expect.objectContaining({
        code: 'CCSA_EXTERNAL_CC_ENABLED',
        line: lineOf(file, '- cc-service-admin'),
        message: expect.stringMatching(/ann@acme\.example .*cc-service-admin.*outsourcer/),
      }),
    ]);
  });

  test('cc-service-admin from an external org without its own contact center passes', () => {
    expect(check(user('ann@acme.example', ['cc-service-admin'], 'consultancy')).found).toEqual([]);
  });
});

describe('FULL_ADMIN_STANDARD_LICENSE', () => {
  test('full-admin with a standard license is a warning', () => {
    const { file, found } = check(
      user('ann@acme.example', ['full-admin'], undefined, '  license: standard\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'FULL_ADMIN_STANDARD_LICENSE',
        severity: 'warning',
        line: lineOf(file, '- full-admin'),
        message: expect.stringContaining('Agent Desktop'),
      }),
    ]);
  });

  test('full-admin with premium, or a standard agent without admin roles, passes', () => {
    const { found } = check(
      user('ann@acme.example', ['full-admin'], undefined, '  license: premium\n'),
      resource('User', 'bob@acme.example', '  license: standard\n'),
    );
    expect(found).toEqual([]);
  });
});

test('role rules skip a user whose organization is unknown (REF_UNKNOWN says why)', () => {
  const { found } = check(user('ann@acme.example', ['cc-service-admin', 'supervisor'], 'ghost'));
  expect(found.map((d) => d.code)).toEqual(['REF_UNKNOWN']);
});
