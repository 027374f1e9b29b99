// After `tsc`: mark the CLI executable (so `npx ccac` runs on a fresh clone) and write
// dist/build-id.json, a digest of the built code and schemas. The parse cache keys its entries
// with it, so an entry is never trusted by a build other than the one that wrote it.
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
chmodSync(path.join(root, 'dist/cli/main.js'), 0o755);

const digest = createHash('sha256');
for (const dir of ['dist', 'schemas']) {
  const files = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(js|json)$/.test(e.name) && e.name !== 'build-id.json')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) digest.update(path.relative(root, file)).update(readFileSync(file));
}
writeFileSync(
  path.join(root, 'dist/build-id.json'),
  JSON.stringify({ id: digest.digest('hex') }) + '\n',
);
