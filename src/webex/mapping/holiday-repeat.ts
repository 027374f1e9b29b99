import { CUSTOM_FORMATS } from '../../config/formats.js';
import type { SpecOf } from '../../model/kinds.js';
import type { HolidayList } from '../entities.js';

/** A ccac holiday, and a holiday as a Webex holiday list holds it. */
export type Holiday = NonNullable<SpecOf<'BusinessHours'>['holidays']>[number];
export type WebexHoliday = HolidayList['holidays'][number];
type Repeat = NonNullable<Holiday['repeat']>;
type Recurrence = NonNullable<WebexHoliday['recurrence']>;

const FREQUENCY = { day: 'Daily', week: 'Weekly', month: 'Monthly', year: 'Yearly' } as const;
type Frequency = (typeof FREQUENCY)[keyof typeof FREQUENCY];
const EVERY = Object.fromEntries(Object.entries(FREQUENCY).map(([k, v]) => [v, k])) as Record<
  Frequency,
  Repeat['every']
>;

/** A calendar date as ccac's `date` format takes it (2026-02-30 is none). */
function isDate(value: string | undefined): value is string {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

const isTime = CUSTOM_FORMATS['hh-mm']!;
/** The schema's bound on repeat.interval. */
const MAX_INTERVAL = 1000;

/** A ccac holiday as Webex holds it: one-off (DontRepeat) or with its frequency and recurrence. */
export function toWebexHoliday(holiday: Holiday): WebexHoliday {
  const { repeat } = holiday;
  return {
    name: holiday.name,
    startDate: holiday.from,
    endDate: holiday.to,
    ...(holiday.start === undefined ? {} : { startTime: holiday.start }),
    ...(holiday.end === undefined ? {} : { endTime: holiday.end }),
    frequency: repeat ? FREQUENCY[repeat.every] : 'DontRepeat',
    ...(repeat ? { recurrence: toRecurrence(repeat) } : {}),
  };
}

function toRecurrence(repeat: Repeat): Recurrence {
  return {
    interval: repeat.interval ?? 1,
    ...(repeat.week === undefined
      ? {}
      : { occurrenceInTheMonth: repeat.week.toUpperCase() as Recurrence['occurrenceInTheMonth'] }),
    ...(repeat.weekdays?.length
      ? {
          daysOfWeek: repeat.weekdays.map(
            (d) => d.toUpperCase() as NonNullable<Recurrence['daysOfWeek']>[number],
          ),
        }
      : {}),
    ...(repeat.day === undefined ? {} : { specificDayOfMonth: repeat.day }),
    ...(repeat.month === undefined
      ? {}
      : { specificMonth: repeat.month.toUpperCase() as Recurrence['specificMonth'] }),
    ...(repeat.until === undefined ? {} : { endDate: repeat.until }),
  };
}

/** A Webex holiday in ccac's terms, or why ccac cannot hold it. */
export function fromWebexHoliday(holiday: WebexHoliday): Holiday | { why: string } {
  const { startDate, endDate = startDate, startTime, endTime } = holiday;
  if (!holiday.name) return { why: 'a holiday without a name: ccac names each holiday' };
  if (!isDate(startDate) || !isDate(endDate))
    return {
      why: `holiday "${holiday.name}" has no start and end date ccac can hold (YYYY-MM-DD)`,
    };
  if ((startTime && !isTime(startTime)) || (endTime && !isTime(endTime)))
    return { why: `holiday "${holiday.name}" has times of day ccac cannot hold (HH:MM)` };
  const repeat = fromRecurrence(holiday);
  if (repeat && 'why' in repeat) return repeat;
  return {
    name: holiday.name,
    from: startDate,
    to: endDate,
    ...(startTime ? { start: startTime } : {}),
    ...(endTime ? { end: endTime } : {}),
    ...(repeat ? { repeat } : {}),
  };
}

function fromRecurrence(holiday: WebexHoliday): Repeat | { why: string } | undefined {
  const { frequency = 'DontRepeat', recurrence: r } = holiday;
  // A one-off holiday's recurrence, if Webex sends one, says nothing.
  if (frequency === 'DontRepeat') return undefined;
  if (r?.endDate !== undefined && !isDate(r.endDate))
    return { why: `holiday "${holiday.name}" repeats until "${r.endDate}", not a date` };
  const interval = r?.interval ?? 1;
  if (interval > MAX_INTERVAL)
    return {
      why: `holiday "${holiday.name}" repeats every ${interval}: ccac holds at most ${MAX_INTERVAL}`,
    };
  return {
    every: EVERY[frequency],
    ...(interval === 1 ? {} : { interval }),
    ...(r?.specificMonth === undefined
      ? {}
      : { month: r.specificMonth.toLowerCase() as Repeat['month'] }),
    ...(r?.specificDayOfMonth === undefined ? {} : { day: r.specificDayOfMonth }),
    ...(r?.occurrenceInTheMonth === undefined
      ? {}
      : { week: r.occurrenceInTheMonth.toLowerCase() as Repeat['week'] }),
    ...(r?.daysOfWeek?.length
      ? {
          weekdays: r.daysOfWeek.map(
            (d) => d.toLowerCase() as NonNullable<Repeat['weekdays']>[number],
          ),
        }
      : {}),
    ...(r?.endDate === undefined ? {} : { until: r.endDate }),
  };
}
