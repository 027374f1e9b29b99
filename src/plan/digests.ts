import { scopeOf } from '../model/address.js';
import { sha256 } from '../model/canonical-json.js';
import {
  canonicalSha256Steps,
  canonicalText,
  completed,
  HashSink,
} from '../model/canonical-text.js';
import type { Model, ResourceValue } from '../model/model.js';
import type { Plan } from '../model/plan.js';
import { knownHash } from './planned-value.js';
import type { RevisionDigests } from '../model/revision.js';

/** Digest of the desired configuration of the planned scopes: addresses and content hashes. */
export function configDigest(desired: Model, scopes: ReadonlySet<string>): string {
  return completed(configDigestSteps(desired, scopes));
}

/** configDigest a step at a time: a step per resource (support/in-turns.ts). */
function* configDigestSteps(desired: Model, scopes: ReadonlySet<string>): Generator<void, string> {
  const lines: string[] = [];
  for (const r of desired.byAddress.values()) {
    if (scopes.has(scopeOf(r.kind, r.name, r.tenant))) lines.push(`${r.address} ${r.hash}`);
    yield;
  }
  // The sorted lines, one per line, hashed a piece at a time rather than joined first.
  const sink = new HashSink();
  lines.sort().forEach((line, i) => sink.write(i > 0 ? `\n${line}` : line));
  return sink.digest();
}

/** The digests an apply records with its revisions (RevisionDigests), a step at a time. */
export function* applyDigestSteps(
  plan: Plan,
  desired: Model,
  scopes: ReadonlySet<string>,
): Generator<void, RevisionDigests> {
  const planDigest = yield* contentDigestSteps(plan);
  return { configDigest: yield* configDigestSteps(desired, scopes), planDigest };
}

/**
 * Digest of a plan's content (everything but the digest itself): sha256 of its canonical JSON,
 * except that each change stands there by its identity, action and the hashes of its values —
 * its fields are what its values give (openSavedPlan checks that) and a value's hash covers it.
 * A value planned now knows its hash (knownHash): a plan of 100,000 creates is not written out
 * again.
 */
export function contentDigest(content: object): string {
  return completed(contentDigestSteps(content));
}

/** contentDigest a step at a time: a step per change (support/in-turns.ts). */
function* contentDigestSteps(content: object): Generator<void, string> {
  return `sha256:${yield* canonicalSha256Steps(content, changeText)}`;
}

const CHANGE_KEYS = ['action', 'address', 'after', 'before', 'kind', 'name', 'tenant'];
const { hasOwn } = Object;

/**
 * The text a plan's change is digested as, `{action, address, after, before, kind, name,
 * tenant}` with each value as its hash (null for none), its fields (if listed) left out.
 * Undefined for any object not exactly of a change's shape — it is walked like any other.
 */
function changeText(value: object): string | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const change = value as Record<string, unknown>;
  const listsFields = hasOwn(change, 'fields');
  if (listsFields && !Array.isArray(change.fields)) return undefined;
  if (Object.keys(change).length !== CHANGE_KEYS.length + (listsFields ? 1 : 0)) return undefined;
  if (!CHANGE_KEYS.every((key) => hasOwn(change, key))) return undefined;
  const { action, address, after, before, kind, name, tenant } = change;
  if (typeof action !== 'string' || typeof address !== 'string') return undefined;
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  if (tenant !== null && typeof tenant !== 'string') return undefined;
  if (!isValue(after) || !isValue(before)) return undefined;
  const q = JSON.stringify;
  const hashText = (value: ResourceValue | null) =>
    value === null ? 'null' : `"${valueHash(value)}"`;
  return (
    `{"action":${q(action)},"address":${q(address)},"after":${hashText(after)},` +
    `"before":${hashText(before)},"kind":${q(kind)},"name":${q(name)},"tenant":${q(tenant)}}`
  );
}

/** The content hash of a value, as the store keeps it (canonicalize.ts): known, or made now. */
export function valueHash(value: ResourceValue): string {
  return knownHash(value) ?? sha256(canonicalText(value));
}

/** A plain object (a resource's value) or null. */
function isValue(value: unknown): value is ResourceValue | null {
  return (
    value === null ||
    (typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.getPrototypeOf(value) === Object.prototype)
  );
}
