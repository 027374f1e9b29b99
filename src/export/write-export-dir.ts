import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compare } from '../diagnostics/diagnostic.js';

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

/**
 * The filesystem edge of `export --out`: writes each file atomically (temporary file, then
 * rename), removes the files the previous export listed and this one no longer has, and leaves
 * every other file alone.
 */
export async function writeExportDir(
  dir: string,
  files: ReadonlyMap<string, string>,
): Promise<WriteReport> {
  await mkdir(dir, { recursive: true });
  const previous = await readManifest(dir);
  const suffix = `.ccac-tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  for (const [file, content] of files) {
    const target = path.join(dir, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target + suffix, content);
    await rename(target + suffix, target);
  }
  const removed = previous.filter((file) => !files.has(file));
  for (const file of removed) await removeWithEmptyParents(dir, file);
  const written = [...files.keys()].sort(compare);
  await writeFile(
    path.join(dir, MANIFEST),
    `${JSON.stringify({ formatVersion: 1, files: written }, null, 2)}\n`,
  );
  const ours = new Set(written);
  const others = (await listYaml(dir)).filter((file) => !ours.has(file));
  return { written, removed, others };
}

/** The previous export's files; only plain relative paths, so an edited manifest cannot reach outside. */
async function readManifest(dir: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as {
      files?: unknown;
    };
    if (!Array.isArray(parsed.files)) return [];
    return parsed.files.filter(
      (file): file is string =>
        typeof file === 'string' &&
        file !== '' &&
        !file.startsWith('/') &&
        !file.split('/').some((part) => part === '' || part === '.' || part === '..'),
    );
  } catch {
    return [];
  }
}

async function removeWithEmptyParents(dir: string, file: string): Promise<void> {
  await unlink(path.join(dir, ...file.split('/'))).catch(() => undefined);
  const parts = file.split('/').slice(0, -1);
  for (let depth = parts.length; depth > 0; depth--) {
    // rmdir refuses a folder that still holds anything: a user's file keeps its folder.
    const removed = await rmdir(path.join(dir, ...parts.slice(0, depth))).then(
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
