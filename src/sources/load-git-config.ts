import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeSource, type SourceFile } from '../config/source-file.js';
import {
  assetsNeeded,
  checkConfig,
  loadConfig,
  type CheckedConfig,
} from '../config/check-config.js';
import { Model } from '../model/model.js';
import {
  fromRoot,
  GitError,
  listGitTree,
  readGitObjects,
  toRoot,
  type GitTree,
} from './git-tree.js';
import { IGNORE_FILE, parseIgnoreFile, selectConfigFiles } from './select-config-files.js';

/**
 * `git:REF[:PATH]`: the configuration at PATH (relative to `cwd`, default `.`) in commit REF,
 * read from git's object store into memory, never checked out, then loaded and checked like
 * files on disk, flow definitions included. Diagnostics name their files `REF:path`.
 */
export async function loadGitConfig(
  cwd: string,
  ref: string,
  pathArg: string | undefined,
): Promise<CheckedConfig> {
  const label = `git:${ref}${pathArg === undefined ? '' : `:${pathArg}`}`;
  let tree: GitTree;
  try {
    tree = await listGitTree(cwd, ref, pathArg ?? '.');
  } catch (cause) {
    if (!(cause instanceof GitError)) throw cause;
    return failed(`${label}: ${cause.message}`);
  }
  const root = toRoot(tree, pathArg ?? '.');
  const selected = root === undefined ? [] : await configBlobs(cwd, tree, root === '.' ? '' : root);
  if (selected.length === 0) return failed(`${label}: no YAML files there in ${ref}`);
  const contents = await readGitObjects(
    cwd,
    selected.map((full) => tree.blobs.get(full)!),
  );
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const full of selected) {
    const decoded = decodeSource({
      path: fromRoot(tree, full),
      bytes: contents.get(tree.blobs.get(full)!) ?? new Uint8Array(),
    });
    if ('code' in decoded) diagnostics.push(decoded);
    else files.push(decoded);
  }
  const loaded = loadConfig(files);
  const assets = await readAssets(cwd, tree, assetsNeeded(loaded.resources));
  const checked = checkConfig(loaded.resources, [...diagnostics, ...loaded.diagnostics], assets);
  return { ...checked, diagnostics: checked.diagnostics.map((d) => relabel(d, ref)) };
}

/**
 * The YAML blobs a path operand at `root` would read: a named file, or a folder's files
 * selected as on disk, which needs the folder's `.ccacignore` files read first.
 */
async function configBlobs(cwd: string, tree: GitTree, root: string): Promise<string[]> {
  if (tree.blobs.has(root)) return [root];
  const base = root === '' ? '' : `${root}/`;
  const relative = [...tree.blobs.keys()]
    .filter((full) => full.startsWith(base))
    .map((full) => full.slice(base.length));
  const ignoreFiles = relative.filter((file) => file.split('/').pop() === IGNORE_FILE);
  const texts = await readGitObjects(
    cwd,
    ignoreFiles.map((file) => tree.blobs.get(base + file)!),
  );
  const ignores = new Map<string, ReadonlySet<string>>();
  for (const file of ignoreFiles) {
    const text = texts.get(tree.blobs.get(base + file)!)?.toString('utf8') ?? '';
    ignores.set(file.split('/').slice(0, -1).join('/'), parseIgnoreFile(text));
  }
  return selectConfigFiles(relative, ignores)
    .sort()
    .map((file) => base + file);
}

/** Flow definitions by the paths `assetsNeeded` gives (relative to `cwd`), read from the commit. */
async function readAssets(
  cwd: string,
  tree: GitTree,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const file of paths) {
    const full = toRoot(tree, file);
    if (full !== undefined) names.set(file, `${tree.commit}:${full}`);
  }
  const contents = await readGitObjects(cwd, [...names.values()]);
  const assets = new Map<string, string>();
  for (const [file, name] of names) {
    const bytes = contents.get(name);
    const decoded = bytes && decodeSource({ path: file, bytes });
    if (decoded && !('code' in decoded)) assets.set(file, decoded.text);
  }
  return assets;
}

function relabel(diagnostic: Diagnostic, ref: string): Diagnostic {
  return diagnostic.file === undefined
    ? diagnostic
    : { ...diagnostic, file: `${ref}:${diagnostic.file}` };
}

function failed(message: string): CheckedConfig {
  return { desired: new Model(), declared: [], diagnostics: [error('FILE', message)] };
}
