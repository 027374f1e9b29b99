// After `tsc`: bundle the CLI, mark it executable (so `npx ccac` runs on a fresh clone) and write
// dist/build-id.json, a digest of the built code and schemas. The parse cache keys its entries
// with it, so an entry is never trusted by a build other than the one that wrote it.
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { compileSchemas } from './compile-schemas.mjs';
import { makePgliteTemplate } from './make-pglite-template.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/main.js');

// Node loads one module much faster than the 170 the CLI is made of (≈ 0.1 s of every run). The
// bundle replaces tsc's main.js in place: it sits at the depth of every other dist folder, so the
// paths the code resolves from its own location (schemas, build id, worker) hold in both.
for (const name of readdirSync(path.dirname(cli)))
  if (/^main-.*\.js$/.test(name)) rmSync(path.join(path.dirname(cli), name)); // earlier chunks
await build({
  input: cli,
  platform: 'node',
  logLevel: 'warn',
  // Packages stay in node_modules, loaded as before (several only on first use).
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: {
    dir: path.dirname(cli),
    format: 'esm',
    entryFileNames: 'main.js',
    chunkFileNames: 'main-[name]-[hash].js',
  },
});
// The parse thread's module, bundled in place the same way: a thread loading its 40 modules one
// by one spent ≈ 0.1 s before it parsed a file.
const worker = path.join(root, 'dist/workspace/parse-worker.js');
await build({
  input: worker,
  platform: 'node',
  logLevel: 'warn',
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: { file: worker, format: 'esm' },
});
rmSync(`${worker}.map`, { force: true });
chmodSync(cli, 0o755);
await compileSchemas(root);
await makePgliteTemplate(root);
rmSync(`${cli}.map`, { force: true }); // tsc's, of the file the bundle replaced

const digest = createHash('sha256');
for (const dir of ['dist', 'schemas']) {
  const files = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(c?js|json)$/.test(e.name) && e.name !== 'build-id.json')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) digest.update(path.relative(root, file)).update(readFileSync(file));
}
writeFileSync(
  path.join(root, 'dist/build-id.json'),
  JSON.stringify({ id: digest.digest('hex') }) + '\n',
);
