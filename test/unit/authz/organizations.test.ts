import { describe, expect, it } from 'vitest';
import {
  STORED,
  check,
  codes,
  desiredWith,
  messages,
  org,
  queue,
  systemEntryPoint,
  tenant,
  user,
  without,
} from './fixtures.js';

const NEWCO = org('newco', { type: 'partner' });

describe('creating an organization needs a full-admin of any tenant in the apply', () => {
  it('is allowed to a full-admin', () => {
    const result = check('full@acme.example', desiredWith(NEWCO));
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope).toEqual(new Map([['_global', 'full-admin in acme']]));
  });

  // A new partner and the tenant it manages, bootstrapped by the partner's admin.
  const newcoTenant = (partner = 'newco') => [
    tenant('beta', { partner }),
    systemEntryPoint('beta', 'Europe/Amsterdam'),
    user('beta', 'boss@newco.example', { organization: 'newco', adminRoles: ['full-admin'] }),
  ];

  it('is denied to the bootstrap full-admin of a new tenant once organizations are stored', () => {
    const result = check('boss@newco.example', [...STORED, NEWCO, ...newcoTenant()]);
    // Naming newco as the partner of beta and as its admin's organization needs the same right.
    expect(result.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['AUTHZ_DENIED', 'Tenant/beta'],
      ['AUTHZ_DENIED', 'beta/User/boss@newco.example'],
      ['AUTHZ_DENIED', 'Organization/newco'],
    ]);
    expect(messages(result)[2]).toBe(
      'boss@newco.example (bootstrap full-admin in beta) may not create Organization/newco: ' +
        'that needs full-admin in a stored tenant of this apply (acme); ' +
        'the full-admin a new tenant declares has rights in that tenant only',
    );
  });

  it('is allowed to the bootstrap full-admin of a new tenant in the first setup (no organization stored)', () => {
    const result = check('boss@newco.example', [NEWCO, ...newcoTenant()], { stored: [] });
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope).toEqual(
      new Map([
        ['_global', 'bootstrap full-admin in beta'],
        ['beta', 'bootstrap full-admin (partner org)'],
      ]),
    );
  });

  it.each(['ccsa@acme.example', 'prov@globex.example', 'std@acme.example'])(
    'is denied to %s',
    (actor) => {
      const result = check(actor, desiredWith(NEWCO));
      expect(codes(result)).toEqual(['AUTHZ_DENIED']);
      expect(result.diagnostics[0]?.address).toBe('Organization/newco');
      expect(result.rolesByScope.size).toBe(0);
    },
  );

  it('names the role and the change', () => {
    expect(messages(check('ccsa@acme.example', desiredWith(NEWCO)))).toEqual([
      'ccsa@acme.example (cc-service-admin in acme) may not create Organization/newco: ' +
        'that needs full-admin in a stored tenant of this apply (acme); ' +
        'the full-admin a new tenant declares has rights in that tenant only',
    ]);
  });

  it('is AUTHZ_UNKNOWN_ACTOR for someone who is no user of any tenant in the apply', () => {
    expect(codes(check('stranger@x.example', desiredWith(NEWCO)))).toEqual(['AUTHZ_UNKNOWN_ACTOR']);
  });
});

