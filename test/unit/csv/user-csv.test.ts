import { describe, expect, test } from 'vitest';
import { parseUserCsv } from '../../../src/csv/parse-user-csv.js';
import { columnOfHeader } from '../../../src/csv/user-csv-columns.js';
import { licenseOf, usersFromCsv } from '../../../src/csv/users-from-csv.js';
import { usersToCsv } from '../../../src/csv/users-to-csv.js';

describe('Control Hub user CSV', () => {
  test('headers match whatever the case and spacing, a suspended service’s column too', () => {
    expect(columnOfHeader('  user id/email (REQUIRED) ')).toBe('email');
    expect(columnOfHeader('WebexContactCenter')).toBe('standard');
    expect(columnOfHeader('Webex Contact Center Premium (Suspended)')).toBe('premium');
    expect(columnOfHeader('Phone Number')).toBeUndefined();
  });

  test('a licence column False takes that licence only; empty cells say nothing', () => {
    expect(licenseOf('premium', { premium: false })).toBe('none');
    expect(licenseOf('standard', { premium: false })).toBe('standard');
    expect(licenseOf('standard', { premium: false, standard: false })).toBe('none');
    expect(licenseOf('none', { standard: true })).toBe('standard');
    expect(licenseOf('premium', {})).toBe('premium');
  });

  test('names from first and last name; roles, teams and unnamed users kept; sorted', () => {
    const { users, diagnostics } = parseUserCsv(
      'First Name,Last Name,Email,Webex Contact Center\nAnn,Smit,ann@x.example,True\n',
      'u.csv',
    );
    expect(diagnostics).toEqual([]);
    const existing = new Map([
      ['zoe@x.example', { displayName: 'Zoe' }],
      ['ann@x.example', { adminRoles: ['supervisor' as const], teams: ['Sales'] }],
    ]);
    expect(usersFromCsv(users, existing)).toEqual([
      [
        'ann@x.example',
        {
          adminRoles: ['supervisor'],
          teams: ['Sales'],
          displayName: 'Ann Smit',
          license: 'standard',
        },
      ],
      ['zoe@x.example', { displayName: 'Zoe' }],
    ]);
  });

  test('what is written reads back the same', () => {
    const written = usersToCsv([
      ['a@x.example', { displayName: 'Smit, "Ann"', license: 'premium' }],
      ['b@x.example', {}],
    ]);
    const { users } = parseUserCsv(written, 'u.csv');
    expect(users).toEqual([
      { line: 2, email: 'a@x.example', displayName: 'Smit, "Ann"', premium: true, standard: false },
      { line: 3, email: 'b@x.example', premium: false, standard: false },
    ]);
  });
});
