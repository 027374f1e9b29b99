import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkSize, decodeSource, MAX_FILE_BYTES, type SourceFile } from '../config/source-file.js';
import type { FileIndex } from './file-index.js';

export interface ReadResult {
  files: SourceFile[];
  diagnostics: Diagnostic[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Files and directories (recursive `*.yaml`/`*.yml`, sorted; hidden folders skipped). With an
 * index, a file it vouches for is not read: its text is read on first use (few are, when the
 * parse cache knows them).
 */
export async function readConfigFiles(
  paths: readonly string[],
  index?: FileIndex,
): Promise<ReadResult> {
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const found = new Set<string>();
  for (const root of paths) {
    const listed = await listYamlFiles(root);
    if ('diagnostic' in listed) diagnostics.push(listed.diagnostic);
    else for (const file of listed.files) found.add(file);
  }
  for (const file of [...found].sort()) {
    const decoded = readSource(file, index);
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
function readSource(file: string, index: FileIndex | undefined): SourceFile | Diagnostic {
  const place = { file, line: 1, column: 1 };
  try {
    const stats = statSync(file, { bigint: true });
    const oversized = checkSize(file, Number(stats.size));
    if (oversized) return oversized;
    const known = index?.vouch(file, stats);
    if (known !== undefined) return unreadSource(file, known);
    const bytes = readFileSync(file);
    const decoded = decodeSource({ path: file, bytes });
    if ('code' in decoded) return decoded;
    const digest = bytesDigest(bytes);
    index?.record(file, stats, digest);
    return { ...decoded, digest };
  } catch (cause) {
    return error('FILE', `cannot read: ${(cause as Error).message}`, { place });
  }
}

export function bytesDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A file known by its digest, read when its text is first asked for. Should it have changed in
 * between (its stat was just checked), it reads as empty: places into it are then line 1.
 */
function unreadSource(file: string, digest: string): SourceFile {
  let text: string | undefined;
  return {
    path: file,
    digest,
    get text() {
      if (text === undefined) {
        const bytes = readFileSync(file);
        const decoded = bytesDigest(bytes) === digest && decodeSource({ path: file, bytes });
        text = decoded && !('code' in decoded) ? decoded.text : '';
      }
      return text;
    },
  };
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
