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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

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
  if (!startDate || !DATE.test(startDate) || !endDate || !DATE.test(endDate))
    return {
      why: `holiday "${holiday.name}" has no start and end date ccac can hold (YYYY-MM-DD)`,
    };
  if ((startTime && !TIME.test(startTime)) || (endTime && !TIME.test(endTime)))
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
  if (r?.endDate !== undefined && !DATE.test(r.endDate))
    return { why: `holiday "${holiday.name}" repeats until "${r.endDate}", not a date` };
  const interval = r?.interval ?? 1;
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
