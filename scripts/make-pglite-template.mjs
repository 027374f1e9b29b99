// After `tsc`: dist/pglite-state-<PGlite version>.tgz, an empty embedded database with ccac's
// schema, which a new store is created from instead of running initdb (src/store/pglite-template.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

export async function makePgliteTemplate(root) {
  const dist = (file) => pathToFileURL(path.join(root, 'dist', file)).href;
  const { openStore } = await import(dist('store/open-store.js'));
  const { pgliteVersion, templateFile } = await import(dist('store/pglite-template.js'));
  const out = templateFile(path.join(root, 'dist'), pgliteVersion());
  rmSync(out, { force: true }); // made afresh: never from an earlier template
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ccac-template-')), 'state');
  try {
    await (await openStore(`pglite:${dir}`)).close(); // created and migrated, lock released
    const pglite = await PGlite.create(dir);
    const tarball = await pglite.dumpDataDir('gzip');
    await pglite.close();
    writeFileSync(out, new Uint8Array(await tarball.arrayBuffer()));
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}
