import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src/authz/permissions.js';
import type { ModelResource } from '../../../src/model/model.js';
import {
  STORED,
  businessHours,
  check,
  codes,
  desiredWith,
  edited,
  messages,
  queue,
  resource,
  user,
  without,
} from './fixtures.js';

const TENANT = 'Tenant/acme';
const QUEUE = 'acme/Queue/sales';
const HOURS = 'acme/BusinessHours/office';
const AGENT = 'acme/User/agent@acme.example';
const XAGENT = 'acme/User/xagent@ext.example';

/** One representative change per kind of thing the table distinguishes. */
const CHANGES = {
  telephony: () => desiredWith(edited(TENANT, { telephony: 'external-via-webex-calling' })),
  tenantNumbers: () => desiredWith(edited(TENANT, { numbers: ['+31201234567', '+31201234568'] })),
  queueUpdate: () => desiredWith(edited(QUEUE, { serviceLevelThresholdSeconds: 30 })),
  queueCreate: () => desiredWith(queue('acme', 'support')),
  queueDelete: () => without(STORED, QUEUE),
  shifts: () =>
    desiredWith(
      edited(HOURS, { shifts: [{ name: 'day', days: ['mon'], start: '08:00', end: '17:00' }] }),
    ),
  userLicense: () => desiredWith(edited(AGENT, { license: 'standard' })),
  userCreate: () => desiredWith(user('acme', 'new@acme.example', { license: 'premium' })),
  userDelete: () => without(STORED, AGENT),
  grantCcsaToCustomerUser: () => desiredWith(edited(AGENT, { adminRoles: ['cc-service-admin'] })),
  grantCcsaToExternalUser: () => desiredWith(edited(XAGENT, { adminRoles: ['cc-service-admin'] })),
} satisfies Record<string, () => ModelResource[]>;

type ChangeName = keyof typeof CHANGES;

function expectAllowed(actor: string, change: ChangeName, role?: string) {
  const result = check(actor, CHANGES[change]());
  expect(result.diagnostics).toEqual([]);
  if (role) expect(result.rolesByScope.get('acme')).toBe(role);
}

function expectDenied(actor: string, change: ChangeName) {
  const result = check(actor, CHANGES[change]());
  expect(codes(result).length).toBeGreaterThan(0);
  expect(new Set(codes(result))).toEqual(new Set(['AUTHZ_DENIED']));
  expect(result.rolesByScope.has('acme')).toBe(false);
  for (const message of messages(result)) expect(message).toContain(`${actor} (`);
}

describe('the permission table as data', () => {
  it('has one entry per row of SPEC §3, each citing its source', () => {
    expect(PERMISSIONS).toHaveLength(8);
    for (const row of PERMISSIONS) expect(row.source).toMatch(/seed 000|SPEC §3/);
  });
});

describe('row 1: full-admin (customer, partner or external org) may change everything', () => {
  const all: ChangeName[] = Object.keys(CHANGES) as ChangeName[];
  it.each(all)('customer full-admin: %s', (change) =>
    expectAllowed('full@acme.example', change, 'full-admin'),
  );
  it.each(['telephony', 'userCreate', 'queueDelete'] as const)('partner full-admin: %s', (change) =>
    expectAllowed('pfull@globex.example', change, 'full-admin (partner org)'),
  );
  it.each(['telephony', 'userDelete', 'grantCcsaToExternalUser'] as const)(
    'external full-admin: %s',
    (change) => expectAllowed('xfull@ext.example', change, 'full-admin (external org)'),
  );
  it('may grant full-admin to another user', () => {
    const result = check(
      'full@acme.example',
      desiredWith(edited(AGENT, { adminRoles: ['full-admin'] })),
    );
    expect(result.diagnostics).toEqual([]);
  });
  it('is denied where the user holds no admin role', () => {
    expectDenied('agent@acme.example', 'queueUpdate');
  });
});

