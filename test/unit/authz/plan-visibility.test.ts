import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/authz/authorize.js';
import { PERMISSIONS } from '../../../src/authz/permissions.js';
import { planViews, type ScopeView } from '../../../src/authz/plan-views.js';
import { VISIBILITY } from '../../../src/authz/visibility.js';
import { visiblePlan } from '../../../src/authz/visible-plan.js';
import { GLOBAL_SCOPE } from '../../../src/model/address.js';
import { Model, type ModelResource } from '../../../src/model/model.js';
import { assemblePlan } from '../../../src/plan/make-plan.js';
import {
  ACME_USERS,
  STORED,
  businessHours,
  desiredWith,
  edited,
  org,
  queue,
  resource,
  scenario,
  tenant,
  user,
  without,
} from './fixtures.js';

const stored = scenario(STORED).stored;
const HOURS = 'acme/BusinessHours/office';
const QUEUE = 'acme/Queue/sales';

function viewOf(actor: string | undefined, scope = 'acme'): ScopeView | undefined {
  return planViews(actor, stored, ['acme', GLOBAL_SCOPE])?.get(scope);
}

function sees(view: ScopeView | undefined): string {
  if (!view) return 'no view';
  if (view.sees === 'all') return 'all';
  return [...view.sees].sort().join(',') || (view.refused ? 'refused' : 'none');
}

describe('the visibility table beside the permission table', () => {
  it('has a row for each role and organization kind the permission table has, each citing its source', () => {
    const key = (row: {
      role: string;
      orgs: string | readonly string[];
      standardLicense?: boolean;
    }) => `${row.role} ${row.standardLicense ?? ''}`;
    expect(new Set(VISIBILITY.map(key))).toEqual(new Set(PERMISSIONS.map(key)));
    for (const row of VISIBILITY) expect(row.source).toMatch(/seed 000/);
  });

  it.each([
    ['full@acme.example', 'all'],
    ['pfull@globex.example', 'all'],
    ['xfull@ext.example', 'all'],
    ['ccsa@acme.example', 'all'],
    ['xccsa@ext.example', 'all'],
    [
      'prov@globex.example',
      'BusinessHours,Campaign,DesktopProfile,EntryPoint,Flow,Organization,Queue,Team,Tenant',
    ],
    ['sup@acme.example', 'BusinessHours'],
    ['rosup@acme.example', 'BusinessHours'],
    ['pro@globex.example', 'all'],
    ['xro@ext.example', 'all'],
    ['std@acme.example', 'Tenant,User'],
    // Nothing, and no plan at all: no contact-center access, no admin role, or one not applicable.
    ['ro@acme.example', 'refused'],
    ['RO@acme.example', 'refused'],
    ['agent@acme.example', 'refused'],
    ['cprov@acme.example', 'refused'],
    ['xsup@ext.example', 'refused'],
    // No user of the tenant: nothing of it, and told so only when it holds something.
    ['stranger@x.example', 'none'],
  ])('%s sees %s of a stored tenant', (actor, expected) => {
    expect(sees(viewOf(actor))).toBe(expected);
  });

  it('shows everything without an actor, and of a tenant not stored yet', () => {
    expect(viewOf(undefined)).toBeUndefined();
    expect(sees(planViews('ro@acme.example', stored, ['beta'])?.get('beta'))).toBe('all');
  });

  it('shows the organizations to who sees them in a stored tenant, or while none is stored', () => {
    expect(sees(viewOf('pro@globex.example', GLOBAL_SCOPE))).toBe('all');
    expect(sees(viewOf('sup@acme.example', GLOBAL_SCOPE))).toBe('none');
    expect(sees(viewOf('stranger@x.example', GLOBAL_SCOPE))).toBe('none');
    const empty = new Model();
    expect(sees(planViews('stranger@x.example', empty, [GLOBAL_SCOPE])?.get(GLOBAL_SCOPE))).toBe(
      'all',
    );
  });

  // One change of every kind a tenant holds, and of the tenant itself.
  const EVERY_KIND: (() => ModelResource[])[] = [
    () => desiredWith(edited('Tenant/acme', { numbers: ['+31201234567', '+31201234568'] })),
    () => desiredWith(user('acme', 'new@acme.example', { license: 'premium' })),
    () => desiredWith(resource('Team', 'support', 'acme', {})),
    () => desiredWith(queue('acme', 'support')),
    () => desiredWith(resource('Campaign', 'spring', 'acme', {})),
    () =>
      desiredWith(resource('EntryPoint', 'Chat', 'acme', { channelType: 'chat', active: true })),
    () => desiredWith(resource('Flow', 'Routing', 'acme', { type: 'routing' })),
    () =>
      desiredWith(
        edited(HOURS, { shifts: [{ name: 'day', days: ['mon'], start: '08:00', end: '17:00' }] }),
      ),
    () => desiredWith(businessHours('acme', 'weekend')),
    () => desiredWith(resource('DesktopProfile', 'agents', 'acme', {})),
    () => without(STORED, QUEUE),
    () => [...STORED, org('newco', { type: 'external' })],
  ];

  it('shows every change a role may make (what one may change, one may see)', () => {
    for (const { name: actor } of ACME_USERS)
      for (const make of EVERY_KIND) {
        const s = scenario(make());
        const allowed = authorize({
          actor,
          stored: s.stored,
          desired: s.desired,
          changes: s.changes,
        });
        if (allowed.diagnostics.length > 0) continue;
        const views = planViews(actor, s.stored, ['acme', GLOBAL_SCOPE]);
        const plan = assemblePlan({ scopes: {}, changes: s.changes, diagnostics: [] });
        expect(visiblePlan(plan, views).changes, `${actor}`).toEqual(plan.changes);
      }
  });
});

