/**
 * Where a value of a fast-parsed document starts (line and column, 1-based, as `yaml` gives them),
 * and where its keys and items are: what `locate` walks for files the fast parser read, so that a
 * diagnostic in a large file costs no second parse with `yaml` (80,000 queue agents: 3 s).
 */
export interface ValuePlace {
  line: number;
  column: number;
  /** A mapping's keys, by their text: where the key is, and its value's place. */
  keys?: Map<string, KeyPlace>;
  /** A sequence's items' places. */
  items?: ValuePlace[];
}

export interface KeyPlace {
  line: number;
  column: number;
  value: ValuePlace;
}

/**
 * The place of the value at `path` (or of its key), found as the `yaml` locator finds it
 * (yaml-document.ts): a path that leaves the document stops at the last value it reached.
 */
export function placeAt(
  root: ValuePlace,
  path: readonly (string | number)[],
  target: 'value' | 'key',
): { line: number; column: number } {
  let node = root;
  let at: { line: number; column: number } = root;
  for (const [i, segment] of path.entries()) {
    if (node.keys) {
      const key = node.keys.get(String(segment));
      if (!key) break;
      at = key;
      if (i === path.length - 1 && target === 'key') break;
      node = at = key.value;
    } else if (node.items && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      node = at = item;
    } else break;
  }
  return { line: at.line, column: at.column };
}
