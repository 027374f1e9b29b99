import { describe, expect, test } from 'vitest';
import type { LiveState } from '../../../src/webex/entities.js';
import { batchesOf } from '../../../src/webex/reconcile/batches.js';
import { livePlan } from '../../../src/webex/reconcile/live-plan.js';
import type { ResourceObservation } from '../../../src/webex/reconcile/observation.js';
import { observe } from '../../../src/webex/reconcile/observe.js';
import type { RemoteRef } from '../../../src/webex/remote-refs.js';
import { CONTACT_CENTER, DEFINITIONS } from './fixtures/contact-center.js';
import { baseLive, changed, pushedLive, without } from './fixtures/live.js';
import { modelOf, ORG, TENANT, type Declared } from './fixtures/model.js';

const model = modelOf(CONTACT_CENTER, DEFINITIONS);
const pushed = pushedLive(model);

function observed(
  live: LiveState,
  recorded: ReadonlyMap<string, readonly RemoteRef[]> = pushed.recorded,
  resources: readonly Declared[] = CONTACT_CENTER,
) {
  return observe({ tenant: TENANT, model: modelOf(resources, DEFINITIONS), recorded, live });
}

function at(resources: readonly ResourceObservation[], address: string): ResourceObservation {
  const found = resources.find((r) => r.address === `${TENANT}/${address}`);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

function statuses(resources: readonly ResourceObservation[]): Record<string, string> {
  return Object.fromEntries(resources.map((r) => [r.address, r.status]));
}

describe('observe: an empty organization', () => {
  const observation = observed(baseLive(), new Map());

  test('everything is to create, but what Webex has no operation for', () => {
    expect(statuses(observation.resources)).toEqual({
      'Tenant/acme': 'not-pushed',
      'acme/BusinessHours/Store_Hours': 'create',
      'acme/Campaign/Spring': 'not-pushed',
      'acme/DesktopProfile/Agent_Desk': 'create',
      'acme/EntryPoint/Outbound': 'create',
      // Every tenant has it: adopted by name, never created again.
      'acme/EntryPoint/Outdial Transfer to Queue': 'in-sync',
      'acme/EntryPoint/Sales_Line': 'create',
      'acme/Flow/Main_Routing': 'create',
      'acme/Queue/Callbacks': 'create',
      'acme/Queue/Sales_Voice': 'create',
      'acme/Team/Sales': 'create',
      'acme/User/ann@acme.example': 'create',
      'acme/User/bob@acme.example': 'create',
    });
    expect(at(observation.resources, 'Campaign/Spring').reason).toMatch(/run-time API/);
    expect(observation.site).toEqual({ create: true });
  });

  test('field by field, what the new objects will hold', () => {
    expect(at(observation.resources, 'Queue/Sales_Voice').changes).toEqual([
      { field: 'channelType', live: null, desired: 'inbound-telephony' },
      { field: 'direction', live: null, desired: 'inbound' },
      { field: 'serviceLevelThresholdSeconds', live: null, desired: 30 },
      { field: 'teams', live: null, desired: ['Sales'] },
    ]);
  });

  test('what is not carried, per resource and field; what a create has to assume', () => {
    expect(at(observation.resources, 'Queue/Sales_Voice').notCarried).toEqual([
      { field: 'wrapUp', why: 'the queue API has no wrap-up settings' },
    ]);
    expect(
      at(observation.resources, 'EntryPoint/Sales_Line').notCarried.map((n) => n.field),
    ).toEqual(['queue']);
    expect(
      at(observation.resources, 'EntryPoint/Sales_Line').assumed.map((n) => n.field),
    ).toContain('assetId');
  });

  test('the calls in dependency order, bulk where Webex has it', () => {
    const calls = livePlan(observation, ORG).map(
      (c) => `${c.method} ${c.path.replace(`/organization/${ORG}`, 'O')}`,
    );
    expect(calls).toEqual([
      'POST O/site',
      'POST O/holiday-list/bulk',
      'POST O/overrides/bulk',
      'POST O/business-hours/bulk',
      'POST O/agent-profile/bulk',
      'POST O/team/bulk',
      // The person with no licence by SCIM Bulk; the licensed one by POST /people, which carries it.
      `POST /identity/scim/${ORG}/v2/Bulk`,
      'POST /people',
      `POST /flow-store/${ORG}/project/5e5c9ad6d61f870d6d778c1b/flows:import?overwrite=yes`,
      `POST /flow-store/${ORG}/project/5e5c9ad6d61f870d6d778c1b/flows/{Main_Routing}:publish`,
      'POST O/contact-service-queue/v2/bulk',
      'POST O/entry-point/bulk',
      'POST O/dial-number/bulk',
      'PATCH O/user/bulk',
    ]);
  });

  test('a licensed user’s contact-center user is set up once the licence made it', () => {
    expect(at(observation.resources, 'User/ann@acme.example').parts).toEqual([
      {
        entity: 'person',
        key: 'ann@acme.example',
        action: 'create',
        // What the new person gets, for the dry run (the licence's defaults left out).
        changes: [
          { field: 'displayName', live: null, desired: 'Ann' },
          { field: 'license', live: null, desired: 'premium' },
          { field: 'metadata.name', live: null, desired: 'ann@acme.example' },
        ],
      },
      {
        entity: 'cc-user',
        key: 'ann@acme.example',
        action: 'update',
        afterLicence: true,
        changes: [],
      },
    ]);
    expect(at(observation.resources, 'User/bob@acme.example').parts.map((p) => p.entity)).toEqual([
      'person',
    ]);
  });
});

describe('observe: what a push made', () => {
  test('is in sync, and a push with nothing to do makes no call', () => {
    const observation = observed(pushed.live);
    expect(
      Object.values(statuses(observation.resources)).every(
        (s) => s === 'in-sync' || s === 'not-pushed',
      ),
    ).toBe(true);
    expect(observation.resources.every((r) => r.changes.length === 0)).toBe(true);
    expect(livePlan(observation, ORG)).toEqual([]);
  });

  test('same-named objects ccac did not record are adopted, never duplicated', () => {
    const observation = observed(pushed.live, new Map());
    const team = at(observation.resources, 'Team/Sales');
    expect(team).toMatchObject({
      status: 'in-sync',
      adopted: true,
      refs: [{ entity: 'team', id: 'team:Sales', key: 'Sales', version: 1 }],
    });
    // A flow ccac did not publish is imported once over the same-named one.
    expect(at(observation.resources, 'Flow/Main_Routing').parts.map((p) => p.action)).toEqual([
      'update',
    ]);
    expect(
      livePlan(observation, ORG).every((c) => c.items.every((i) => i.action !== 'create')),
    ).toBe(true);
  });

  test('a recorded object found by its id even when renamed in Control Hub: the name is put back', () => {
    const live = changed(pushed.live, 'team', 'team:Sales', { name: 'Sales (old)' });
    const team = at(observed(live).resources, 'Team/Sales');
    expect(team.status).toBe('update');
    expect(team.changes).toEqual([
      { field: 'metadata.name', live: 'Sales (old)', desired: 'Sales' },
    ]);
  });

  test('a recorded object deleted in Control Hub is created again', () => {
    const team = at(observed(without(pushed.live, 'team', 'team:Sales')).resources, 'Team/Sales');
    expect(team.status).toBe('create');
  });
});

describe('observe: drift', () => {
  test('a field changed in Control Hub is found, live against stored', () => {
    const live = changed(
      pushed.live,
      'contact-service-queue',
      'contact-service-queue:Sales_Voice',
      { serviceLevelThreshold: 99 },
    );
    const queue = at(observed(live).resources, 'Queue/Sales_Voice');
    expect(queue.status).toBe('update');
    expect(queue.changes).toEqual([
      { field: 'serviceLevelThresholdSeconds', live: 99, desired: 30 },
    ]);
    expect(queue.parts).toEqual([
      {
        entity: 'contact-service-queue',
        key: 'Sales_Voice',
        action: 'update',
        id: 'contact-service-queue:Sales_Voice',
        changes: queue.changes,
      },
    ]);
  });

  test('fields ccac does not manage may change freely', () => {
    let live = changed(pushed.live, 'team', 'team:Sales', {
      capacity: 7,
      desktopLayoutId: 'x',
      userIds: ['u-9'],
    });
    live = changed(live, 'entry-point', 'entry-point:Sales_Line', {
      assetId: 'asset-9',
      maximumActiveContacts: 5,
    });
    live = changed(live, 'person', 'person:ann@acme.example', {
      department: 'Finance',
      roles: ['role-user'],
    });
    expect(
      observed(live).resources.every((r) => r.status === 'in-sync' || r.status === 'not-pushed'),
    ).toBe(true);
  });

  test('a support number moved away, and one added in Control Hub: both put back', () => {
    let live = changed(pushed.live, 'dial-number', 'dial-number:+31201234501', {
      entryPointId: 'entry-point:Outbound',
    });
    live = {
      ...live,
      'dial-number': [
        ...live['dial-number'],
        {
          id: 'dn-extra',
          dialledNumber: '+31201234599',
          entryPointId: 'entry-point:Sales_Line',
          entryPointName: 'Sales_Line',
        },
      ],
    };
    const line = at(observed(live).resources, 'EntryPoint/Sales_Line');
    expect(line.changes).toEqual([
      {
        field: 'supportNumbers',
        live: ['+31201234500', '+31201234599'],
        desired: ['+31201234500', '+31201234501'],
      },
    ]);
    expect(line.parts.map((p) => `${p.action} ${p.key}`)).toEqual([
      'update +31201234501',
      'delete +31201234599',
    ]);
  });

  test('business hours pointed at another holiday list: the holidays differ, the link is put back', () => {
    let live: LiveState = {
      ...pushed.live,
      'holiday-list': [
        ...pushed.live['holiday-list'],
        { id: 'hl-other', name: 'Other', holidays: [] },
      ],
    };
    live = changed(live, 'business-hours', 'business-hours:Store_Hours', {
      holidaysId: 'hl-other',
    });
    const hours = at(observed(live).resources, 'BusinessHours/Store_Hours');
    expect(hours.changes).toEqual([
      {
        field: 'holidays',
        live: null,
        desired: [{ name: 'Kerst', from: '2026-12-25', to: '2026-12-26' }],
      },
      { field: 'holidayList', live: 'Other', desired: null },
      { field: 'holidaysId', live: 'Other', desired: 'Store_Hours' },
    ]);
    expect(hours.parts.map((p) => p.entity)).toEqual(['business-hours']);
  });

  test('a flow changed in Flow Designer (its version moved on) is published again', () => {
    const live = changed(pushed.live, 'flow', 'flow:Main_Routing', { version: 5 });
    const flow = at(observed(live).resources, 'Flow/Main_Routing');
    expect(flow.changes).toEqual([
      {
        field: 'definition',
        live: 'changed in Flow Designer (version 5)',
        desired: expect.stringMatching(/^definition file/),
      },
    ]);
  });
});

describe('observe: removed from the stored state', () => {
  const remaining = CONTACT_CENTER.filter(
    (r) => !['Sales_Line', 'ann@acme.example'].includes(r.name),
  );
  const observation = observed(pushed.live, pushed.recorded, remaining);

  test('an entry point: its numbers, then it, deactivated first, deleted in reverse order', () => {
    const line = at(observation.resources, 'EntryPoint/Sales_Line');
    expect(line.status).toBe('delete');
    expect(line.parts.map((p) => `${p.action} ${p.entity} ${p.key}`)).toEqual([
      'delete dial-number +31201234500',
      'delete dial-number +31201234501',
      'delete entry-point Sales_Line',
    ]);
    const batches = batchesOf(observation).map((b) => `${b.action} ${b.entity}`);
    expect(batches.slice(-3)).toEqual([
      'deactivate entry-point',
      'delete dial-number',
      'delete entry-point',
    ]);
  });

  test('a user is retired, never deleted: its CC licence and managed roles go, CC disabled', () => {
    const ann = at(observation.resources, 'User/ann@acme.example');
    expect(ann.status).toBe('delete');
    expect(ann.parts.map((p) => `${p.action} ${p.entity}`)).toEqual([
      'update person',
      'update cc-user',
    ]);
    expect(ann.changes).toEqual(
      expect.arrayContaining([
        { field: 'license', live: 'premium', desired: 'none' },
        { field: 'contactCenterRole', live: 'agent', desired: 'none' },
      ]),
    );
    expect(
      livePlan(observation, ORG).some(
        (c) => c.method === 'DELETE' || (c.path.includes('/people/') && c.method !== 'PUT'),
      ),
    ).toBe(false);
  });

  test('a flow cannot be deleted: said, not attempted', () => {
    const noFlow = observed(
      pushed.live,
      pushed.recorded,
      CONTACT_CENTER.filter((r) => r.kind !== 'Flow'),
    );
    expect(at(noFlow.resources, 'Flow/Main_Routing')).toMatchObject({
      status: 'not-pushed',
      reason: expect.stringMatching(/no delete/),
    });
  });
});

describe('observe: what Webex cannot take', () => {
  test('a name Webex refuses: the resource is refused, what refers to it cannot be planned', () => {
    const long = 'T'.repeat(90);
    const resources: Declared[] = [
      { kind: 'Team', name: long, spec: {} },
      {
        kind: 'Queue',
        name: 'Q',
        spec: { channelType: 'chat', direction: 'inbound', teams: [long] },
      },
      {
        kind: 'BusinessHours',
        name: 'Hours (main)',
        spec: {
          timezone: 'UTC',
          shifts: [{ name: 'All', days: ['mon'], start: '00:00', end: '24:00' }],
        },
      },
    ];
    const observation = observed(baseLive(), new Map(), resources);
    expect(at(observation.resources, `Team/${long}`)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/longer than Webex's 80/),
    });
    expect(at(observation.resources, 'Queue/Q')).toMatchObject({
      status: 'refused',
      reason: `no team ${long} in Webex`,
    });
    expect(at(observation.resources, 'BusinessHours/Hours (main)').reason).toMatch(
      /does not fit Webex's pattern/,
    );
  });

  test('a user without a contact-center licence has no CC user: its CC fields are not carried', () => {
    const observation = observed(baseLive(), new Map(), [
      { kind: 'Team', name: 'Sales', spec: {} },
      { kind: 'User', name: 'cy@acme.example', spec: { teams: ['Sales'] } },
    ]);
    expect(at(observation.resources, 'User/cy@acme.example').notCarried).toEqual(
      expect.arrayContaining([
        { field: 'teams', why: expect.stringMatching(/no contact-center licence/) },
      ]),
    );
  });
});

