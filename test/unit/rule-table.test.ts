import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { expect, test } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { renderRuleTable, withRuleTable } from '../../src/rules/rule-table.js';

const README = new URL('../../README.md', import.meta.url);

test('the README rule table is current (npm run build && npm run docs)', async () => {
  const readme = await readFile(README, 'utf8');
  expect(readme).toBe(withRuleTable(readme, renderRuleTable(RULES)));
});

test('the rendered table is already in Prettier form', async () => {
  const table = renderRuleTable(RULES);
  const options = (await resolveConfig(README.pathname)) ?? {};
  expect(await format(table, { ...options, parser: 'markdown' })).toBe(`${table}\n`);
});

test('every rule has a code, a one-line source and a one-sentence summary', () => {
  const codes = RULES.map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const rule of RULES) {
    expect(rule.source, rule.code).toMatch(/^(seed \d{3}|SPEC §\d)/);
    expect(rule.source, rule.code).not.toContain('\n');
    expect(rule.summary, rule.code).toMatch(/^[^\n]+\.$/);
  }
});
