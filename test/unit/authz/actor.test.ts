import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/authz/authorize.js';
import { Model } from '../../../src/model/model.js';
import {
  STORED,
  check,
  codes,
  desiredWith,
  edited,
  messages,
  queue,
  systemEntryPoint,
  tenant,
  user,
} from './fixtures.js';

const TELEPHONY = edited('Tenant/acme', { telephony: 'external-via-webex-calling' });

function beta(roles: string[], license: 'premium' | 'standard' = 'premium') {
  return [
    tenant('beta'),
    systemEntryPoint('beta', 'Europe/Amsterdam'),
    user('beta', 'boss@beta.example', { adminRoles: roles as never, license }),
    queue('beta', 'support'),
  ];
}

describe('no actor', () => {
  it.each([undefined, '', '  '])('%j gives one AUTHZ_NO_ACTOR however many changes', (actor) => {
    const result = check(actor, [...desiredWith(TELEPHONY), ...beta(['full-admin'])]);
    expect(result.changes.length).toBeGreaterThan(3);
    expect(codes(result)).toEqual(['AUTHZ_NO_ACTOR']);
    expect(result.rolesByScope.size).toBe(0);
  });

  it('is not needed when nothing changes', () => {
    const model = new Model(STORED);
    const result = authorize({ actor: undefined, stored: model, desired: model, changes: [] });
    expect(result.diagnostics).toEqual([]);
  });

  it('matches the stored e-mail case-insensitively', () => {
    expect(check('Full@ACME.example', desiredWith(TELEPHONY)).diagnostics).toEqual([]);
  });
});

describe('bootstrap of a tenant not stored yet', () => {
  it('is allowed to an actor the configuration declares as its full-admin', () => {
    const result = check('boss@beta.example', [...STORED, ...beta(['full-admin'])]);
    expect(result.changes.map((c) => c.address)).toContain(
      'beta/EntryPoint/Outdial Transfer to Queue',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope).toEqual(new Map([['beta', 'bootstrap full-admin']]));
  });

  it('is denied to someone declaring themselves cc-service-admin', () => {
    const result = check('boss@beta.example', [...STORED, ...beta(['cc-service-admin'])]);
    expect(codes(result)).toEqual(['AUTHZ_UNKNOWN_ACTOR']);
    expect(result.diagnostics[0]?.address).toBe('Tenant/beta');
    expect(messages(result)[0]).toBe(
      'tenant beta is not stored yet: only a user the configuration declares as its full-admin ' +
        'may create it; it declares boss@beta.example as cc-service-admin',
    );
  });

  it('is denied to an actor the configuration does not declare, even a full-admin elsewhere', () => {
    const result = check('full@acme.example', [...STORED, ...beta(['full-admin'])]);
    expect(codes(result)).toEqual(['AUTHZ_UNKNOWN_ACTOR']);
  });

  it('with a standard license creates the tenant and users, not contact-center resources', () => {
    const result = check('boss@beta.example', [...STORED, ...beta(['full-admin'], 'standard')]);
    expect(messages(result)).toEqual([
      'boss@beta.example (bootstrap full-admin with a standard license, customer org) may not create beta/Queue/support',
    ]);
  });
});

describe('roles come from the stored state only', () => {
  it('a stored cc-service-admin granting themselves full-admin is denied, and cannot use it', () => {
    const self = edited('acme/User/ccsa@acme.example', {
      adminRoles: ['cc-service-admin', 'full-admin'],
    });
    const result = check('ccsa@acme.example', desiredWith(self, TELEPHONY));
    expect(messages(result)).toEqual([
      'ccsa@acme.example (cc-service-admin, customer org) may not change spec.telephony of Tenant/acme',
      'ccsa@acme.example (cc-service-admin, customer org) may not change spec.adminRoles of acme/User/ccsa@acme.example (adds full-admin on a user of the customer org)',
    ]);
  });

  it('a user not stored declaring themselves full-admin of an existing tenant is unknown', () => {
    const self = user('acme', 'mallory@evil.example', { adminRoles: ['full-admin'] });
    const result = check('mallory@evil.example', desiredWith(self, TELEPHONY));
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'AUTHZ_UNKNOWN_ACTOR',
        message: 'mallory@evil.example is not a user of tenant acme in the stored state',
        address: 'Tenant/acme',
      },
    ]);
  });

  it('a role revoked in the same apply still counts (it is stored)', () => {
    const demoted = edited('acme/User/full@acme.example', { adminRoles: [] });
    expect(check('full@acme.example', desiredWith(demoted, TELEPHONY)).diagnostics).toEqual([]);
  });
});

describe("the actor's organization", () => {
  it('must be in the state read for the org-specific rows; full-admin is any org', () => {
    const stored = STORED.filter((r) => r.kind !== 'Organization');
    const desired = desiredWith(
      edited('acme/Queue/sales', { serviceLevelThresholdSeconds: 20 }),
    ).filter((r) => r.kind !== 'Organization');
    expect(messages(check('prov@globex.example', desired, { stored }))).toEqual([
      'prov@globex.example (provisioning-admin, organization globex not stored) may not change spec.serviceLevelThresholdSeconds of acme/Queue/sales',
    ]);
    const result = check(
      'pfull@globex.example',
      desired.filter((r) => r.kind !== 'Organization'),
      { stored },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope.get('acme')).toBe('full-admin');
  });
});

describe('an apply touching several tenants needs permission in each', () => {
  const storedBeta = [
    tenant('beta'),
    user('beta', 'xfull@ext.example', { organization: 'ext', adminRoles: ['cc-service-admin'] }),
    queue('beta', 'support'),
  ];
  const stored = [...STORED, ...storedBeta];
  const changedBoth = [
    ...desiredWith(TELEPHONY, edited('acme/Queue/sales', { serviceLevelThresholdSeconds: 20 })),
    ...storedBeta.slice(1),
    tenant('beta', { telephony: 'vpop' }),
    queue('beta', 'support', { serviceLevelThresholdSeconds: 20 }),
  ];

  it('is denied in the tenant where the role does not allow a change', () => {
    const result = check('xfull@ext.example', changedBoth, { stored });
    expect(messages(result)).toEqual([
      'xfull@ext.example (cc-service-admin, external org) may not change spec.telephony of Tenant/beta',
    ]);
    expect([...result.rolesByScope]).toEqual([['acme', 'full-admin (external org)']]);
  });

  it('is allowed when the actor may in every tenant', () => {
    const promoted = user('beta', 'xfull@ext.example', {
      organization: 'ext',
      adminRoles: ['full-admin'],
    });
    const stored2 = [...STORED, storedBeta[0]!, promoted, storedBeta[2]!];
    const desired = changedBoth.map((r) => (r.address === promoted.address ? promoted : r));
    const result = check('xfull@ext.example', desired, { stored: stored2 });
    expect(result.diagnostics).toEqual([]);
    expect([...result.rolesByScope]).toEqual([
      ['acme', 'full-admin (external org)'],
      ['beta', 'full-admin (external org)'],
    ]);
  });

  it('reports an actor unknown in one tenant there only', () => {
    const result = check('full@acme.example', changedBoth, { stored });
    expect(codes(result)).toEqual(['AUTHZ_UNKNOWN_ACTOR']);
    expect(result.diagnostics[0]?.address).toBe('Tenant/beta');
    expect([...result.rolesByScope.keys()]).toEqual(['acme']);
  });
});