describe('row 2: cc-service-admin (customer org)', () => {
  const actor = 'ccsa@acme.example';
  it.each([
    'tenantNumbers',
    'queueUpdate',
    'queueCreate',
    'queueDelete',
    'shifts',
    'userLicense',
    'grantCcsaToCustomerUser',
    'grantCcsaToExternalUser',
  ] as const)('may: %s', (change) => expectAllowed(actor, change, 'cc-service-admin'));

  it.each([
    ['Team', resource('Team', 'support', 'acme', {})],
    ['Campaign', resource('Campaign', 'spring', 'acme', {})],
    ['EntryPoint', resource('EntryPoint', 'Chat', 'acme', { channelType: 'chat', active: true })],
    ['Flow', resource('Flow', 'Routing', 'acme', { type: 'routing' })],
    ['BusinessHours', businessHours('acme', 'weekend')],
    [
      'DesktopProfile',
      resource('DesktopProfile', 'agents', 'acme', { rememberCredentials: false }),
    ],
  ])('may create a %s (every contact-center kind)', (_kind, created) => {
    expect(check(actor, desiredWith(created)).diagnostics).toEqual([]);
  });

  it.each([
    ['spec.teams', { teams: ['sales'] }],
    ['spec.contactCenterRole', { contactCenterRole: 'supervisor' }],
    ['spec.desktopProfile', { desktopProfile: 'agents' }],
  ])("may change an existing user's %s", (_path, patch) => {
    expect(check(actor, desiredWith(edited(AGENT, patch))).diagnostics).toEqual([]);
  });

  it('may change labels of a user and Tenant fields outside the setup wizard', () => {
    const result = check(
      actor,
      desiredWith(
        edited(AGENT, {}, { team: 'sales' }),
        edited(TENANT, {
          displayName: 'Acme',
          restrictUnassignedQueueLogin: true,
          connect: { enabled: true },
        }),
      ),
    );
    expect(result.diagnostics).toEqual([]);
  });

  it('may revoke cc-service-admin from an external-org user', () => {
    const stored = [
      ...STORED,
      user('acme', 'x2@ext.example', { organization: 'ext', adminRoles: ['cc-service-admin'] }),
    ];
    const desired = [...STORED, user('acme', 'x2@ext.example', { organization: 'ext' })];
    expect(check(actor, desired, { stored }).diagnostics).toEqual([]);
  });

  it.each([
    ['countryOfOperation', 'BE'],
    ['timezone', 'Europe/Brussels'],
    ['platform', 'webex-cc-1.0'],
    ['telephony', 'vpop'],
    ['subscription', 'trial'],
    ['partner', 'other'],
    ['licenses', { standard: 5 }],
  ])('may not change Tenant %s (services setup wizard and subscription)', (field, value) => {
    const result = check(actor, desiredWith(edited(TENANT, { [field]: value })));
    expect(codes(result)).toEqual(['AUTHZ_DENIED']);
    expect(result.diagnostics[0]?.address).toBe(TENANT);
    expect(messages(result)[0]).toMatch(
      new RegExp(
        `^ccsa@acme\\.example \\(cc-service-admin, customer org\\) may not change spec\\.${field}(\\.standard)? of Tenant/acme$`,
      ),
    );
  });

  it('names the change in the message, e.g. spec.telephony of Tenant/acme', () => {
    expect(messages(check(actor, CHANGES.telephony()))).toEqual([
      'ccsa@acme.example (cc-service-admin, customer org) may not change spec.telephony of Tenant/acme',
    ]);
  });

  it.each(['userCreate', 'userDelete'] as const)('may not %s', (change) =>
    expectDenied(actor, change),
  );

  it.each([
    ['spec.displayName', { displayName: 'Agent' }],
    ['spec.organization', { organization: 'ext' }],
  ])("may not change a user's %s", (path, patch) => {
    const result = check(actor, desiredWith(edited(AGENT, patch)));
    expect(messages(result)).toEqual([
      `ccsa@acme.example (cc-service-admin, customer org) may not change ${path} of ${AGENT}`,
    ]);
  });

  it.each(['full-admin', 'read-only-admin', 'supervisor', 'provisioning-admin'])(
    'may not grant %s',
    (role) => {
      const result = check(actor, desiredWith(edited(AGENT, { adminRoles: [role] })));
      expect(codes(result)).toEqual(['AUTHZ_DENIED']);
      expect(messages(result)[0]).toContain(
        `may not change spec.adminRoles of ${AGENT} (adds ${role}`,
      );
    },
  );

  it('may not revoke another admin role', () => {
    const result = check(
      actor,
      desiredWith(edited('acme/User/sup@acme.example', { adminRoles: [] })),
    );
    expect(codes(result)).toEqual(['AUTHZ_DENIED']);
    expect(messages(result)[0]).toContain('removes supervisor');
  });
});

describe('row 3: cc-service-admin (external org)', () => {
  const actor = 'xccsa@ext.example';
  it.each([
    'tenantNumbers',
    'queueCreate',
    'queueDelete',
    'shifts',
    'userLicense',
    'grantCcsaToCustomerUser',
  ] as const)('may: %s', (change) =>
    expectAllowed(actor, change, 'cc-service-admin (external org)'),
  );
  it.each(['grantCcsaToExternalUser', 'telephony', 'userCreate', 'userDelete'] as const)(
    'may not: %s',
    (change) => expectDenied(actor, change),
  );
  it('names the external target when denying a grant', () => {
    expect(messages(check(actor, CHANGES.grantCcsaToExternalUser()))).toEqual([
      `xccsa@ext.example (cc-service-admin, external org) may not change spec.adminRoles of ${XAGENT} (adds cc-service-admin on a user of the external org)`,
    ]);
  });
  it('may not revoke cc-service-admin from another external user', () => {
    const stored = [
      ...STORED,
      user('acme', 'x2@ext.example', { organization: 'ext', adminRoles: ['cc-service-admin'] }),
    ];
    const desired = [...STORED, user('acme', 'x2@ext.example', { organization: 'ext' })];
    expect(codes(check(actor, desired, { stored }))).toEqual(['AUTHZ_DENIED']);
  });
});

