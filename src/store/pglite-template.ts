import {
  copyFileSync,
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from './lock-file.js';

/**
 * A new embedded database starts as a copy of an empty one that the build made and migrated
 * (scripts/make-pglite-template.mjs), not from PGlite's initdb (≈ 2.6 s on a fresh machine). The
 * template is a data directory, copied file by file (≈ 0.1 s for its 413 files and 8 MB: its WAL
 * is cut to what it needs, trimTemplateWal, and it holds the `postgres` database alone) and then
 * opened as any store is (≈ 0.2 s): PGlite's own `loadDataDir`, from a tarball, took 1.2–1.4 s of
 * the embedded database's thread, on the critical path of a first apply. The copy is named by the
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
  // Only the segments copied: whatever else `dir` held is not the template's to extend.
  for (const name of walSegmentNames(template))
    truncateSync(path.join(dir, 'pg_wal', name), WAL_SEGMENT_BYTES);
  copyFileSync(path.join(template, PG_VERSION), path.join(dir, PG_VERSION));
}

/**
 * PostgreSQL's WAL segment size, as PGlite's initdb leaves it: every segment file is this long.
 * The template keeps one, holding little more than its checkpoint, and cut after it: a copy gets
 * the rest back as a hole (truncateSync), which reads as the zeros it was.
 */
const WAL_SEGMENT_BYTES = 16 << 20;

/** XLOG's page: a segment cut short is cut at a page's end, so its pages are whole. */
const WAL_PAGE_BYTES = 8192;

/** The names of a data directory's WAL segments (in pg_wal/, 24 hex digits each). */
function walSegmentNames(dir: string): string[] {
  return readdirSync(path.join(dir, 'pg_wal')).filter((name) => /^[0-9A-F]{24}$/.test(name));
}

/**
 * The template's WAL reduced to `redoSegment`, the segment its last checkpoint starts from, cut
 * after its last byte that is not zero (scripts/make-pglite-template.mjs): earlier segments are
 * not read again, and later ones are old segments kept for reuse, which PostgreSQL makes anew when
 * they are missing. 16 of the template's 39 MB otherwise, written by every new store and shipped
 * in every package. A segment of another size is a PGlite this code does not know: the build stops.
 */
export function trimTemplateWal(templateDir: string, redoSegment: string): void {
  for (const name of walSegmentNames(templateDir)) {
    const segment = path.join(templateDir, 'pg_wal', name);
    const bytes = readFileSync(segment);
    if (bytes.length !== WAL_SEGMENT_BYTES)
      throw new Error(`${segment} is ${bytes.length} bytes, not ${WAL_SEGMENT_BYTES}`);
    if (name !== redoSegment) {
      rmSync(segment);
      continue;
    }
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    truncateSync(segment, Math.ceil(end / WAL_PAGE_BYTES) * WAL_PAGE_BYTES);
  }
  if (walSegmentNames(templateDir).length !== 1)
    throw new Error(`no WAL segment ${redoSegment} in ${templateDir}`);
}

/** The installed PGlite's version, from its package.json (which its exports do not list). */
export function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = path.join(entry, '../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
