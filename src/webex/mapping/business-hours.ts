import type { BusinessHoursObject } from '../entities.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
type WebexDay = Uppercase<Day>;

/** BusinessHours → business-hours: the time zone and shifts (working hours). */
export const businessHoursMapping: EntityMapping<
  'BusinessHours',
  BusinessHoursObject,
  BusinessHoursObject
> = {
  entity: 'business-hours',
  kind: 'BusinessHours',
  carries: [
    { field: 'metadata.name', to: 'name' },
    { field: 'timezone', to: 'timezone' },
    {
      field: 'shifts',
      to: 'workingHours[]: name, days (MON…SUN), startTime, endTime',
      note: 'at least one: Webex needs working hours to create business hours',
    },
    {
      field: 'holidayList',
      to: 'holidaysId',
      note: 'the list by that name; without holidays only linked, its holidays left as Webex has them',
    },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.name,
  links: [
    { field: 'holidaysId', entity: 'holiday-list' },
    { field: 'overridesId', entity: 'overrides' },
  ],

  toRemote(resource, key, ids, live) {
    const { timezone, shifts = [], holidayList, holidays, overrides } = resource.spec;
    const problem =
      nameProblem('business hours', key, 'schedule') ??
      shifts.map((s) => nameProblem('shift', s.name, 'schedule')).find(Boolean);
    if (problem) return { refused: problem };
    if (shifts.length === 0)
      return { refused: 'Webex business hours need at least one shift (workingHours)' };
    const notCarriedList: NotCarried[] = [];
    // The holiday list: the one named (shared, or left as Webex has it), else its own.
    const list = holidayList ?? (holidays?.length ? key : undefined);
    const holidaysId = list === undefined ? undefined : ids.id('holiday-list', list);
    if (list !== undefined && holidaysId === undefined)
      notCarriedList.push(
        notCarried('holidayList', `Webex has no holiday list "${list}": none is linked`),
      );
    const body: BusinessHoursObject = {
      ...live,
      name: key,
      timezone,
      workingHours: shifts.map((s) => ({
        name: s.name,
        days: s.days.map((d) => d.toUpperCase() as WebexDay),
        startTime: s.start,
        endTime: s.end,
      })),
      holidaysId,
      // The overrides list is named after the business hours (overrides.ts).
      overridesId: overrides?.length ? ids.id('overrides', key) : undefined,
    };
    return { body: defined(body), notCarried: notCarriedList };
  },

  fromRemote(object, names) {
    const notRepresented: NotCarried[] = [];
    // A list named after the business hours is the default one: left out.
    const list = object.holidaysId && names.key('holiday-list', object.holidaysId);
    const shifts = (object.workingHours ?? []).map((w) => ({
      name: w.name,
      days: w.days.map((d) => d.toLowerCase() as Day).filter((d) => DAYS.includes(d)),
      start: w.startTime ?? '00:00',
      end: w.endTime ?? '24:00',
    }));
    if ((object.workingHours ?? []).some((w) => !w.startTime || !w.endTime))
      notRepresented.push(
        notCarried('shifts', 'a shift without start or end time: read as 00:00–24:00'),
      );
    return {
      spec: defined({
        ...(object.timezone === undefined ? {} : { timezone: object.timezone }),
        ...(shifts.length ? { shifts } : {}),
        ...(list && list !== object.name ? { holidayList: list } : {}),
      }),
      notRepresented,
    };
  },
};
