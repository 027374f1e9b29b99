import { describe, expect, test } from 'vitest';
import { pushPermission } from '../../../src/authz/push-permission.js';
import { modelOf, TENANT } from '../webex/fixtures/model.js';

const stored = modelOf([
  {
    kind: 'User',
    name: 'ann@acme.example',
    spec: { adminRoles: ['full-admin'], license: 'premium' },
  },
  {
    kind: 'User',
    name: 'sam@acme.example',
    spec: { adminRoles: ['supervisor'], license: 'premium' },
  },
]);

describe('pushPermission', () => {
  test('a full-admin of the tenant may push; the role is recorded', () => {
    expect(pushPermission('Ann@acme.example', TENANT, stored)).toEqual({ role: 'full-admin' });
  });

  test('no actor, a stranger, or a role that may not write to the tenant: refused', () => {
    const code = (actor: string | undefined) => {
      const result = pushPermission(actor, TENANT, stored);
      return 'diagnostic' in result ? result.diagnostic.code : 'allowed';
    };
    expect(code(undefined)).toBe('AUTHZ_NO_ACTOR');
    expect(code('eve@elsewhere.example')).toBe('AUTHZ_UNKNOWN_ACTOR');
    expect(code('sam@acme.example')).toBe('AUTHZ_DENIED');
  });
});
