/**
 * The columns of Control Hub's bulk user CSV that ccac reads and writes (Control Hub's "user
 * management CSV file reference"; seed 000: of the contact-center columns only the two licence
 * columns can be set, True or False).
 */
export const USER_CSV_COLUMNS = {
  firstName: 'First Name',
  lastName: 'Last Name',
  displayName: 'Display Name',
  email: 'User ID/Email (Required)',
  premium: 'Webex Contact Center Premium',
  standard: 'Webex Contact Center',
} as const;

export type UserCsvColumn = keyof typeof USER_CSV_COLUMNS;

/** What `export --format csv` writes, in Control Hub's order: an admin uploads it as it is. */
export const WRITTEN_COLUMNS: readonly UserCsvColumn[] = [
  'displayName',
  'email',
  'premium',
  'standard',
];

/**
 * A header as compared: case and spacing ignored, and Control Hub's "(Suspended)" mark on a
 * suspended service's column dropped (the column still says whether the user holds it).
 */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/\(\s*suspended\s*\)/g, '')
    .replace(/\s+/g, '');
}

/** Header key → column; the e-mail column also under its shorter names. */
const BY_KEY: ReadonlyMap<string, UserCsvColumn> = new Map([
  ...(Object.entries(USER_CSV_COLUMNS) as [UserCsvColumn, string][]).map(
    ([column, header]) => [headerKey(header), column] as const,
  ),
  [headerKey('User ID/Email'), 'email'],
  [headerKey('Email'), 'email'],
]);

/** The column a header names, or undefined for one ccac does not read (Control Hub has many). */
export function columnOfHeader(header: string): UserCsvColumn | undefined {
  return BY_KEY.get(headerKey(header));
}
