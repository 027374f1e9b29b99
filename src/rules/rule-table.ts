/** The README's rule table, rendered from the registry (scripts/generate-rule-table.mjs). */

export interface RuleRow {
  code: string;
  severity: string;
  summary: string;
  source: string;
}

export const TABLE_START = '<!-- rules:start -->';
export const TABLE_END = '<!-- rules:end -->';

/** A markdown table aligned the way Prettier prints it, so `prettier --check` leaves it alone. */
export function renderRuleTable(rules: readonly RuleRow[]): string {
  const rows = [
    ['code', 'severity', 'rule', 'source'],
    ...rules.map((r) => [`\`${r.code}\``, r.severity, cell(r.summary), cell(r.source)]),
  ];
  const widths = rows[0]!.map((_, column) =>
    Math.max(3, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header!), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The README with the text between the markers replaced by the table. */
export function withRuleTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${readme.slice(0, start)}${TABLE_START}\n\n${table}\n\n${readme.slice(end)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
