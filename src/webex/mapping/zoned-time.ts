/**
 * Webex takes override times as local wall-clock times without an offset ("2026-11-27T18:00") in
 * the list's time zone; ccac holds RFC 3339 date-times with an offset. These convert between the
 * two through the runtime's time-zone database (Intl), minutes precision as Webex has it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format)
    formatters.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })),
    );
  return format;
}

/** The wall-clock time in `timeZone` of an instant, as milliseconds of a UTC calendar. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
}

/** Minutes east of UTC in `timeZone` at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  return Math.round((wallClock(instant, timeZone) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "2026-11-27T18:00:00+01:00" → "2026-11-27T18:00" in `timeZone`; undefined if unreadable. */
export function toZonedLocal(dateTime: string, timeZone: string): string | undefined {
  const instant = Date.parse(dateTime);
  if (Number.isNaN(instant)) return undefined;
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 16);
}

/**
 * "2026-11-27T18:00" in `timeZone` → "2026-11-27T18:00:00+01:00". A wall-clock time the zone
 * skips (spring forward) or repeats (fall back) takes the offset in force just before.
 */
export function fromZonedLocal(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  const before = offsetMinutes(wall - 36 * 3_600_000, timeZone);
  let offset = offsetMinutes(wall - before * 60_000, timeZone);
  if (wallClock(wall - offset * 60_000, timeZone) !== wall) offset = before;
  return `${local.slice(0, 16)}:00${formatOffset(offset)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
