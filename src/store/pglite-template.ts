import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A new embedded database starts as a copy of an empty one that the build made and migrated
 * (scripts/make-pglite-template.mjs), not from PGlite's initdb: a first run on a fresh machine
 * opens its store in ≈ 0.8 s rather than ≈ 2.6 s. The copy is named by the PGlite version that
 * made it, so another version never loads it.
 */
export function templateFile(distDir: string, pgliteVersion: string): string {
  return path.join(distDir, `pglite-state-${pgliteVersion}.tgz`);
}

/** Whether `dir` holds an embedded database (PGlite writes PostgreSQL's data directory there). */
export function holdsDatabase(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

// <root>/dist, from src/store (tests of the sources), dist/store and dist/cli (the bundle) alike.
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * The template to create `dir`'s database from: undefined when `dir` holds a database already
 * (PGlite then opens it) or when there is no template for this PGlite (it then runs initdb).
 */
export function emptyStateFor(dir: string): Blob | undefined {
  if (holdsDatabase(dir)) return undefined;
  try {
    return new Blob([readFileSync(templateFile(DIST, pgliteVersion()))]);
  } catch {
    return undefined;
  }
}

/** The installed PGlite's version, from its package.json (which its exports do not list). */
export function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = path.join(entry, '../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
