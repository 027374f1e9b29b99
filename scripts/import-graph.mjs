#!/usr/bin/env node
// Prints how often each folder of src/ imports each other folder (relative imports only),
// so the layering can be compared before and after a change: `node scripts/import-graph.mjs [root]`.
// A folder is the path under src/ without the file name (src/cli/commands/plan.ts → cli/commands).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'src');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const folderOf = (file) => path.relative(root, path.dirname(file)).split(path.sep).join('/') || '.';
const counts = new Map();
for (const file of sourceFiles(root)) {
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2]);
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}
for (const key of [...counts.keys()].sort()) console.log(`${key}  ${counts.get(key)}`);
console.log(
  `${counts.size} folder pairs, ${[...counts.values()].reduce((a, b) => a + b, 0)} imports`,
);
