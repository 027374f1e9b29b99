/** The README's rule table, rendered from the registry (scripts/generate-rule-table.mjs). */
import { markdownTable, tableCell } from '../support/markdown-table.js';

export interface RuleRow {
  code: string;
  severity: string;
  summary: string;
  source: string;
}

export const TABLE_START = '<!-- rules:start -->';
export const TABLE_END = '<!-- rules:end -->';

/** The rule table, aligned as Prettier prints it. */
export function renderRuleTable(rules: readonly RuleRow[]): string {
  return markdownTable([
    ['code', 'severity', 'rule', 'source'],
    ...rules.map((r) => [`\`${r.code}\``, r.severity, tableCell(r.summary), tableCell(r.source)]),
  ]);
}

/** The README with the text between the markers replaced by the table. */
export function withRuleTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${readme.slice(0, start)}${TABLE_START}\n\n${table}\n\n${readme.slice(end)}`;
}
