import { canonicalJson } from '../model/canonical-json.js';
import type { ResourceChange } from '../plan/plan.js';

/**
 * canonicalJson(value), built without sorted copies: a part whose keys are in order already
 * (what the planner produces) is stringified as it is; only objects out of order are taken apart.
 */
export function canonicalText(value: unknown): string {
  if (isCanonical(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) items.push(item === undefined ? 'null' : canonicalText(item));
    return `[${items.join(',')}]`;
  }
  if (value === null || typeof value !== 'object') return canonicalJson(value);
  const object = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of sortedKeys(object)) {
    const item = object[key];
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${canonicalText(item)}`);
  }
  return `{${members.join(',')}}`;
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

/**
 * The order JSON.stringify(sortKeys(object)) writes keys in: sortKeys inserts them sorted, but
 * an object lists array-index keys ("0", "9", "10") first, ascending by number, as Object.keys
 * already gives them.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  let indexes = 0;
  while (indexes < keys.length && isArrayIndex(keys[indexes]!)) indexes++;
  return [...keys.slice(0, indexes), ...keys.slice(indexes).sort()];
}

function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4_294_967_295;
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
