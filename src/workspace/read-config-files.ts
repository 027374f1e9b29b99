import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compare, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { bytesDigest, decodeSource, type SourceFile } from '../config/source-file.js';
import type { UnreadableAsset } from '../model/canonicalize.js';
import {
  IGNORE_FILE,
  isYamlFile,
  parseIgnoreFile,
  skipsName,
} from '../config/config-file-names.js';
import { resolvePathArguments, type ConfigFolders, type PathArgument } from './config-folders.js';
import type { FileIndex } from './file-index.js';
import { readRegularFile, regularFileStats } from '../support/read-regular-file.js';

export interface ReadResult {
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** The folders the files come from: the only place their flow definitions are read from. */
  folders: ConfigFolders;
}

/** A configuration file found: its name as shown (through the links followed) and its real path. */
export interface Found {
  path: string;
  real: string;
}

/** The configuration's files found (sorted, one per real path), before any is read. */
export interface Listed {
  found: Found[];
  /** Of the folders and links: they come before any file's. */
  diagnostics: Diagnostic[];
  folders: ConfigFolders;
}

/**
 * Files and directories (recursive `*.yaml`/`*.yml`, sorted; hidden folders skipped; links
 * followed within the configuration's folders, ConfigFolders). With an index, a file it vouches
 * for is not read: its text is read on first use (few are, when the parse cache knows them).
 * `onRead`: each file read now (not vouched for by the index), as soon as it is.
 */
export async function readConfigFiles(
  paths: readonly string[],
  index?: FileIndex,
  onRead?: (file: SourceFile) => void,
): Promise<ReadResult> {
  return readListed(await listConfigFiles(paths), index, onRead);
}

/** The files listed, read as readConfigFiles reads them. */
export function readListed(
  { found, diagnostics: listing, folders }: Listed,
  index?: FileIndex,
  onRead?: (file: SourceFile) => void,
): ReadResult {
  const diagnostics = [...listing];
  const files: SourceFile[] = [];
  for (const file of found) {
    const decoded = readFound(file, index, onRead);
    if ('code' in decoded) diagnostics.push(decoded);
    else files.push(decoded);
  }
  return { files, diagnostics, folders };
}

/** The files `paths` name and hold, as readConfigFiles reads them, not read yet. */
export async function listConfigFiles(paths: readonly string[]): Promise<Listed> {
  const { folders, resolved, diagnostics } = resolvePathArguments(paths);
  const found: Found[] = [];
  for (const argument of resolved) {
    if (!argument.folder) {
      found.push({ path: argument.path, real: argument.real });
      continue;
    }
    const listed = await listYamlFiles(argument, folders, diagnostics);
    // A folder named and found empty is a mistake (a wrong path, a missing checkout), not a
    // configuration that declares nothing: planned, it would read as "No changes".
    if (listed.length === 0) diagnostics.push(nothingFound(argument.path));
    found.push(...listed);
  }
  return { found: onePerRealPath(found), diagnostics, folders };
}

function nothingFound(folder: string): Diagnostic {
  return error('FILE', `no configuration files found in ${folder} (no *.yaml or *.yml files)`, {
    place: { file: folder, line: 1, column: 1 },
  });
}

/** Sorted by name; a file reached by two names (a link beside its target) is read once, by the first. */
function onePerRealPath(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found
    .sort((a, b) => compare(a.path, b.path))
    .filter((file) => !seen.has(file.real) && seen.add(file.real));
}

/**
 * A folder's YAML files, recursively, but for hidden names, `node_modules` and what a
 * `.ccacignore` lists. A link is followed when it leads within `folders` (each folder once, so a
 * link to an ancestor ends there); one that leads elsewhere or nowhere is an error that names it,
 * never skipped in silence: the files it would hold could be a tenant's, planned for deletion.
 */
async function listYamlFiles(
  root: PathArgument,
  folders: ConfigFolders,
  diagnostics: Diagnostic[],
): Promise<Found[]> {
  const files: Found[] = [];
  const walked = new Set([root.real]);
  const pending: Found[] = [{ path: root.path, real: root.real }];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await listFolder(dir, diagnostics);
    const ignored = ignoredNames(dir, diagnostics);
    for (const entry of entries) {
      if (skipsName(entry.name, ignored)) continue;
      const shown = path.join(dir.path, entry.name);
      const real = path.join(dir.real, entry.name);
      const target = entry.isSymbolicLink()
        ? await followLink(shown, real, folders, diagnostics)
        : { real, folder: entry.isDirectory() };
      if (target === undefined) continue;
      if (!target.folder) {
        if (isYamlFile(entry.name)) files.push({ path: shown, real: target.real });
      } else if (!walked.has(target.real)) {
        walked.add(target.real);
        pending.push({ path: shown, real: target.real });
      }
    }
  }
  return files;
}

