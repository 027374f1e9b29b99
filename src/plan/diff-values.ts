import { compare } from '../diagnostics/diagnostic.js';
import type { ResourceValue } from '../model/model.js';
import type { FieldChange } from '../model/plan.js';

/**
 * Field-level diff of two canonical values (null: the resource does not exist on that side).
 *
 * Maps recurse (`spec.wrapUp.timeoutSeconds`); a list of scalars is a set in canonical form and
 * changes as one field that lists the items `added` and `removed`; a list of named objects
 * (business-hours shifts, holidays, overrides) matches items by name and recurses into those on
 * both sides (`spec.shifts[name="Early birds"].start`), reporting whole added or removed items:
 * one shift added at the front is one added item, not every shift after it changed. Objects
 * without unique names are compared by index (`spec.items[1]`). An added field has no `before`, a
 * removed one no `after`. Keys are visited in sorted order, named items in the order of the list
 * after the change (then those removed), so the result is deterministic.
 */
export function diffValues(
  before: ResourceValue | null | undefined,
  after: ResourceValue | null | undefined,
): FieldChange[] {
  const changes: FieldChange[] = [];
  // A create or delete lists one side's leaves: nothing to compare (a cold plan makes one per resource).
  if (before && after) diffNode('', before, after, changes);
  else if (after) listLeaves('', after, 'after', changes);
  else if (before) listLeaves('', before, 'before', changes);
  return changes;
}

type Json = Record<string, unknown>;

function diffNode(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (before === after) return;
  if (before === undefined) return listLeaves(path, after, 'after', out);
  if (after === undefined) return listLeaves(path, before, 'before', out);
  if (isObject(before) && isObject(after)) {
    diffObjects(path, before, after, out);
  } else if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    (hasObject(before) || hasObject(after))
  ) {
    diffObjectLists(path, before, after, out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    if (!deepEqual(before, after)) out.push(scalarListChange(path, before, after));
  } else if (!deepEqual(before, after)) {
    out.push(fieldChange(path, before, after));
  }
}

/** A changed set of scalars: the whole lists, and what each side has that the other has not. */
function scalarListChange(path: string, before: unknown[], after: unknown[]): FieldChange {
  const had = new Set(before);
  const has = new Set(after);
  return {
    path,
    before,
    after,
    added: after.filter((item) => !had.has(item)),
    removed: before.filter((item) => !has.has(item)),
  };
}

/** One side only (a create, a delete, an added or removed map): every leaf, without comparing. */
function listLeaves(path: string, value: unknown, side: 'before' | 'after', out: FieldChange[]) {
  const visit =
    side === 'before'
      ? (at: string, leaf: unknown) => out.push({ path: at, before: leaf })
      : (at: string, leaf: unknown) => out.push({ path: at, after: leaf });
  forEachLeaf(value, visit, path);
}

/**
 * Each leaf of one value with its path, in the order diffValues lists a create's or delete's
 * fields: for a renderer that shows them without a FieldChange per leaf.
 */
export function forEachLeaf(
  value: unknown,
  visit: (path: string, leaf: unknown) => void,
  path = '',
): void {
  if (!isObject(value)) return visit(path, value);
  const keys = Object.keys(value);
  for (const key of isSorted(keys) ? keys : keys.sort(compare)) {
    if (value[key] !== undefined) forEachLeaf(value[key], visit, join(path, key));
  }
}

/**
 * The keys of both sides in sorted order, each once: the two sorted lists merged. Canonical
 * values have their keys sorted already (a stored one as jsonb orders them is sorted here), so
 * no set nor sort is made per object of 10,000 updates.
 */
function diffObjects(path: string, before: Json, after: Json, out: FieldChange[]): void {
  const was = sortedKeys(before);
  const now = sortedKeys(after);
  let i = 0;
  let j = 0;
  while (i < was.length || j < now.length) {
    const a = was[i];
    const b = now[j];
    const key = b === undefined || (a !== undefined && a <= b) ? a! : b;
    if (key === a) i++;
    if (key === b) j++;
    diffNode(join(path, key), before[key], after[key], out);
  }
}

function sortedKeys(value: Json): string[] {
  const keys = Object.keys(value);
  return isSorted(keys) ? keys : keys.sort(compare);
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return true;
}

/**
 * Items matched by name when every item on both sides has a unique one; otherwise by position
 * (canonical form sorts them, so equal lists line up).
 */
function diffObjectLists(path: string, before: unknown[], after: unknown[], out: FieldChange[]) {
  const named = [byName(before), byName(after)] as const;
  const [was, now] = named;
  if (was && now) return diffNamedItems(path, was, now, out);
  const length = Math.max(before.length, after.length);
  for (let i = 0; i < length; i++) {
    const itemPath = `${path}[${i}]`;
    if (i >= before.length) out.push(fieldChange(itemPath, undefined, after[i]));
    else if (i >= after.length) out.push(fieldChange(itemPath, before[i], undefined));
    else diffNode(itemPath, before[i], after[i], out);
  }
}

/** Name → item of a list whose items are all objects with distinct string names; else undefined. */
function byName(list: readonly unknown[]): Map<string, unknown> | undefined {
  const items = new Map<string, unknown>();
  for (const item of list) {
    const name = isObject(item) ? item.name : undefined;
    if (typeof name !== 'string' || items.has(name)) return undefined;
    items.set(name, item);
  }
  return items;
}

function diffNamedItems(
  path: string,
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
  out: FieldChange[],
) {
  const at = (name: string) => `${path}[name=${JSON.stringify(name)}]`;
  for (const [name, item] of after) {
    const was = before.get(name);
    if (was === undefined) out.push(fieldChange(at(name), undefined, item));
    else diffNode(at(name), was, item, out);
  }
  for (const [name, item] of before)
    if (!after.has(name)) out.push(fieldChange(at(name), item, undefined));
}

function fieldChange(path: string, before: unknown, after: unknown): FieldChange {
  const change: FieldChange = { path };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * `spec.flow`; keys that would be ambiguous in a dotted path (free-form labels) are quoted.
 * Paths repeat for every resource of a kind, so each (path, key) is joined once and kept.
 */
function join(path: string, key: string): string {
  const known = joined.get(path)?.get(key);
  if (known !== undefined) return known;
  const child = !PLAIN_KEY.test(key)
    ? `${path}[${JSON.stringify(key)}]`
    : path === ''
      ? key
      : `${path}.${key}`;
  // Spec paths are few; free-form label keys are not kept without bound.
  if (joinedCount < 10_000) {
    let children = joined.get(path);
    if (!children) joined.set(path, (children = new Map()));
    children.set(key, child);
    joinedCount++;
  }
  return child;
}

const joined = new Map<string, Map<string, string>>();
let joinedCount = 0;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasObject(list: readonly unknown[]): boolean {
  return list.some((item) => item !== null && typeof item === 'object');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
    return keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
