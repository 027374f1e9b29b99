import { sha256 } from './canonical-json.js';
import { canonicalText } from './canonical-text.js';
import type { ResourceValue } from './model.js';

/** The hex sha256 of a value's canonical JSON: the model's content hash. */
export function valueHash(value: ResourceValue): string {
  return sha256(canonicalText(value));
}
