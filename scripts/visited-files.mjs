// The src/ files a run visits: those in which some named function ran, read from V8 coverage.
// Not counted, as they run when a module is merely loaded: the module's top level, esbuild's
// `__name` helpers and class static blocks (tsx names every class with `static { __name(…) }`);
// nor anonymous functions, as a top level's callbacks are (so a file whose only work is arrows,
// like cli/main.ts, is missed: ARCHITECTURE.md says which).
// Used for ARCHITECTURE.md's count:
//   NODE_V8_COVERAGE=/tmp/cov node --import tsx src/cli/main.ts plan examples --db pglite:///tmp/db
//   node scripts/visited-files.mjs /tmp/cov [list]
import { readdirSync, readFileSync } from 'node:fs';
const dir = process.argv[2];
const files = new Set();
for (const name of readdirSync(dir)) {
  const { result } = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  for (const script of result) {
    if (!script.url.includes('/src/') || script.url.includes('node_modules')) continue;
    const ran = script.functions.some(
      (f) =>
        f.functionName !== '' &&
        !f.functionName.startsWith('__') &&
        f.functionName !== '<static_initializer>' &&
        f.ranges[0].count > 0,
    );
    if (ran) files.add(script.url.replace(/.*\/src\//, ''));
  }
}
const list = [...files].sort();
const folders = new Set(list.map((f) => f.split('/').slice(0, -1).join('/') || '.'));
if (process.argv[3] === 'list') console.log(list.join('\n'));
console.log(`${list.length} files in ${folders.size} folders`);
