import { sha256 } from './canonical-json.js';
import { canonicalTextOrNull } from './canonical-text.js';
import type { ResourceValue } from './model.js';

/**
 * The hashes of values whose hash is known already — a model resource's value, hashed when the
 * model was built (or read from the parse cache) — so a plan's digest need not write out its
 * values again. Values are never mutated once planned, so a remembered hash stays true.
 */
const known = new WeakMap<object, string>();

export function rememberValueHash(value: ResourceValue, hash: string): void {
  known.set(value, hash);
}

/** The hex sha256 of a value's canonical JSON: the model's content hash. */
export function valueHash(value: ResourceValue): string {
  return known.get(value) ?? sha256(canonicalTextOrNull(value)!);
}