describe('changing or deleting one needs full-admin in every stored tenant referencing it', () => {
  // globex: acme's partner (Tenant.partner); in beta, the organization of one user.
  const beta = (actorRoles: string[]) => [
    tenant('beta'),
    user('beta', 'pfull@globex.example', {
      organization: 'globex',
      adminRoles: actorRoles as never,
    }),
    queue('beta', 'support'),
  ];
  const globexChanged = org('globex', { type: 'partner', provisioningPartner: true });

  it('is allowed to a full-admin of each', () => {
    const stored = [...STORED, ...beta(['full-admin'])];
    const result = check(
      'pfull@globex.example',
      [...without(stored, 'Organization/globex'), globexChanged],
      {
        stored,
      },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope.get('_global')).toBe('full-admin in acme, beta');
  });

  it('is denied when the actor is not full-admin in one of them', () => {
    const stored = [...STORED, ...beta(['read-only-admin'])];
    const desired = [...without(stored, 'Organization/globex'), globexChanged];
    expect(messages(check('pfull@globex.example', desired, { stored }))).toEqual([
      'pfull@globex.example (full-admin in acme; read-only-admin in beta) may not change ' +
        'spec.provisioningPartner of Organization/globex: ' +
        'that needs full-admin in every stored tenant that references it (acme, beta), and ' +
        'pfull@globex.example is not full-admin in beta',
    ]);
  });

  it('counts references the caller supplies for tenants outside the apply', () => {
    const references = [{ address: 'gamma/User/p@globex.example', organization: 'globex' }];
    const result = check('full@acme.example', desiredWith(globexChanged), { references });
    expect(codes(result)).toEqual(['AUTHZ_DENIED']);
    expect(messages(result)[0]).toContain('references it (acme, gamma)');
    expect(messages(result)[0]).toContain('is not full-admin in gamma (not in the state read)');
  });

  it('deleting an organization referenced by users of one tenant: full-admin there may', () => {
    const desired = without(STORED, 'Organization/ext');
    expect(check('full@acme.example', desired).diagnostics).toEqual([]);
    expect(check('pfull@globex.example', desired).diagnostics).toEqual([]);
  });

  it.each(['ccsa@acme.example', 'xccsa@ext.example', 'std@acme.example', 'ro@acme.example'])(
    'deleting it is denied to %s',
    (actor) => {
      expect(codes(check(actor, without(STORED, 'Organization/ext')))).toEqual(['AUTHZ_DENIED']);
    },
  );

  it('an organization no stored tenant references is changed like a new one', () => {
    const lonely = org('lonely', { type: 'external' });
    const stored = [...STORED, lonely];
    const desired = [...STORED, org('lonely', { type: 'external', contactCenterEnabled: true })];
    expect(check('full@acme.example', desired, { stored }).diagnostics).toEqual([]);
    expect(codes(check('ccsa@acme.example', desired, { stored }))).toEqual(['AUTHZ_DENIED']);
  });
});

describe('bootstrap rights reach only their new tenant', () => {
  const mallory = (
    spec: Parameters<typeof tenant>[1] = {},
    users = [] as ReturnType<typeof user>[],
  ) => [
    tenant('evil', spec),
    systemEntryPoint('evil', 'Europe/Amsterdam'),
    user('evil', 'mallory@evil.example', { adminRoles: ['full-admin'] }),
    ...users,
  ];
  const lonely = org('lonely', { type: 'external' });

  it('never to an organization no stored tenant references', () => {
    const result = check('mallory@evil.example', [...STORED, ...mallory()], {
      stored: [...STORED, lonely],
    });
    expect(result.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['AUTHZ_DENIED', 'Organization/lonely'],
    ]);
    expect(messages(result)[0]).toContain(
      'the full-admin a new tenant declares has rights in that tenant only',
    );
  });

  it('nor to naming a partner organization, as the partner or as a user’s', () => {
    const denied = check('mallory@evil.example', [
      ...STORED,
      ...mallory({ partner: 'globex' }, [
        user('evil', 'noc@globex.example', {
          organization: 'globex',
          adminRoles: ['read-only-admin'],
        }),
      ]),
    ]);
    expect(denied.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['AUTHZ_DENIED', 'Tenant/evil'],
      ['AUTHZ_DENIED', 'evil/User/noc@globex.example'],
    ]);
    expect(messages(denied)[0]).toBe(
      'mallory@evil.example (bootstrap full-admin in evil) may not name ' +
        'Organization/globex as the partner of Tenant/evil: that needs full-admin in every stored ' +
        'tenant that references it (acme), and mallory@evil.example is not full-admin in acme',
    );
  });

  it('a user of an external organization is the tenant’s own call', () => {
    const result = check('mallory@evil.example', [
      ...STORED,
      ...mallory({}, [user('evil', 'x@ext.example', { organization: 'ext', license: 'premium' })]),
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('who may change the partner organization may name it: its full-admin where it is referenced', () => {
    const result = check('pfull@globex.example', [
      ...STORED,
      tenant('beta', { partner: 'globex' }),
      systemEntryPoint('beta', 'Europe/Amsterdam'),
      user('beta', 'pfull@globex.example', { organization: 'globex', adminRoles: ['full-admin'] }),
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('the stored references decide who changes an organization, not a declaration not applied yet', () => {
    // beta, new, declares globex its partner; globex's change is acme's full-admins' to make.
    const beta = [
      tenant('beta', { partner: 'globex' }),
      systemEntryPoint('beta', 'Europe/Amsterdam'),
      user('beta', 'pfull@globex.example', { organization: 'globex', adminRoles: ['full-admin'] }),
    ];
    const desired = [
      ...without(STORED, 'Organization/globex'),
      org('globex', { type: 'partner', provisioningPartner: true }),
      ...beta,
    ];
    const result = check('pfull@globex.example', desired);
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope.get('_global')).toBe('full-admin in acme');
  });
});
