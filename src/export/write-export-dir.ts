import { randomBytes } from 'node:crypto';
import {
  lstat,
  mkdir,
  readdir,
  realpath,
  rename,
  rmdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { compare } from '../diagnostics/diagnostic.js';
import { readRegularFile } from '../support/read-regular-file.js';
import { isPlainRelativePath } from './path-segment.js';

/**
 * Lists what the last export wrote into a directory. Hidden, so `ccac plan DIR` skips it; it is
 * how a later export knows which files are its own to replace or remove, and which are the user's.
 */
export const MANIFEST = '.ccac-export.json';

export interface WriteReport {
  written: string[];
  /** Files a previous export wrote that this state no longer has (a deleted tenant, a renamed flow). */
  removed: string[];
  /** YAML files in the directory that this export did not write: `ccac plan DIR` reads them too. */
  others: string[];
}

/** An export that would write or remove outside its directory: refused, with what and why. */
export class ExportPathError extends Error {}

/**
 * The filesystem edge of `export --out`: writes each file atomically (temporary file, then
 * rename), removes the files the previous export listed and this one no longer has, and leaves
 * every other file alone. Nothing is written or removed outside `dir`: every path is plain
 * (isPlainRelativePath), every folder on the way is a real folder, not a link (a checkout could
 * hold `acme -> /etc`), and no file is written through a link left at its name. A path that fails
 * is an ExportPathError, found before anything is written.
 */
export async function writeExportDir(
  dir: string,
  files: ReadonlyMap<string, string>,
): Promise<WriteReport> {
  await mkdir(dir, { recursive: true });
  const root = await realpath(dir);
  const previous = readManifest(root);
  const outside = [...files.keys()].find((file) => !isPlainRelativePath(file));
  if (outside !== undefined)
    throw new ExportPathError(`${JSON.stringify(outside)} is not a plain path inside ${dir}`);
  for (const file of [...files.keys(), ...previous]) await checkFolders(root, dir, file);
  const suffix = `.ccac-tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  for (const [file, content] of files) {
    await makeFolders(root, file);
    await replaceFile(path.join(root, ...file.split('/')), suffix, content);
  }
  const removed = previous.filter((file) => !files.has(file));
  for (const file of removed) await removeWithEmptyParents(root, file);
  const written = [...files.keys()].sort(compare);
  const manifest = `${JSON.stringify({ formatVersion: 1, files: written }, null, 2)}\n`;
  await replaceFile(path.join(root, MANIFEST), suffix, manifest);
  const ours = new Set(written);
  const others = (await listYaml(root)).filter((file) => !ours.has(file));
  return { written, removed, others };
}

/** Refuses a path whose existing folders include a link or a file: it could lead anywhere. */
async function checkFolders(root: string, dir: string, file: string): Promise<void> {
  const parts = file.split('/').slice(0, -1);
  for (let depth = 1; depth <= parts.length; depth++) {
    const folder = path.join(root, ...parts.slice(0, depth));
    const stats = await lstat(folder).catch(() => undefined);
    if (!stats) return;
    if (stats.isSymbolicLink() || !stats.isDirectory())
      throw new ExportPathError(
        `${path.join(dir, ...parts.slice(0, depth))} is ${stats.isSymbolicLink() ? 'a link' : 'not a folder'}: export writes only into real folders inside ${dir}; move it away or export elsewhere`,
      );
  }
}

/** The folders of `file`, made one at a time, each a real folder once made (checkFolders). */
async function makeFolders(root: string, file: string): Promise<void> {
  const parts = file.split('/').slice(0, -1);
  for (let depth = 1; depth <= parts.length; depth++) {
    const folder = path.join(root, ...parts.slice(0, depth));
    await mkdir(folder).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'EEXIST') throw cause;
    });
    const stats = await lstat(folder);
    if (stats.isSymbolicLink() || !stats.isDirectory())
      throw new ExportPathError(`${folder} changed into a link or a file while exporting`);
  }
}

/**
 * Writes beside `target` (a new name: `wx` neither follows nor reuses anything there), then
 * renames into place, which replaces a link at `target` rather than writing through it.
 */
async function replaceFile(target: string, suffix: string, content: string): Promise<void> {
  await writeFile(target + suffix, content, { flag: 'wx' });
  await rename(target + suffix, target);
}

/** The previous export's files; only plain relative paths, so an edited manifest cannot reach outside. */
function readManifest(root: string): string[] {
  const read = readRegularFile(path.join(root, MANIFEST));
  if ('refused' in read) return [];
  try {
    const parsed = JSON.parse(read.bytes.toString('utf8')) as { files?: unknown };
    if (!Array.isArray(parsed.files)) return [];
    return parsed.files.filter(
      (file): file is string => typeof file === 'string' && isPlainRelativePath(file),
    );
  } catch {
    return [];
  }
}

async function removeWithEmptyParents(root: string, file: string): Promise<void> {
  await unlink(path.join(root, ...file.split('/'))).catch(() => undefined);
  const parts = file.split('/').slice(0, -1);
  for (let depth = parts.length; depth > 0; depth--) {
    // rmdir refuses a folder that still holds anything: a user's file keeps its folder.
    const removed = await rmdir(path.join(root, ...parts.slice(0, depth))).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

/** YAML files below `dir` as `ccac plan` would find them (hidden folders skipped), with `/`. */
async function listYaml(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listYaml(dir, relative)));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(relative);
  }
  return out.sort(compare);
}
