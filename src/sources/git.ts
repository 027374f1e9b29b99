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

/**
 * The commit a revision records for a configuration read from `paths` (and from the flow
 * definition files `definitionFiles`): HEAD of the git repository that holds them — not the
 * current directory's — with DIRTY_SUFFIX when one of the configuration's files there differs
 * from it (changed, staged, deleted or not yet added). Null when they lie outside any repository
 * or in more than one, when the repository has no commit, or without git: no commit describes
 * them.
 */
export async function configurationCommit(
  paths: readonly string[],
  definitionFiles: readonly string[] = [],
  cwd = process.cwd(),
): Promise<string | null> {
  try {
    const named = await Promise.all(paths.map((p) => placeOf(path.resolve(cwd, p))));
    const tops = await Promise.all(
      named.map((p) =>
        git(p.folder ? p.real : path.dirname(p.real), ['rev-parse', '--show-toplevel']),
      ),
    );
    const top = tops[0];
    if (top === undefined || tops.some((t) => t !== top)) return null;
    const head = await git(top, ['rev-parse', '--verify', 'HEAD']);
    const places: ConfigurationPlaces = {
      folders: named.filter((p) => p.folder).map((p) => p.real),
      files: [
        ...named.filter((p) => !p.folder).map((p) => p.real),
        ...(await Promise.all(definitionFiles.map((f) => realOrAsIs(path.resolve(cwd, f))))),
      ],
    };
    return (await changedHere(top, places)) ? `${head}${DIRTY_SUFFIX}` : head;
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
