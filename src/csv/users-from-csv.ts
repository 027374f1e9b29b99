import { compare } from '../diagnostics/diagnostic.js';
import type { SpecOf } from '../model/kinds.js';
import type { CsvUser } from './parse-user-csv.js';

type UserSpec = SpecOf<'User'>;
type License = NonNullable<UserSpec['license']>;

/**
 * The tenant's users after the CSV: each row's user with its display name and licence as the
 * row says, everything else (admin roles, teams, desktop profile, organization) as the YAML
 * already says; users the CSV does not name are kept as they are (a CSV may be filtered).
 * Sorted by e-mail, like an export.
 */
export function usersFromCsv(
  rows: readonly CsvUser[],
  existing: ReadonlyMap<string, UserSpec>,
): [string, UserSpec][] {
  const users = new Map(existing);
  for (const row of rows) users.set(row.email, updatedUser(users.get(row.email) ?? {}, row));
  return [...users].sort(([a], [b]) => compare(a, b));
}

function updatedUser(spec: UserSpec, row: CsvUser): UserSpec {
  const out: UserSpec = { ...spec };
  if (row.displayName !== undefined) out.displayName = row.displayName;
  const license = licenseOf(spec.license ?? 'none', row);
  // `none` is the default: said only where the YAML said it already.
  if (license !== 'none' || out.license !== undefined) out.license = license;
  return out;
}

/**
 * The licence a row gives: True in a column is that licence, both False is none; one column False
 * and the other empty takes that licence away only from a user who holds it.
 */
export function licenseOf(current: License, row: Pick<CsvUser, 'premium' | 'standard'>): License {
  if (row.premium === true) return 'premium';
  if (row.standard === true) return 'standard';
  if (row.premium === false && row.standard === false) return 'none';
  if (row.premium === false && current === 'premium') return 'none';
  if (row.standard === false && current === 'standard') return 'none';
  return current;
}
