import { describe, expect, test } from 'vitest';
import { addressOf } from '../../../src/model/address.js';
import type { LiveState } from '../../../src/webex/entities.js';
import { Lookup } from '../../../src/webex/lookup.js';
import { businessHoursMapping } from '../../../src/webex/mapping/business-hours.js';
import { holidayListMapping } from '../../../src/webex/mapping/holiday-list.js';
import type { Refused, Remote } from '../../../src/webex/mapping/mapping.js';
import { importLive } from '../../../src/webex/reconcile/import-live.js';
import { livePlan } from '../../../src/webex/reconcile/live-plan.js';
import { observe } from '../../../src/webex/reconcile/observe.js';
import type { RemoteRef } from '../../../src/webex/remote-refs.js';
import { baseLive } from './fixtures/live.js';
import { modelOf, ORG, resourceOf, TENANT, type Declared } from './fixtures/model.js';

/**
 * Holiday lists as Control Hub admins make them: repeating holidays, times of day, one list
 * shared by several business hours, a list ccac cannot hold. Read, written, imported and adopted.
 */
const context = { tenant: TENANT, tenantTimezone: 'Europe/Amsterdam' };

function body<B>(result: Remote<B> | Refused): B {
  if ('refused' in result) throw new Error(result.refused);
  return result.body;
}

const WORKING = [
  { name: 'Weekdays', days: ['MON', 'TUE'], startTime: '09:00', endTime: '17:00' },
] as const;

function hoursObject(id: string, name: string, holidaysId?: string) {
  return {
    id,
    name,
    timezone: 'Europe/Amsterdam',
    workingHours: WORKING.map((w) => ({ ...w, days: [...w.days] })),
    ...(holidaysId ? { holidaysId } : {}),
    version: 1,
  };
}

const REPEATING = [
  {
    name: 'Stocktake',
    startDate: '2026-01-05',
    endDate: '2026-01-05',
    startTime: '13:00',
    endTime: '17:00',
    frequency: 'Monthly',
    recurrence: {
      interval: 3,
      occurrenceInTheMonth: 'FIRST',
      daysOfWeek: ['MON'],
      endDate: '2027-12-31',
    },
  },
  {
    name: 'Kings Day',
    startDate: '2026-04-27',
    endDate: '2026-04-27',
    frequency: 'Yearly',
    recurrence: { interval: 1, specificMonth: 'APR', specificDayOfMonth: 27 },
  },
  { name: 'Kerst', startDate: '2026-12-25', endDate: '2026-12-26', frequency: 'DontRepeat' },
];

describe('holiday list mapping: repeating holidays, times of day', () => {
  const list = { id: 'hl-nl', name: 'NL_Holidays', version: 4, holidays: REPEATING };
  const spec = {
    holidays: [
      {
        name: 'Stocktake',
        from: '2026-01-05',
        to: '2026-01-05',
        start: '13:00',
        end: '17:00',
        repeat: {
          every: 'month',
          interval: 3,
          week: 'first',
          weekdays: ['mon'],
          until: '2027-12-31',
        },
      },
      {
        name: 'Kings Day',
        from: '2026-04-27',
        to: '2026-04-27',
        repeat: { every: 'year', month: 'apr', day: 27 },
      },
      { name: 'Kerst', from: '2026-12-25', to: '2026-12-26' },
    ],
  };

  test('read as repeat, start and end, nothing reported', () => {
    expect(holidayListMapping.fromRemote(list as never, Lookup.fromLive(baseLive()))).toEqual({
      spec,
      notRepresented: [],
    });
  });

  test('written back as Webex had them: frequency and recurrence, times, the list kept', () => {
    const hours = resourceOf('BusinessHours', 'Store_Hours', {
      timezone: 'Europe/Amsterdam',
      holidayList: 'NL_Holidays',
      ...spec,
    });
    expect(holidayListMapping.keys(hours)).toEqual(['NL_Holidays']);
    expect(
      body(
        holidayListMapping.toRemote(
          hours,
          'NL_Holidays',
          Lookup.fromLive(baseLive()),
          list as never,
        ),
      ),
    ).toEqual(list);
  });

  test.each([
    [
      { name: 'Odd', startDate: '2026-01-01', startTime: '9 am' },
      'holiday "Odd" has times of day ccac cannot hold (HH:MM)',
    ],
    [
      { name: 'Leap', startDate: '2026-02-30' },
      'holiday "Leap" has no start and end date ccac can hold (YYYY-MM-DD)',
    ],
    [{ name: '', startDate: '2026-01-01' }, 'a holiday without a name: ccac names each holiday'],
    [
      {
        name: 'Rare',
        startDate: '2026-01-01',
        frequency: 'Yearly',
        recurrence: { interval: 5000 },
      },
      'holiday "Rare" repeats every 5000: ccac holds at most 1000',
    ],
  ])('a holiday ccac cannot hold is reported, with why: %j', (holiday, why) => {
    const odd = { ...list, holidays: [{ frequency: 'DontRepeat', ...holiday }] };
    expect(holidayListMapping.fromRemote(odd as never, Lookup.fromLive(baseLive()))).toEqual({
      spec: {},
      notRepresented: [{ field: 'holidays', why }],
    });
  });
});

