import type { ModelResource } from './model.js';

/**
 * The holiday list a business hours writes: the one its holidayList names, else one named after
 * it. Without holidays it writes none (holidayList alone only links one). Push keeps its holidays
 * there; BH_HOLIDAY_LIST_WRITERS allows one writer per list.
 */
export function ownedHolidayList(resource: ModelResource<'BusinessHours'>): string | undefined {
  if (!resource.spec.holidays?.length) return undefined;
  return resource.spec.holidayList ?? resource.name;
}
