import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkSize, decodeSource, MAX_FILE_BYTES, type SourceFile } from '../config/source-file.js';

export interface ReadResult {
  files: SourceFile[];
  diagnostics: Diagnostic[];
}

const YAML_FILE = /\.ya?ml$/i;

/** Files and directories (recursive `*.yaml`/`*.yml`, sorted; hidden folders skipped). */
export async function readConfigFiles(paths: readonly string[]): Promise<ReadResult> {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const found = new Set<string>();
  for (const root of paths) {
    const listed = await listYamlFiles(root);
    if ('diagnostic' in listed) diagnostics.push(listed.diagnostic);
    else for (const file of listed.files) found.add(file);
  }
  for (const file of [...found].sort()) {
    const decoded = readSource(file);
    if ('code' in decoded) diagnostics.push(decoded);
    else files.push(decoded);
  }
  return { files, diagnostics };
}

async function listYamlFiles(
  root: string,
): Promise<{ files: string[] } | { diagnostic: Diagnostic }> {
  const info = await stat(root).catch(() => undefined);
  if (!info)
    return {
      diagnostic: error('FILE', `${root}: no such file or directory`, {
        place: { file: root, line: 1, column: 1 },
      }),
    };
  if (info.isFile()) return { files: [root] };
  const files: string[] = [];
  const pending = [root];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const ignored = await ignoredNames(dir);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || ignored.has(entry.name))
        continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) files.push(full);
    }
  }
  return { files };
}

/**
 * `.ccacignore` in a folder lists names in that folder to skip when the folder is read
 * (one per line, `#` comments), like `broken/` beside good examples. Files named on the
 * command line are always read.
 */
async function ignoredNames(dir: string): Promise<Set<string>> {
  const text = await readFile(path.join(dir, '.ccacignore'), 'utf8').catch(() => '');
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().replace(/\/+$/, ''))
      .filter((name) => name !== ''),
  );
}

/** Synchronous: a partner's thousands of small files read faster one after another than awaited. */
function readSource(file: string): SourceFile | Diagnostic {
  const place = { file, line: 1, column: 1 };
  try {
    const oversized = checkSize(file, statSync(file).size);
    if (oversized) return oversized;
    return decodeSource({ path: file, bytes: readFileSync(file) });
  } catch (cause) {
    return error('FILE', `cannot read: ${(cause as Error).message}`, { place });
  }
}

/** Reads referenced files (flow definitions); missing ones are left out and reported by the model. */
export async function readAssets(paths: readonly string[]): Promise<Map<string, string>> {
  const assets = new Map<string, string>();
  for (const file of paths) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_FILE_BYTES) continue;
    const decoded = decodeSource({ path: file, bytes: await readFile(file) });
    if (!('code' in decoded)) assets.set(file, decoded.text);
  }
  return assets;
}
