import type { HolidayList } from '../entities.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';

/**
 * BusinessHours holidays → a holiday list of their own, named after the business hours and
 * linked from it by holidaysId. Each holiday a one-off date range (frequency DontRepeat).
 */
export const holidayListMapping: EntityMapping<'BusinessHours', HolidayList, HolidayList> = {
  entity: 'holiday-list',
  kind: 'BusinessHours',
  carries: [
    {
      field: 'holidays',
      to: 'holidays[]: name, startDate, endDate, frequency DontRepeat',
      note: 'a holiday list named after the business hours, linked by holidaysId',
    },
  ],
  keys: (resource) => (resource.spec.holidays?.length ? [resource.name] : []),
  keyOf: (live) => live.name,

  toRemote(resource, key, _ids, live) {
    const holidays = resource.spec.holidays ?? [];
    const problem =
      nameProblem('holiday list', key, 'schedule') ??
      holidays.map((h) => nameProblem('holiday', h.name, 'schedule')).find(Boolean);
    if (problem) return { refused: problem };
    const body: HolidayList = {
      ...live,
      name: key,
      holidays: holidays.map((h) => ({
        name: h.name,
        startDate: h.from,
        endDate: h.to,
        frequency: 'DontRepeat',
      })),
    };
    return { body: defined(body), notCarried: [] };
  },

  fromRemote(object) {
    const notRepresented: NotCarried[] = [];
    const holidays = [];
    for (const h of object.holidays ?? []) {
      if (
        (h.frequency && h.frequency !== 'DontRepeat') ||
        h.recurrence ||
        h.startTime ||
        h.endTime
      ) {
        notRepresented.push(
          notCarried(
            'holidays',
            `holiday "${h.name}" repeats or has times of day: ccac holds whole-day date ranges`,
          ),
        );
        continue;
      }
      if (!h.startDate) continue;
      holidays.push({ name: h.name, from: h.startDate, to: h.endDate ?? h.startDate });
    }
    return { spec: holidays.length ? { holidays } : {}, notRepresented };
  },
};
