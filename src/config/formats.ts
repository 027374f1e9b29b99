import { ISO_3166_ALPHA2 } from '../model/countries.js';

/** Custom string formats of the schemas; each check is linear in the input. */
export const CUSTOM_FORMATS: Record<string, (value: string) => boolean> = {
  'iana-timezone': isIanaTimeZone,
  e164: (value) => /^\+[1-9][0-9]{1,14}$/.test(value),
  'hh-mm': (value) => /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/.test(value),
  'iso3166-alpha2': (value) => ISO_3166_ALPHA2.has(value),
};

const canonicalZones = new Set<string>([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
const ZONE_SHAPE = /^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * IANA names as the runtime's tz database knows them: canonical zones, and links
 * (e.g. Asia/Calcutta) written in their proper case.
 */
export function isIanaTimeZone(value: string): boolean {
  if (canonicalZones.has(value)) return true;
  if (value.length > 64 || !ZONE_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  // Intl accepts any letter case; a link must still be spelt as the database spells it.
  return (
    !canonicalZones.has(value) &&
    [...canonicalZones].every((zone) => zone.toLowerCase() !== value.toLowerCase())
  );
}
