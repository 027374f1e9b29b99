// After `tsc`: dist/pglite-state-<PGlite version>/, an empty embedded database with ccac's schema,
// which a new store is copied from instead of running initdb (src/store/pglite-template.ts).
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function makePgliteTemplate(root) {
  const dist = (file) => pathToFileURL(path.join(root, 'dist', file)).href;
  const { openStore } = await import(dist('store/open-store.js'));
  const { pgliteVersion, trimTemplateWal, templateDir } = await import(
    dist('store/pglite-template.js')
  );
  // Made afresh, never from an earlier template; earlier builds' tarballs go too.
  for (const name of readdirSync(path.join(root, 'dist')))
    if (name.startsWith('pglite-state-'))
      rmSync(path.join(root, 'dist', name), { recursive: true });
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ccac-template-')), 'state');
  try {
    const store = await openStore(`pglite:${dir}`); // created and migrated
    let redoSegment;
    try {
      await dropTemplateDatabases(store.db);
      // A checkpoint in a segment of its own: initdb's and the migrations' WAL is then not needed.
      await store.db.query('select pg_switch_wal()');
      await store.db.query('checkpoint');
      [{ redo_wal_file: redoSegment }] = await store.db.query(
        'select redo_wal_file from pg_control_checkpoint()',
      );
    } finally {
      await store.close(); // lock released
    }
    const template = templateDir(path.join(root, 'dist'), pgliteVersion());
    cpSync(dir, template, { recursive: true });
    trimTemplateWal(template, redoSegment);
  } finally {
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

/**
 * initdb's template databases (template0, template1) dropped: ccac opens only `postgres` and
 * never creates a database, and they were 600 of the template's 1,013 files, each one copied
 * into every new store on the path of its first apply (bench/HISTORY.md, Session 21).
 */
async function dropTemplateDatabases(db) {
  for (const name of ['template0', 'template1']) {
    await db.query(`alter database ${name} is_template false`);
    await db.query(`drop database ${name}`);
  }
}