describe('the call budget (issue 19)', () => {
  test('a first push of 1,000 resources (users apart) takes at most 50 calls', () => {
    const resources: Declared[] = [];
    const shifts = [{ name: 'Week', days: ['mon'], start: '09:00', end: '17:00' }];
    for (let i = 0; i < 100; i++)
      resources.push({
        kind: 'BusinessHours',
        name: `Hours_${i}`,
        spec: {
          timezone: 'Europe/Amsterdam',
          shifts,
          holidays: [{ name: 'New Year', from: '2026-01-01', to: '2026-01-01' }],
          overrides: [
            {
              name: 'Closed',
              from: '2026-06-01T18:00:00+02:00',
              to: '2026-06-01T22:00:00+02:00',
              open: false,
            },
          ],
        },
      });
    for (let i = 0; i < 50; i++)
      resources.push({
        kind: 'DesktopProfile',
        name: `Desk_${i}`,
        spec: { stationLogin: ['desktop'] },
      });
    for (let i = 0; i < 300; i++) resources.push({ kind: 'Team', name: `Team_${i}`, spec: {} });
    for (let i = 0; i < 300; i++)
      resources.push({
        kind: 'Queue',
        name: `Queue_${i}`,
        spec: { channelType: 'chat', direction: 'inbound', teams: [`Team_${i}`] },
      });
    for (let i = 0; i < 249; i++)
      resources.push({ kind: 'EntryPoint', name: `EP_${i}`, spec: { channelType: 'chat' } });
    const observation = observed(baseLive(), new Map(), resources);
    // 999 declared and the system entry point.
    expect(observation.resources.filter((r) => r.kind !== 'Tenant')).toHaveLength(1000);
    const listings = 12; // one page of each configuration entity of an empty organization
    const writes = livePlan(observation, ORG).length;
    expect(writes).toBe(14);
    expect(listings + writes).toBeLessThanOrEqual(50);
  });
});
