#!/usr/bin/env node
// Writes the rule table of README.md from the built rule registry (run `npm run build` first).
// `--check` writes nothing and exits 1 when the README's table is stale.
import { readFile, writeFile } from 'node:fs/promises';

const readmeUrl = new URL('../README.md', import.meta.url);

async function main() {
  const check = process.argv.includes('--check');
  let registry, table;
  try {
    registry = await import('../dist/rules/registry.js');
    table = await import('../dist/rules/rule-table.js');
  } catch (cause) {
    console.error(`cannot load dist/rules (run \`npm run build\` first): ${cause.message}`);
    return 1;
  }
  const readme = await readFile(readmeUrl, 'utf8');
  const next = table.withRuleTable(readme, table.renderRuleTable(registry.RULES));
  if (next === readme) {
    console.log('README.md rule table is up to date');
    return 0;
  }
  if (check) {
    console.error('README.md rule table is stale: run `npm run build && npm run docs`');
    return 1;
  }
  await writeFile(readmeUrl, next);
  console.log(`README.md rule table written (${registry.RULES.length} rules)`);
  return 0;
}

process.exitCode = await main();
