/**
 * SQL for the checksum of a resource row as ccac writes it: scope, identity, hash and value.
 * Only ccac's writes store it (`resources.row_md5`), so a row changed by any other SQL — its value,
 * its name, its hash — no longer matches it. `row` is the table alias; `valueText` the row's value
 * as text (jsonb's own rendering, which does not depend on how the JSON was written), passed
 * apart so a query that also returns that text renders it once.
 */
export function rowChecksum(row: string, valueText: string): string {
  const columns = ['scope', 'kind', 'name', 'tenant', 'hash'].map((c) => `${row}.${c}`);
  return `md5(concat_ws(chr(31), ${columns.join(', ')}, ${valueText}))`;
}