describe('business hours naming a holiday list (holidayList)', () => {
  const live = {
    ...baseLive(),
    'holiday-list': [{ id: 'hl-nl', name: 'NL_Holidays', holidays: [] }],
  };
  const names = Lookup.fromLive(live as never);

  test('without holidays: linked by id, not written, never to delete', () => {
    const hours = resourceOf('BusinessHours', 'Shop_Hours', {
      timezone: 'Europe/Amsterdam',
      shifts: [{ name: 'Weekdays', days: ['mon'], start: '09:00', end: '17:00' }],
      holidayList: 'NL_Holidays',
    });
    expect(holidayListMapping.keys(hours)).toEqual([]);
    expect(holidayListMapping.linkedKeys?.(hours)).toEqual(['NL_Holidays']);
    const sent = body(businessHoursMapping.toRemote(hours, 'Shop_Hours', names));
    expect(sent.holidaysId).toBe('hl-nl');
    expect(businessHoursMapping.fromRemote(sent, names).spec).toMatchObject({
      holidayList: 'NL_Holidays',
    });
  });

  test('a list named like the business hours reads as the default; a missing one is reported', () => {
    const own = hoursObject('bh-1', 'NL_Holidays', 'hl-nl');
    expect(businessHoursMapping.fromRemote(own as never, names).spec).not.toHaveProperty(
      'holidayList',
    );
    const hours = resourceOf('BusinessHours', 'Shop_Hours', {
      timezone: 'Europe/Amsterdam',
      shifts: [{ name: 'Weekdays', days: ['mon'], start: '09:00', end: '17:00' }],
      holidayList: 'Gone',
    });
    const remote = businessHoursMapping.toRemote(hours, 'Shop_Hours', names) as Remote<unknown>;
    expect(remote.notCarried).toEqual([
      { field: 'holidayList', why: 'Webex has no holiday list "Gone": none is linked' },
    ]);
  });
});

/** Imports `live`, stores it as adopt does (canonical specs, refs), and observes it again. */
function adoptAndObserve(live: LiveState) {
  const imported = importLive(live, context);
  const declared: Declared[] = imported.resources.map((r) => ({
    kind: r.kind,
    name: r.name,
    spec: r.spec,
  }));
  const recorded = new Map<string, RemoteRef[]>(
    imported.resources.map((r) => [addressOf(r.kind, r.name, TENANT), r.refs]),
  );
  const observation = observe({ tenant: TENANT, model: modelOf(declared), recorded, live });
  return { imported, observation };
}

