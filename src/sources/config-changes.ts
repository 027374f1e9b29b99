import path from 'node:path';

/** Where a configuration's files are, as real absolute paths (links resolved, as git shows them). */
export interface ConfigurationPlaces {
  /** Folders named on the command line: their YAML files are read, hidden names and node_modules aside. */
  folders: readonly string[];
  /** Files read whatever their name: named on the command line, or a flow's definition file. */
  files: readonly string[];
}

/** Marks a commit whose configuration files were not all as committed (as `git describe --dirty`). */
export const DIRTY_SUFFIX = '-dirty';

const YAML_FILE = /\.ya?ml$/i;

/**
 * The paths `git status --porcelain=v1 -z` reports, relative to the repository's top: each entry
 * is `XY PATH`, and a rename or copy (X or Y is R or C) is followed by the path it came from,
 * which changed too.
 */
export function changedPaths(porcelain: string): string[] {
  const tokens = porcelain.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = tokens[i]!;
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    if (/[RC]/.test(entry.slice(0, 2)) && tokens[i + 1]) paths.push(tokens[++i]!);
  }
  return paths;
}

/** Whether `file` (absolute) is one ccac reads as part of the configuration at `places`. */
export function isConfigurationFile(file: string, places: ConfigurationPlaces): boolean {
  if (places.files.includes(file)) return true;
  if (!YAML_FILE.test(file)) return false;
  return places.folders.some((folder) => {
    const relative = path.relative(folder, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    // The reader skips these (workspace/read-config-files.ts): a change there changes no configuration.
    return relative
      .split(path.sep)
      .every((part) => !part.startsWith('.') && part !== 'node_modules');
  });
}
