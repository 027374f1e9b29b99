#!/usr/bin/env node
// Writes docs/webex-mapping.md, the Webex mapping table, from the built mapping modules (run
// `npm run build` first). `--check` writes nothing and exits 1 when the file is stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const docUrl = new URL('../docs/webex-mapping.md', import.meta.url);

async function main() {
  const check = process.argv.includes('--check');
  let table;
  try {
    table = await import('../dist/webex/mapping/mapping-table.js');
  } catch (cause) {
    console.error(`cannot load dist/webex (run \`npm run build\` first): ${cause.message}`);
    return 1;
  }
  const next = table.renderMappingDocument();
  const current = await readFile(docUrl, 'utf8').catch(() => '');
  if (next === current) {
    console.log('docs/webex-mapping.md is up to date');
    return 0;
  }
  if (check) {
    console.error('docs/webex-mapping.md is stale: run `npm run build && npm run docs`');
    return 1;
  }
  await mkdir(new URL('.', docUrl), { recursive: true });
  await writeFile(docUrl, next);
  console.log('docs/webex-mapping.md written');
  return 0;
}

process.exitCode = await main();