describe('import and adopt: shared lists and lists ccac cannot hold', () => {
  test('a list shared by several business hours is imported once, named from the others, and left alone', () => {
    const live = {
      ...baseLive(),
      'holiday-list': [{ id: 'hl-nl', name: 'NL_Holidays', version: 2, holidays: REPEATING }],
      'business-hours': [
        hoursObject('bh-b', 'Store_Hours', 'hl-nl'),
        hoursObject('bh-a', 'Office_Hours', 'hl-nl'),
      ],
    } as unknown as LiveState;
    const { imported, observation } = adoptAndObserve(live);
    const office = imported.resources.find((r) => r.name === 'Office_Hours')!;
    const store = imported.resources.find((r) => r.name === 'Store_Hours')!;
    // The first by name keeps the holidays and the list's id; the other names the list.
    expect(office.spec).toMatchObject({ holidayList: 'NL_Holidays' });
    expect((office.spec as { holidays?: unknown[] }).holidays).toHaveLength(3);
    expect(office.refs.map((r) => `${r.entity} ${r.key}`)).toEqual([
      'holiday-list NL_Holidays',
      'business-hours Office_Hours',
    ]);
    expect(store.spec).toMatchObject({ holidayList: 'NL_Holidays' });
    expect(store.spec).not.toHaveProperty('holidays');
    expect(store.refs.map((r) => r.entity)).toEqual(['business-hours']);
    expect(imported.notes.filter((n) => n.entity === 'holiday-list')).toEqual([]);

    expect(
      observation.resources.filter((r) => r.kind !== 'Tenant' && r.status !== 'in-sync'),
    ).toEqual([]);
    expect(livePlan(observation, ORG)).toEqual([]);
  });

  test('a list with a holiday ccac cannot hold: reported, named by holidayList, linked and untouched', () => {
    const odd = {
      name: 'Half Day',
      startDate: '2026-12-24',
      startTime: '12 noon',
      frequency: 'DontRepeat',
    };
    const live = {
      ...baseLive(),
      'holiday-list': [
        { id: 'hl-own', name: 'Store_Hours', version: 2, holidays: [...REPEATING, odd] },
      ],
      'business-hours': [hoursObject('bh-b', 'Store_Hours', 'hl-own')],
    } as unknown as LiveState;
    const { imported, observation } = adoptAndObserve(live);
    const store = imported.resources.find((r) => r.name === 'Store_Hours')!;
    // Named like the business hours, yet named: without holidays, only a named list is linked.
    expect(store.spec).toMatchObject({ holidayList: 'Store_Hours' });
    expect(store.spec).not.toHaveProperty('holidays');
    expect(store.refs.map((r) => r.entity)).toEqual(['business-hours']);
    expect(imported.notes.filter((n) => n.entity === 'holiday-list')).toEqual([
      {
        entity: 'holiday-list',
        name: 'Store_Hours',
        field: 'holidays',
        why: 'holiday "Half Day" has times of day ccac cannot hold (HH:MM): the list is linked from Store_Hours by holidayList and left as Webex has it',
      },
    ]);
    expect(
      observation.resources.filter((r) => r.kind !== 'Tenant' && r.status !== 'in-sync'),
    ).toEqual([]);
    expect(livePlan(observation, ORG)).toEqual([]);
  });

  test('two business hours declaring the holidays of one list: the second is refused, the list written once', () => {
    const shift = [{ name: 'Weekdays', days: ['mon'], start: '09:00', end: '17:00' }];
    const holidays = [{ name: 'Kerst', from: '2026-12-25', to: '2026-12-26' }];
    const model = modelOf([
      {
        kind: 'BusinessHours',
        name: 'A_Hours',
        spec: { timezone: 'UTC', shifts: shift, holidayList: 'Shared', holidays },
      },
      {
        kind: 'BusinessHours',
        name: 'B_Hours',
        spec: { timezone: 'UTC', shifts: shift, holidayList: 'Shared', holidays },
      },
    ]);
    const observation = observe({ tenant: TENANT, model, recorded: new Map(), live: baseLive() });
    const b = observation.resources.find((r) => r.name === 'B_Hours')!;
    expect(b).toMatchObject({
      status: 'refused',
      reason:
        'holiday-list "Shared" is written by acme/BusinessHours/A_Hours already: declare its content in one BusinessHours and name it alone in the others',
    });
    const a = observation.resources.find((r) => r.name === 'A_Hours')!;
    expect(a.parts.map((p) => `${p.action} ${p.entity} ${p.key}`)).toEqual([
      'create holiday-list Shared',
      'create business-hours A_Hours',
    ]);
  });
});
