// An eslint-plugin-import resolver for this repository's relative imports: the source says
// `./x.js`, the file on disk is `./x.ts` (NodeNext ESM). eslint-plugin-boundaries needs the
// real file to know which layer an import reaches; packages are left to the node resolver.
const { existsSync } = require('node:fs');
const path = require('node:path');

exports.interfaceVersion = 2;

exports.resolve = function resolve(source, file) {
  if (!source.startsWith('.')) return { found: false };
  const base = path.resolve(path.dirname(file), source);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base]) {
    if (existsSync(candidate)) return { found: true, path: candidate };
  }
  return { found: false };
};
