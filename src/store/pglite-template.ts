import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from './lock-file.js';

/**
 * A new embedded database starts as a copy of an empty one that the build made and migrated
 * (scripts/make-pglite-template.mjs), not from PGlite's initdb (≈ 2.6 s on a fresh machine). The
 * template is a data directory, copied file by file (≈ 0.15 s for its 39 MB) and then opened as
 * any store is (≈ 0.2 s): PGlite's own `loadDataDir`, from a tarball, took 1.2–1.4 s of the
 * embedded database's thread, on the critical path of a first apply. The copy is named by the
 * PGlite version that made it, so another version never loads it.
 */
export function templateDir(distDir: string, pgliteVersion: string): string {
  return path.join(distDir, `pglite-state-${pgliteVersion}`);
}

/** The file that makes a directory an embedded database (PGlite writes PostgreSQL's data there). */
const PG_VERSION = 'PG_VERSION';

/** Whether `dir` holds an embedded database. */
export function holdsDatabase(dir: string): boolean {
  return existsSync(path.join(dir, PG_VERSION));
}

// <root>/dist, from src/store (tests of the sources), dist/store and dist/cli (the bundle) alike.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * The template to create `dir`'s database from: undefined when `dir` holds a database already
 * (PGlite then opens it) or when there is no template for this PGlite (it then runs initdb).
 */
export function emptyStateFor(dir: string): string | undefined {
  if (holdsDatabase(dir)) return undefined;
  const template = templateDir(DIST, pgliteVersion());
  return holdsDatabase(template) ? template : undefined;
}

/**
 * `template` copied into `dir`, under `dir`'s lock, PG_VERSION last: a copy cut short (a crash, a
 * full disk) is not taken for a database, and the next open copies over it.
 */
export function copyEmptyState(template: string, dir: string): void {
  const skipped = new Set([path.join(template, PG_VERSION), path.join(template, LOCK_FILE)]);
  cpSync(template, dir, { recursive: true, filter: (source) => !skipped.has(source) });
  copyFileSync(path.join(template, PG_VERSION), path.join(dir, PG_VERSION));
}

/** The installed PGlite's version, from its package.json (which its exports do not list). */
export function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = path.join(entry, '../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
