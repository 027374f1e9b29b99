import { scopeOf } from '../model/address.js';
import { sha256 } from '../model/canonical-json.js';
import { canonicalSha256, canonicalText, canonicalTextOrNull } from '../model/canonical-text.js';
import type { Model } from '../model/model.js';

/** Digest of the desired configuration of the planned scopes: addresses and content hashes. */
export function configDigest(desired: Model, scopes: ReadonlySet<string>): string {
  const lines = [...desired.byAddress.values()]
    .filter((r) => scopes.has(scopeOf(r.kind, r.name, r.tenant)))
    .map((r) => `${r.address} ${r.hash}`)
    .sort();
  return sha256(lines.join('\n'));
}

/**
 * Digest of a plan's content (everything but the digest itself): sha256 of its canonical JSON,
 * hashed as it is written out rather than built as one string, each change by changeText.
 */
export function contentDigest(content: object): string {
  return `sha256:${canonicalSha256(content, changeText)}`;
}

const CHANGE_KEYS = ['action', 'address', 'after', 'before', 'fields', 'kind', 'name', 'tenant'];
const { hasOwn } = Object;

/**
 * The canonical JSON of a plan's change, written out from its known shape (keys in sorted order)
 * instead of walking it; its values' texts are kept for the apply's writes. Undefined for any
 * object not exactly of that shape — it is walked like any other.
 */
function changeText(value: object): string | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const change = value as Record<string, unknown>;
  if (Object.keys(change).length !== CHANGE_KEYS.length) return undefined;
  if (!CHANGE_KEYS.every((key) => hasOwn(change, key))) return undefined;
  const { action, address, after, before, fields, kind, name, tenant } = change;
  if (typeof action !== 'string' || typeof address !== 'string') return undefined;
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  if (tenant !== null && typeof tenant !== 'string') return undefined;
  if (!isValue(after) || !isValue(before) || !Array.isArray(fields)) return undefined;
  let list = '';
  for (const field of fields as unknown[]) {
    const text = fieldText(field);
    if (text === undefined) return undefined;
    list += list === '' ? text : `,${text}`;
  }
  const q = JSON.stringify;
  return (
    `{"action":${q(action)},"address":${q(address)},"after":${canonicalTextOrNull(after) ?? 'null'},` +
    `"before":${canonicalTextOrNull(before) ?? 'null'},"fields":[${list}],"kind":${q(kind)},` +
    `"name":${q(name)},"tenant":${q(tenant)}}`
  );
}

/** A plain object (a resource's value) or null. */
function isValue(value: unknown): boolean {
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

/** `{"after":…,"before":…,"path":…}`, sides that are undefined left out; undefined if no field. */
function fieldText(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const field = value as Record<string, unknown>;
  const { path, before, after } = field;
  if (typeof path !== 'string') return undefined;
  const keys = Object.keys(field).length;
  if (keys !== 1 + (hasOwn(field, 'before') ? 1 : 0) + (hasOwn(field, 'after') ? 1 : 0))
    return undefined;
  const afterText = after === undefined ? '' : leafText(after);
  const beforeText = before === undefined ? '' : leafText(before);
  if (afterText === undefined || beforeText === undefined) return undefined;
  const sides =
    (afterText === '' ? '' : `"after":${afterText},`) +
    (beforeText === '' ? '' : `"before":${beforeText},`);
  return `{${sides}"path":${JSON.stringify(path)}}`;
}

/** A field's value, mostly a string or number; undefined for what JSON has no text for. */
function leafText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? JSON.stringify(value)
    : (canonicalText(value) as string | undefined);
}