describe('row 4: provisioning-admin (partner org)', () => {
  const actor = 'prov@globex.example';
  it.each(['queueUpdate', 'queueCreate', 'queueDelete', 'shifts', 'tenantNumbers'] as const)(
    'may: %s',
    (change) => expectAllowed(actor, change, 'provisioning-admin (partner org)'),
  );
  it.each([
    'userLicense',
    'userCreate',
    'userDelete',
    'grantCcsaToCustomerUser',
    'telephony',
  ] as const)('may not: %s', (change) => expectDenied(actor, change));
  it('may not even change a user label (no user changes at all)', () => {
    expect(codes(check(actor, desiredWith(edited(AGENT, {}, { x: 'y' }))))).toEqual([
      'AUTHZ_DENIED',
    ]);
  });
  it('has no rights when held by a customer-org user (partner only)', () =>
    expectDenied('cprov@acme.example', 'queueUpdate'));
});

describe('row 5: supervisor (customer org)', () => {
  const actor = 'sup@acme.example';
  it('may change shifts, holidays and overrides of business hours', () => {
    const hours = edited(HOURS, {
      shifts: [{ name: 'day', days: ['mon', 'tue'], start: '09:00', end: '18:00' }],
      holidays: [{ name: 'xmas', from: '2025-12-25', to: '2025-12-26' }],
      overrides: [
        { name: 'storm', from: '2025-01-01T08:00:00Z', to: '2025-01-01T12:00:00Z', open: false },
      ],
    });
    const result = check(actor, desiredWith(hours));
    expect(result.diagnostics).toEqual([]);
    expect(result.rolesByScope.get('acme')).toBe('supervisor');
  });
  it('may not change the time zone of business hours', () => {
    expect(messages(check(actor, desiredWith(edited(HOURS, { timezone: 'UTC' }))))).toEqual([
      `sup@acme.example (supervisor, customer org) may not change spec.timezone of ${HOURS}`,
    ]);
  });
  it.each(['queueUpdate', 'userLicense', 'telephony', 'tenantNumbers'] as const)(
    'may not: %s',
    (change) => expectDenied(actor, change),
  );
  it('may not create or delete business hours', () => {
    expect(codes(check(actor, desiredWith(businessHours('acme', 'weekend'))))).toEqual([
      'AUTHZ_DENIED',
    ]);
    expect(codes(check(actor, without(STORED, HOURS)))).toEqual(['AUTHZ_DENIED']);
  });
  it('has no rights when held by an external-org user (customer only)', () =>
    expectDenied('xsup@ext.example', 'shifts'));
});

describe('rows 6 and 7: read-only-admin may apply nothing', () => {
  it.each(['pro@globex.example', 'xro@ext.example', 'ro@acme.example'])('%s', (actor) => {
    for (const change of ['queueUpdate', 'shifts', 'userLicense', 'tenantNumbers'] as const)
      expectDenied(actor, change);
  });
  it('names the role and organization kind', () => {
    expect(messages(check('xro@ext.example', CHANGES.queueUpdate()))).toEqual([
      `xro@ext.example (read-only-admin, external org) may not change spec.serviceLevelThresholdSeconds of ${QUEUE}`,
    ]);
  });
});

describe('row 8: full-admin holding a standard license', () => {
  const actor = 'std@acme.example';
  it.each([
    'telephony',
    'userCreate',
    'userDelete',
    'userLicense',
    'grantCcsaToCustomerUser',
  ] as const)('may change users and the tenant: %s', (change) =>
    expectAllowed(actor, change, 'full-admin (standard license)'),
  );
  it.each(['queueUpdate', 'queueCreate', 'queueDelete', 'shifts'] as const)(
    'is read-only for other kinds: %s',
    (change) => expectDenied(actor, change),
  );
  it('says so in the message', () => {
    expect(messages(check(actor, CHANGES.queueDelete()))).toEqual([
      `std@acme.example (full-admin with a standard license, customer org) may not delete ${QUEUE}`,
    ]);
  });
});

describe('several roles', () => {
  it('may do what any of them allows, and is denied the rest', () => {
    const actor = 'rosup@acme.example';
    expectAllowed(actor, 'shifts', 'supervisor');
    expect(messages(check(actor, CHANGES.queueUpdate()))).toEqual([
      `rosup@acme.example (read-only-admin and supervisor, customer org) may not change spec.serviceLevelThresholdSeconds of ${QUEUE}`,
    ]);
  });
  it('decides per field: one forbidden field is one denial', () => {
    const result = check(
      'ccsa@acme.example',
      desiredWith(
        edited(TENANT, { telephony: 'vpop', timezone: 'UTC', numbers: ['+31201234568'] }),
      ),
    );
    expect(messages(result)).toEqual([
      'ccsa@acme.example (cc-service-admin, customer org) may not change spec.telephony of Tenant/acme',
      'ccsa@acme.example (cc-service-admin, customer org) may not change spec.timezone of Tenant/acme',
    ]);
  });
});
