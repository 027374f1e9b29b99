import path from 'node:path';
import { DEFAULT_STORE_URL } from './default-store-url.js';
import { redactUrl } from './redact-url.js';
import { StoreError } from './state-store.js';

/*
 * Where `--db` points, read without opening anything: a module of its own, so that the command
 * line can tell an embedded store from a server before the store's modules load
 * (pglite-wasm.ts).
 */

export type StoreLocation =
  { dialect: 'postgres'; url: string } | { dialect: 'pglite'; dir: string };

/** Where `--db` points. Throws StoreError('STORE') for a URL it does not understand (password hidden). */
export function parseStoreUrl(url: string = DEFAULT_STORE_URL, cwd = process.cwd()): StoreLocation {
  const text = url.trim() || DEFAULT_STORE_URL;
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', url: text };
  if (/^pglite:/i.test(text)) {
    const dir = text.slice('pglite:'.length);
    if (dir === '')
      throw new StoreError(
        'STORE',
        'the --db URL "pglite:" needs a directory, e.g. pglite:.ccac/state',
      );
    return { dialect: 'pglite', dir: path.resolve(cwd, dir) };
  }
  throw new StoreError(
    'STORE',
    `unsupported --db URL "${redactUrl(text)}": use postgres://USER@HOST:PORT/DB or pglite:DIR`,
  );
}

/**
 * The directory of a `pglite:` URL; undefined for PostgreSQL and for a URL that cannot be read,
 * which is left to the opening to report.
 */
export function embeddedDir(url: string): string | undefined {
  try {
    const location = parseStoreUrl(url);
    return location.dialect === 'pglite' ? location.dir : undefined;
  } catch {
    return undefined;
  }
}