async function listFolder(dir: Found, diagnostics: Diagnostic[]): Promise<Dirent[]> {
  try {
    const entries = await readdir(dir.real, { withFileTypes: true });
    return entries.sort((a, b) => compare(a.name, b.name));
  } catch (cause) {
    const place = { file: dir.path, line: 1, column: 1 };
    diagnostics.push(
      error('FILE', `cannot read the folder: ${(cause as Error).message}`, { place }),
    );
    return [];
  }
}

/** Where a link leads, when it is followed: undefined for one left out (see listYamlFiles). */
async function followLink(
  shown: string,
  link: string,
  folders: ConfigFolders,
  diagnostics: Diagnostic[],
): Promise<{ real: string; folder: boolean } | undefined> {
  const resolved = folders.resolve(link);
  const target = await stat(link).catch(() => undefined);
  if ('real' in resolved) return { real: resolved.real, folder: target?.isDirectory() === true };
  // A link out of reach to a file ccac would not read anyway (README.md) is no loss.
  if (target && !target.isDirectory() && !isYamlFile(shown)) return undefined;
  const why = resolved.missing ? 'its target does not exist' : resolved.refused;
  diagnostics.push(
    error(
      'FILE',
      `link skipped: ${why}. A link is followed only within the configuration's folders; list it in ${IGNORE_FILE} to leave it out`,
      { place: { file: shown, line: 1, column: 1 } },
    ),
  );
  return undefined;
}

/**
 * `.ccacignore` in a folder lists names in that folder to skip when the folder is read
 * (one per line, `#` comments), like `broken/` beside good examples. Files named on the
 * command line are always read. Read as a regular file of the folder itself, never through a link.
 */
function ignoredNames(dir: Found, diagnostics: Diagnostic[]): Set<string> {
  const read = readRegularFile(path.join(dir.real, IGNORE_FILE));
  if ('bytes' in read) return parseIgnoreFile(read.bytes.toString('utf8'));
  if (!read.missing) {
    const place = { file: path.join(dir.path, IGNORE_FILE), line: 1, column: 1 };
    diagnostics.push(error('FILE', read.refused, { place }));
  }
  return new Set();
}

/** Synchronous: a partner's thousands of small files read faster one after another than awaited. */
export function readFound(
  file: Found,
  index: FileIndex | undefined,
  onRead?: (file: SourceFile) => void,
): SourceFile | Diagnostic {
  const place = { file: file.path, line: 1, column: 1 };
  // A vouched file is read later, by readRegularFile, which looks at it again.
  const named = regularFileStats(file.real);
  if ('refused' in named) return error('FILE', named.refused, { place });
  const known = index?.vouch(file.path, named.stats);
  if (known !== undefined) return unreadSource(file, known);
  const read = readRegularFile(file.real);
  if ('refused' in read) return error('FILE', read.refused, { place });
  const decoded = decodeSource({ path: file.path, bytes: read.bytes });
  if ('code' in decoded) return decoded;
  const digest = bytesDigest(read.bytes);
  index?.record(file.path, read.stats, digest);
  const source = { ...decoded, digest };
  onRead?.(source);
  return source;
}

/**
 * A file known by its digest, read when its text is first asked for. Should it have changed in
 * between (its stat was just checked), it reads as empty: places into it are then line 1.
 */
export function unreadSource(file: Found, digest: string): SourceFile {
  let text: string | undefined;
  return {
    path: file.path,
    digest,
    get text() {
      if (text === undefined) {
        const read = readRegularFile(file.real);
        const decoded =
          'bytes' in read &&
          bytesDigest(read.bytes) === digest &&
          decodeSource({ path: file.path, bytes: read.bytes });
        text = decoded && !('code' in decoded) ? decoded.text : '';
      }
      return text;
    },
  };
}

/**
 * Reads referenced files (flow definitions) within the configuration's folders; each one that
 * cannot be read is kept with the reason, which the model reports at the `definitionFile` field.
 */
export function readAssets(
  paths: readonly string[],
  folders: ConfigFolders,
): Map<string, string | UnreadableAsset> {
  const assets = new Map<string, string | UnreadableAsset>();
  for (const file of paths) {
    const read = folders.read(file);
    if ('refused' in read) {
      assets.set(file, { unreadable: read.refused });
      continue;
    }
    const decoded = decodeSource({ path: file, bytes: read.bytes });
    assets.set(file, 'code' in decoded ? { unreadable: decoded.message } : decoded.text);
  }
  return assets;
}
