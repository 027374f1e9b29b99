import { hash } from 'node:crypto';

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value !== null && typeof value === 'object') {
    // A loop, not entries/sort/fromEntries: this runs for every resource of every plan.
    // The default sort compares UTF-16 code units, as `<` does.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      if (key === '__proto__')
        Object.defineProperty(out, key, {
          value: sortKeys(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = sortKeys(item);
    }
    return out as T;
  }
  return value;
}

/** Hex SHA-256 of the UTF-8 text; one-shot `crypto.hash` (Node ≥ 20.12) allocates no Hash object. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
