import { canonicalJson } from '../model/canonical-json.js';
import type { ResourceChange } from '../plan/plan.js';

/**
 * canonicalJson(value), without building a sorted copy of a value whose keys are in order
 * already (what the planner produces): checking the order costs a fraction of copying it.
 */
export function canonicalText(value: unknown): string {
  return isCanonical(value) ? JSON.stringify(value) : canonicalJson(value);
}

/**
 * A plain object or array whose keys are in ascending order at every level, without undefined
 * members: JSON.stringify of it is its canonical text.
 */
function isCanonical(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isCanonical);
  if (value === null || typeof value !== 'object') return true;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i > 0 && !(keys[i - 1]! < key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || !isCanonical(item)) return false;
  }
  return true;
}

/** A change's values as canonical JSON text, null where it has none. */
export interface ChangeText {
  before: string | null;
  after: string | null;
}

/**
 * The canonical text of each change's values, made once per change however many writes of one
 * apply need it (the resource row, the change record, the revision hash).
 */
export class ChangeTexts {
  private readonly known = new WeakMap<ResourceChange, ChangeText>();

  of(change: ResourceChange): ChangeText {
    let text = this.known.get(change);
    if (!text) {
      text = {
        before: canonicalTextOrNull(change.before),
        after: canonicalTextOrNull(change.after),
      };
      this.known.set(change, text);
    }
    return text;
  }
}

export function canonicalTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalText(value);
}
