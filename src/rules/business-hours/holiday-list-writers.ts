import type { ModelResource } from '../../model/model.js';
import { ownedHolidayList } from '../../model/owned-holiday-list.js';
import type { ConfigRule } from '../rule.js';

export const bhHolidayListWriters: ConfigRule = {
  code: 'BH_HOLIDAY_LIST_WRITERS',
  severity: 'error',
  stage: 'config',
  source:
    'SPEC §7 (a business hours links one holiday list by holidaysId; one declares its holidays)',
  summary:
    'Two business hours of one tenant declare holidays for the same holiday list: one declares them, the others name the list alone.',
  check({ desired }, report) {
    const writers = new Map<string, ModelResource<'BusinessHours'>>();
    for (const hours of desired.ofKind('BusinessHours')) {
      const list = ownedHolidayList(hours);
      if (list === undefined) continue;
      const key = `${hours.tenant}\u0000${list}`;
      const first = writers.get(key);
      if (!first) writers.set(key, hours);
      else
        report(
          hours,
          ['spec', 'holidays'],
          `business hours ${hours.name} declares holidays for holiday list "${list}", which business hours ${first.name} declares already: keep the holidays in one and name the list alone (holidayList) in the other`,
        );
    }
  },
};
