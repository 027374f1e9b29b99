import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * canonicalJson(value), without building a sorted copy of a value whose keys are in order
 * already (what the planner produces): checking the order costs a fraction of copying it.
 */
export function canonicalText(value: unknown): string {
  return isCanonical(value) ? JSON.stringify(value) : canonicalJson(value);
}

/** canonicalText, or null for no value (a create's before, a delete's after). */
export function canonicalTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalText(value);
}

/**
 * Hex sha256 of canonicalJson(value), fed to the hash a piece at a time: a plan of 100,000
 * changes is never held as one 60 MB string nor copied to sort it. Parts already in order are
 * stringified whole; only objects out of order are walked, their keys in canonicalJson's order.
 * Made a step at a time — a step after each array item (a plan's change) — so a caller may hash
 * a large plan in turns with other work (support/in-turns.ts), or at once (`completed`).
 */
export function* canonicalSha256Steps(
  value: unknown,
  special?: SpecialText,
): Generator<void, string> {
  const sink = new HashSink();
  yield* writeCanonical(value, sink, special);
  return sink.digest();
}

/** Runs steps to their end, at once: their result. */
export function completed<T>(steps: Iterator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A faster way to the canonical text of some objects (a plan's changes): their text, or
 * undefined for an object it does not know, which is then walked.
 */
export type SpecialText = (value: object) => string | undefined;

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

/** Writes canonicalJson(value) to `sink`, piece by piece; a step after each array item. */
function* writeCanonical(
  value: unknown,
  sink: HashSink,
  special?: SpecialText,
): Generator<void, void> {
  const text = specialText(value, special);
  if (text !== undefined) sink.write(text);
  else yield* writeWalked(value, sink, special);
}

/** writeCanonical of a value without a special text of its own. */
function* writeWalked(
  value: unknown,
  sink: HashSink,
  special?: SpecialText,
): Generator<void, void> {
  if (isCanonical(value)) sink.write(JSON.stringify(value) ?? 'null');
  else if (Array.isArray(value)) {
    sink.write('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.write(',');
      // An item with a special text (a plan's change) is written here: no generator per item.
      const itemText = specialText(value[i], special);
      if (itemText !== undefined) sink.write(itemText);
      else yield* writeWalked(value[i], sink, special);
      yield;
    }
    sink.write(']');
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    sink.write('{');
    let first = true;
    for (const key of canonicalKeyOrder(Object.keys(record))) {
      const item = record[key];
      if (item === undefined) continue;
      sink.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      yield* writeCanonical(item, sink, special);
    }
    sink.write('}');
  } else sink.write(canonicalJson(value)); // a class instance: whatever canonicalJson makes of it
}

function specialText(value: unknown, special?: SpecialText): string | undefined {
  return special && value !== null && typeof value === 'object' ? special(value) : undefined;
}

/**
 * The order canonicalJson's sorted copy lists keys in: sorted, except that integer-like keys
 * (array indexes) come first in numeric order, as JavaScript enumerates any object's keys.
 */
function canonicalKeyOrder(keys: string[]): string[] {
  const sorted = keys.sort();
  const indexes = sorted.filter(isArrayIndex);
  if (indexes.length === 0) return sorted;
  return [
    ...indexes.sort((a, b) => Number(a) - Number(b)),
    ...sorted.filter((k) => !isArrayIndex(k)),
  ];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** Text gathered into pieces of about 64 KB before hashing: fewer, larger updates. */
export class HashSink {
  private readonly hash: Hash = createHash('sha256');
  private chunk = '';

  write(text: string): void {
    this.chunk += text;
    if (this.chunk.length >= 1 << 16) {
      this.hash.update(this.chunk);
      this.chunk = '';
    }
  }

  digest(): string {
    this.hash.update(this.chunk);
    return this.hash.digest('hex');
  }
}
