import { CsvError, parse } from 'csv-parse/sync';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { columnOfHeader, USER_CSV_COLUMNS, type UserCsvColumn } from './user-csv-columns.js';

/** One user row of the CSV: what it says, and only that (an empty cell says nothing). */
export interface CsvUser {
  /** The line the row starts on (1-based, the header is line 1). */
  line: number;
  email: string;
  displayName?: string;
  /** The licence columns: True, False, or left empty (undefined). */
  premium?: boolean;
  standard?: boolean;
}

export interface ParsedUserCsv {
  users: CsvUser[];
  diagnostics: Diagnostic[];
}

/** ccac's user names are e-mail addresses in lower case (user.schema.json). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;
const MAX_DISPLAY_NAME = 256;

/**
 * Control Hub's bulk user CSV → its user rows. Parsed by csv-parse (quotes, embedded newlines,
 * a byte-order mark); headers matched without regard to case or spacing; every malformed row
 * gets a diagnostic at `file:line`, and the caller writes nothing when there is one.
 */
export function parseUserCsv(text: string, file: string): ParsedUserCsv {
  let records: { record: string[]; info: { lines: number; raw?: string } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (cause) {
    if (!(cause instanceof CsvError)) throw cause;
    const line = (cause as CsvError & { lines?: number }).lines ?? 1;
    return {
      users: [],
      diagnostics: [csvError(file, line, `not a readable CSV: ${cause.message}`)],
    };
  }
  const [header, ...rows] = records;
  if (!header)
    return {
      users: [],
      diagnostics: [csvError(file, 1, 'the file is empty: expected a header row')],
    };
  const columns = header.record.map(columnOfHeader);
  if (!columns.includes('email'))
    return {
      users: [],
      diagnostics: [csvError(file, 1, `no "${USER_CSV_COLUMNS.email}" column: it names each user`)],
    };
  const diagnostics: Diagnostic[] = [];
  const users: CsvUser[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = startLine(info);
    const row = readRow(record, columns, file, line, diagnostics);
    if (!row) continue;
    const first = seen.get(row.email);
    if (first !== undefined) {
      diagnostics.push(csvError(file, line, `${row.email} is on line ${first} already`));
      continue;
    }
    seen.set(row.email, line);
    users.push(row);
  }
  return { users, diagnostics };
}

/** A record ends on `info.lines`; a quoted cell may span lines, so its start is counted back. */
function startLine(info: { lines: number; raw?: string }): number {
  const breaks = (info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
  return info.lines - breaks;
}

function readRow(
  record: readonly string[],
  columns: readonly (UserCsvColumn | undefined)[],
  file: string,
  line: number,
  diagnostics: Diagnostic[],
): CsvUser | undefined {
  const cells = new Map<UserCsvColumn, string>();
  for (const [i, column] of columns.entries())
    if (column !== undefined) cells.set(column, (record[i] ?? '').trim());
  const problems: string[] = [];
  const email = (cells.get('email') ?? '').toLowerCase();
  if (!EMAIL.test(email) || email.length > MAX_EMAIL)
    problems.push(
      email === ''
        ? `"${USER_CSV_COLUMNS.email}" is empty`
        : `${JSON.stringify(email.slice(0, 80))} is not an e-mail address`,
    );
  const premium = licenceCell(cells, 'premium', problems);
  const standard = licenceCell(cells, 'standard', problems);
  if (premium === true && standard === true)
    problems.push(
      `"${USER_CSV_COLUMNS.premium}" and "${USER_CSV_COLUMNS.standard}" are both True: a user holds one contact-center licence`,
    );
  const displayName = displayNameOf(cells);
  if (displayName !== undefined && displayName.length > MAX_DISPLAY_NAME)
    problems.push(`the display name is longer than ${MAX_DISPLAY_NAME} characters`);
  for (const problem of problems) diagnostics.push(csvError(file, line, problem));
  if (problems.length > 0) return undefined;
  return {
    line,
    email,
    ...(displayName === undefined ? {} : { displayName }),
    ...(premium === undefined ? {} : { premium }),
    ...(standard === undefined ? {} : { standard }),
  };
}

/** True or False in any case; empty says nothing (Control Hub's automatic licence assignment). */
function licenceCell(
  cells: ReadonlyMap<UserCsvColumn, string>,
  column: 'premium' | 'standard',
  problems: string[],
): boolean | undefined {
  const value = cells.get(column) ?? '';
  if (value === '') return undefined;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  problems.push(
    `"${USER_CSV_COLUMNS[column]}" is ${JSON.stringify(value.slice(0, 40))}: expected True or False`,
  );
  return undefined;
}

/** The display name, else first and last name together, else nothing. */
function displayNameOf(cells: ReadonlyMap<UserCsvColumn, string>): string | undefined {
  const display = cells.get('displayName');
  if (display) return display;
  const joined = [cells.get('firstName'), cells.get('lastName')].filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

function csvError(file: string, line: number, message: string): Diagnostic {
  return error('CSV', message, { place: { file, line, column: 1 } });
}