describe('visiblePlan', () => {
  const s = scenario(
    desiredWith(
      edited(HOURS, { shifts: [{ name: 'day', days: ['mon'], start: '08:00', end: '17:00' }] }),
      edited(QUEUE, { serviceLevelThresholdSeconds: 30 }),
    ),
  );
  const plan = (actor: string) => {
    const result = authorize({ actor, stored: s.stored, desired: s.desired, changes: s.changes });
    const full = assemblePlan({
      scopes: { acme: { baseRevision: 4 }, [GLOBAL_SCOPE]: { baseRevision: 2 } },
      changes: s.changes,
      diagnostics: result.diagnostics,
    });
    return { full, shown: visiblePlan(full, planViews(actor, s.stored, ['acme', GLOBAL_SCOPE])) };
  };

  it('leaves out what a supervisor may not see, its denial included, with one notice in its place', () => {
    const { full, shown } = plan('sup@acme.example');
    expect(full.diagnostics.map((d) => d.address)).toEqual([QUEUE]);
    expect(shown.changes.map((c) => c.address)).toEqual([HOURS]);
    expect(shown.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(shown.tenants).toEqual({ acme: { baseRevision: 4 } });
    expect(shown.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'AUTHZ_DENIED',
        address: 'Tenant/acme',
        message:
          'sup@acme.example (supervisor, customer org) may see only BusinessHours of acme: ' +
          'what this plan holds there beyond that is not shown, and blocks it',
      }),
    ]);
    expect(JSON.stringify(shown)).not.toContain('sales');
  });

  it('shows an actor who may not plan the denial only: no change, no scope, no revision', () => {
    const { shown } = plan('ro@acme.example');
    expect(shown).toEqual(
      assemblePlan({
        scopes: {},
        changes: [],
        diagnostics: [
          expect.objectContaining({
            code: 'AUTHZ_DENIED',
            message:
              'ro@acme.example (read-only-admin, customer org) has no contact-center access and may not plan acme',
          }),
        ],
      }),
    );
  });

  it('shows who may see everything the whole plan', () => {
    for (const actor of ['full@acme.example', 'pro@globex.example']) {
      const { full, shown } = plan(actor);
      expect(shown).toEqual(full);
    }
  });

  it('leaves a scope the actor is no user of out, and says so only when it holds something', () => {
    const quiet = visiblePlan(
      assemblePlan({ scopes: { acme: { baseRevision: 4 } }, changes: [], diagnostics: [] }),
      planViews('stranger@x.example', s.stored, ['acme']),
    );
    expect(quiet).toEqual(assemblePlan({ scopes: {}, changes: [], diagnostics: [] }));
    const { shown } = plan('stranger@x.example');
    expect(shown.changes).toEqual([]);
    expect(shown.diagnostics.map((d) => [d.code, d.address])).toEqual([
      ['AUTHZ_UNKNOWN_ACTOR', 'Tenant/acme'],
    ]);
  });

  it('never shows another tenant than the ones the actor may see', () => {
    const beta = [
      tenant('beta'),
      user('beta', 'full@beta.example', { adminRoles: ['full-admin'] }),
    ];
    const twoTenants = scenario([...STORED, ...beta], [...STORED, ...beta.slice(0, 1)]);
    const views = planViews('full@acme.example', twoTenants.stored, ['acme', 'beta']);
    expect(sees(views?.get('beta'))).toBe('none');
  });
});
