/** Names Webex accepts, by the patterns of the published schemas (≤ 80 characters throughout). */
const MAX_NAME = 80;

/** BusinessHoursDTO, HolidayListDTO, OverridesDTO and their shifts, holidays and overrides. */
const SCHEDULE_NAME = /^[a-zA-Z0-9_-]+(\s?[a-zA-Z0-9_-]+)*$/;

const NAME_RULES = {
  schedule: {
    pattern: SCHEDULE_NAME,
    says: 'letters, digits, _ and -, single spaces between words',
  },
  'entry-point': { pattern: /^[a-zA-Z0-9&_\-\s]*$/, says: 'letters, digits, spaces, &, _ and -' },
  'agent-profile': {
    pattern: /^[a-zA-Z0-9._\s\-()]+$/,
    says: 'letters, digits, spaces, ., _, -, ( and )',
  },
  // SiteDTO's Java pattern [a-zA-Z\d-_\s]: letters, digits, -, _ and spaces.
  site: { pattern: /^[a-zA-Z0-9\-_\s]+$/, says: 'letters, digits, spaces, _ and -' },
  any: { pattern: /^[\s\S]+$/, says: 'at most 80 characters' },
} as const;

export type NameRule = keyof typeof NAME_RULES;

/** Why Webex would refuse `name` for `what` (e.g. "business hours"), or undefined when it fits. */
export function nameProblem(what: string, name: string, rule: NameRule): string | undefined {
  if (name.length > MAX_NAME)
    return `${what} name "${name}" is longer than Webex's ${MAX_NAME} characters`;
  const { pattern, says } = NAME_RULES[rule];
  if (!pattern.test(name)) return `${what} name "${name}" does not fit Webex's pattern (${says})`;
  return undefined;
}

/** Webex descriptions hold at most 255 characters (ccac's 1024). */
export const MAX_DESCRIPTION = 255;
