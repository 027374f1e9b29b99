/**
 * Which files are configuration, one rule for a folder on disk (workspace/read-config-files.ts)
 * and a git tree (sources/load-git-config.ts): `*.yaml`/`*.yml`, hidden names and
 * `node_modules` skipped, and the names a folder's `.ccacignore` lists left out.
 */
export const IGNORE_FILE = '.ccacignore';

const YAML_FILE = /\.ya?ml$/i;

/** A file name (or path) of a configuration file. */
export function isYamlFile(name: string): boolean {
  return YAML_FILE.test(name);
}

/** A name in a folder that is not read: hidden, `node_modules`, or listed in its `.ccacignore`. */
export function skipsName(name: string, ignored: ReadonlySet<string> | undefined): boolean {
  return name.startsWith('.') || name === 'node_modules' || ignored?.has(name) === true;
}

/**
 * The configuration files of a tree, its paths relative to the root with `/`; `ignores`: each
 * folder's `.ccacignore` names by folder. Pure, so a git tree read into memory is selected
 * exactly like a working tree.
 */
export function selectConfigFiles(
  paths: readonly string[],
  ignores: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  return paths.filter((file) => {
    const parts = file.split('/');
    if (!isYamlFile(parts[parts.length - 1] ?? '')) return false;
    return parts.every((name, i) => !skipsName(name, ignores.get(parts.slice(0, i).join('/'))));
  });
}

/** A `.ccacignore`: one name per line, `#` comments, a trailing `/` allowed. */
export function parseIgnoreFile(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().replace(/\/+$/, ''))
      .filter((name) => name !== ''),
  );
}
