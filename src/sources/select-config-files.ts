/**
 * Which files of a tree are configuration, by the rules `readConfigFiles` applies on disk:
 * `*.yaml`/`*.yml`, hidden folders and files and `node_modules` skipped, and names listed in a
 * folder's `.ccacignore` left out. Paths are relative to the root, with `/`. Pure, so a git tree
 * read into memory is selected exactly like a working tree.
 */
export function selectConfigFiles(
  paths: readonly string[],
  ignores: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  return paths.filter((file) => {
    const parts = file.split('/');
    if (!YAML_FILE.test(parts[parts.length - 1] ?? '')) return false;
    return parts.every((name, i) => {
      if (name.startsWith('.') || name === 'node_modules') return false;
      return !ignores.get(parts.slice(0, i).join('/'))?.has(name);
    });
  });
}

const YAML_FILE = /\.ya?ml$/i;

export const IGNORE_FILE = '.ccacignore';

/** A `.ccacignore`: one name per line, `#` comments, a trailing `/` allowed. */
export function parseIgnoreFile(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim().replace(/\/+$/, ''))
      .filter((name) => name !== ''),
  );
}
