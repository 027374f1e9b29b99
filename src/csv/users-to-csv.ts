import { stringify } from 'csv-stringify/sync';
import type { SpecOf } from '../model/kinds.js';
import { USER_CSV_COLUMNS, WRITTEN_COLUMNS, type UserCsvColumn } from './user-csv-columns.js';

/**
 * A tenant's users as Control Hub's bulk user CSV (the columns `import csv` reads): the e-mail,
 * the display name and the two licence columns, True or False. Rows in the order given.
 */
export function usersToCsv(users: readonly (readonly [string, SpecOf<'User'>])[]): string {
  const rows = users.map(([email, spec]) =>
    WRITTEN_COLUMNS.map((column) => cell(column, email, spec)),
  );
  return stringify([WRITTEN_COLUMNS.map((column) => USER_CSV_COLUMNS[column]), ...rows], {
    record_delimiter: '\n',
  });
}

function cell(column: UserCsvColumn, email: string, spec: SpecOf<'User'>): string {
  switch (column) {
    case 'email':
      return email;
    case 'displayName':
      return spec.displayName ?? '';
    case 'premium':
      return spec.license === 'premium' ? 'True' : 'False';
    case 'standard':
      return spec.license === 'standard' ? 'True' : 'False';
    default:
      return '';
  }
}
