import { describe, expect, test } from 'vitest';
import { addressOf } from '../../../src/model/address.js';
import { Model, type ModelResource } from '../../../src/model/model.js';
import type { LiveState } from '../../../src/webex/entities.js';
import { importLive } from '../../../src/webex/reconcile/import-live.js';
import { livePlan } from '../../../src/webex/reconcile/live-plan.js';
import { observe } from '../../../src/webex/reconcile/observe.js';
import type { RemoteRef } from '../../../src/webex/remote-refs.js';
import { CONTACT_CENTER, DEFINITIONS } from './fixtures/contact-center.js';
import { baseLive, pushedLive } from './fixtures/live.js';
import { modelOf, ORG, TENANT } from './fixtures/model.js';
import { SPEC_FIXTURES as SPEC } from './fixtures/spec-examples.js';

const context = { tenant: TENANT, tenantTimezone: 'Europe/Amsterdam' };

describe('import: the organization as ccac resources', () => {
  const model = modelOf(CONTACT_CENTER, DEFINITIONS);
  const { live } = pushedLive(model);
  const imported = importLive(live, context);

  test('reads what a push made back into the same specs', () => {
    const byAddress = new Map(
      imported.resources.map((r) => [addressOf(r.kind, r.name, TENANT), r]),
    );
    expect(byAddress.get('acme/Queue/Sales_Voice')?.spec).toEqual({
      channelType: 'inbound-telephony',
      direction: 'inbound',
      serviceLevelThresholdSeconds: 30,
      teams: ['Sales'],
    });
    expect(byAddress.get('acme/BusinessHours/Store_Hours')?.spec).toEqual({
      timezone: 'Europe/Amsterdam',
      shifts: [
        {
          name: 'Weekdays',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          start: '09:00',
          end: '18:00',
        },
      ],
      holidays: [{ name: 'Kerst', from: '2026-12-25', to: '2026-12-26' }],
      overrides: [
        {
          name: 'Stocktake',
          from: '2026-01-05T09:00:00+01:00',
          to: '2026-01-05T13:00:00+01:00',
          open: false,
        },
      ],
    });
    expect(byAddress.get('acme/User/ann@acme.example')?.spec).toMatchObject({
      displayName: 'Ann',
      license: 'premium',
      contactCenterRole: 'agent',
      teams: ['Sales'],
      desktopProfile: 'Agent_Desk',
    });
    expect([...byAddress.keys()].sort()).toEqual(
      [...model.byAddress.keys()]
        .filter((a) => !a.startsWith('Tenant/') && !a.includes('/Campaign/'))
        .sort(),
    );
  });

  test('adopted as imported, the next push finds nothing to do: import and drift agree', () => {
    const resources: ModelResource[] = imported.resources.map((r) => ({
      kind: r.kind,
      name: r.name,
      tenant: TENANT,
      address: addressOf(r.kind, r.name, TENANT),
      spec: r.spec,
      hash: '',
    }));
    const tenant = model.get('Tenant', TENANT)!;
    const recorded = new Map<string, RemoteRef[]>(
      imported.resources.map((r) => [addressOf(r.kind, r.name, TENANT), r.refs]),
    );
    const observation = observe({
      tenant: TENANT,
      model: new Model([tenant, ...resources]),
      recorded,
      live,
    });
    expect(
      observation.resources.filter((r) => r.status !== 'in-sync' && r.status !== 'not-pushed'),
    ).toEqual([]);
    expect(livePlan(observation, ORG)).toEqual([]);
  });
});

describe('import report: what ccac cannot hold, names it cannot take', () => {
  const live = {
    ...baseLive(),
    site: [{ id: 's-1', name: 'California', active: true, multimediaProfileId: 'mm-1' }],
    team: [SPEC.team(), { ...SPEC.team(), id: 'z-second' }],
    'holiday-list': [SPEC.holidayList()],
    'business-hours': [{ ...SPEC.businessHours(), overridesId: undefined }],
    'entry-point': [
      ...baseLive()['entry-point'],
      SPEC.entryPoint(),
      { ...SPEC.entryPoint(), id: 'ep-2', name: 'Sales Line' },
    ],
    'dial-number': [{ ...SPEC.dialNumber(), entryPointId: 'nowhere' }],
  } as unknown as LiveState;
  const { resources, notes } = importLive(live, context);

  test('every entity ccac has no kind of, every unmapped field, every name to fix', () => {
    expect(notes).toEqual(
      expect.arrayContaining([
        { entity: 'site', name: '1 site', why: expect.stringMatching(/no sites/) },
        {
          entity: 'team',
          name: 'inline-pcs-team',
          why: 'a second Team of this name: rename one of them in Control Hub',
        },
        {
          entity: 'entry-point',
          name: 'Sales Line',
          why: expect.stringMatching(/rename it in Control Hub/),
        },
        {
          entity: 'dial-number',
          name: '+1-1234567890',
          why: expect.stringMatching(/no entry point/),
        },
      ]),
    );
    // The spec example's yearly holidays are held (repeat): nothing to report of them.
    expect(notes.filter((n) => n.field === 'holidays')).toEqual([]);
    expect(resources.filter((r) => r.kind === 'Team')).toHaveLength(1);
    expect(resources.map((r) => r.name)).not.toContain('Sales Line');
  });
});
