import { ownedHolidayList } from '../../model/owned-holiday-list.js';
import type { HolidayList } from '../entities.js';
import { fromWebexHoliday, toWebexHoliday, type Holiday } from './holiday-repeat.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';
import { nameProblem } from './webex-names.js';

/**
 * BusinessHours holidays → the holiday list they are kept in (ownedHolidayList), linked from the
 * business hours by holidaysId. Each holiday one-off (frequency DontRepeat) or repeating (its
 * frequency and recurrence), all day or between times of day.
 */
export const holidayListMapping: EntityMapping<'BusinessHours', HolidayList, HolidayList> = {
  entity: 'holiday-list',
  kind: 'BusinessHours',
  carries: [
    {
      field: 'holidays',
      to: 'holidays[]: name, startDate, endDate, startTime, endTime, frequency, recurrence ← repeat',
      note: 'in the holiday list holidayList names, else one named after the business hours, linked by holidaysId',
    },
  ],
  keys: (resource) => {
    const list = ownedHolidayList(resource);
    return list === undefined ? [] : [list];
  },
  linkedKeys: (resource) => {
    const { holidayList } = resource.spec;
    return holidayList === undefined || ownedHolidayList(resource) ? [] : [holidayList];
  },
  keyOf: (live) => live.name,

  toRemote(resource, key, _ids, live) {
    const holidays = resource.spec.holidays ?? [];
    const problem =
      nameProblem('holiday list', key, 'schedule') ??
      holidays.map((h) => nameProblem('holiday', h.name, 'schedule')).find(Boolean);
    if (problem) return { refused: problem };
    const body: HolidayList = { ...live, name: key, holidays: holidays.map(toWebexHoliday) };
    return { body: defined(body), notCarried: [] };
  },

  fromRemote(object) {
    const notRepresented: NotCarried[] = [];
    const holidays: Holiday[] = [];
    for (const h of object.holidays ?? []) {
      const read = fromWebexHoliday(h);
      if ('why' in read) notRepresented.push(notCarried('holidays', read.why));
      else holidays.push(read);
    }
    return { spec: holidays.length ? { holidays } : {}, notRepresented };
  },
};
