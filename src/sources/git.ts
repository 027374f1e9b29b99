import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  changedPaths,
  DIRTY_SUFFIX,
  isConfigurationFile,
  type ConfigurationPlaces,
} from './config-changes.js';

const run = promisify(execFile);

/** The commit of a configuration, once the flow definition files it names are known. */
export type CommitLookup = (definitionFiles?: readonly string[]) => Promise<string | null>;

/**
 * The commit a revision records for a configuration read from `paths` (and from the flow
 * definition files given to the lookup returned): HEAD of the git repository that holds them —
 * not the current directory's — with DIRTY_SUFFIX when one of the configuration's files there
 * differs from it (changed, staged, deleted or not yet added). Null when they lie outside any
 * repository or in more than one, when the repository has no commit, or without git: no commit
 * describes them.
 *
 * The repository and the state of `paths` are asked for at once, while the configuration is
 * read: a git process started later, from a process holding the whole configuration, takes
 * 0.05–0.1 s of the apply's path to its first write. The definition files, known only once the
 * configuration is, are asked about then, when there are any.
 */
export function configurationCommit(paths: readonly string[], cwd = process.cwd()): CommitLookup {
  const repository = repositoryOf(paths, cwd);
  return async (definitionFiles = []) => {
    const found = await repository;
    if (!found) return null;
    const files = await Promise.all(
      definitionFiles.map((file) => realOrAsIs(path.resolve(cwd, file))),
    );
    const changed =
      (await found.changed) ||
      (files.length > 0 && (await changedHere(found.top, { folders: [], files })));
    return changed ? `${found.head}${DIRTY_SUFFIX}` : found.head;
  };
}

/** The repository holding every path, its HEAD, and whether the paths' files differ from it. */
async function repositoryOf(
  paths: readonly string[],
  cwd: string,
): Promise<{ top: string; head: string; changed: Promise<boolean> } | null> {
  try {
    const named = await Promise.all(paths.map((p) => placeOf(path.resolve(cwd, p))));
    const tops = await Promise.all(
      named.map((p) =>
        git(p.folder ? p.real : path.dirname(p.real), ['rev-parse', '--show-toplevel']),
      ),
    );
    const top = tops[0];
    if (top === undefined || tops.some((t) => t !== top)) return null;
    const places: ConfigurationPlaces = {
      folders: named.filter((p) => p.folder).map((p) => p.real),
      files: named.filter((p) => !p.folder).map((p) => p.real),
    };
    // Asked together: neither waits for the other's process.
    const changed = changedHere(top, places);
    return { top, head: await git(top, ['rev-parse', '--verify', 'HEAD']), changed };
  } catch {
    return null;
  }
}

/** Whether any of the configuration's files differs from HEAD; when git cannot tell, it may. */
async function changedHere(top: string, places: ConfigurationPlaces): Promise<boolean> {
  try {
    const status = await git(top, [
      '--literal-pathspecs',
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--',
      ...places.folders,
      ...places.files,
    ]);
    return changedPaths(status).some((file) => isConfigurationFile(path.join(top, file), places));
  } catch {
    return true;
  }
}

async function placeOf(file: string): Promise<{ real: string; folder: boolean }> {
  const real = await realpath(file);
  return { real, folder: (await stat(real)).isDirectory() };
}

/** A missing definition file is still one the configuration names: a change if git shows it. */
async function realOrAsIs(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.replace(/\n$/, '');
}
