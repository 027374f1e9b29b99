import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return sortedItems(value) as T;
  // A loop, not entries/sort/fromEntries: this runs for every resource of every plan.
  // The default sort compares UTF-16 code units, as `<` does.
  const out: Record<string, unknown> = {};
  for (const key of sortedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: sortKeys(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    // A string, number or boolean is taken as it is: no call for most of a value's members.
    else out[key] = typeof item === 'object' ? sortKeys(item) : item;
  }
  return out as T;
}

/** A copy of the list, each item's keys sorted (as `list.map(sortKeys)`, without a call per string). */
function sortedItems(list: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    out[i] = typeof item === 'object' ? sortKeys(item) : item;
  }
  return out;
}

/** Past this many keys an object's are sorted by Array.prototype.sort (n log n). */
const FEW_KEYS = 16;

/**
 * An object's keys in the default sort's order (UTF-16 code units, as `<` compares; keys are
 * unique, so stability does not matter). A few keys, as nearly every object of a resource has,
 * are sorted in place by insertion: the built-in sort allocates its work arrays for each call,
 * a fifth of everything allocated while a configuration is read.
 */
export function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > FEW_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/** Hex SHA-256 of the UTF-8 text; one-shot `crypto.hash` (Node ≥ 20.12) allocates no Hash object. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
