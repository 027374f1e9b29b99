import { scopeOf, type AddressHash } from '../model/address.js';
import { canonicalSha256Steps, completed, HashSink } from '../model/canonical-text.js';
import type { Model, ResourceValue } from '../model/model.js';
import type { Plan } from '../model/plan.js';
import { NO_KNOWN_HASHES, valueHash, type KnownHash } from './planned-value.js';
import type { RevisionDigests } from '../model/revision.js';
import { jsonString, jsonStringOrNull } from '../support/json-string.js';

/** Digest of the desired configuration of the planned scopes: addresses and content hashes. */
export function configDigest(desired: Model, scopes: ReadonlySet<string>): string {
  return completed(configDigestSteps(desired, scopes));
}

/**
 * The resources of scopes a configuration digest takes from the store, not the model: tenants the
 * store holds exactly as the files declare them, whose files were not loaded (HeldByStore).
 */
export interface StoredScopes {
  scopes: ReadonlySet<string>;
  resources: readonly AddressHash[];
}

/**
 * configDigest a step at a time: a step per resource (support/in-turns.ts). `stored`: the scopes
 * whose resources are the store's (the same addresses and hashes as the files declare there).
 */
export function* configDigestSteps(
  desired: Model,
  scopes: ReadonlySet<string>,
  stored?: StoredScopes,
): Generator<void, string> {
  const lines: string[] = [];
  for (const r of desired.byAddress.values()) {
    const scope = scopeOf(r.kind, r.name, r.tenant);
    if (scopes.has(scope) && !stored?.scopes.has(scope)) lines.push(`${r.address} ${r.hash}`);
    yield;
  }
  for (const { address, hash } of stored?.resources ?? []) lines.push(`${address} ${hash}`);
  // The sorted lines, one per line, hashed a piece at a time rather than joined first.
  const sink = new HashSink();
  lines.sort().forEach((line, i) => sink.write(i > 0 ? `\n${line}` : line));
  return sink.digest();
}

/**
 * The digests an apply records with its revisions (RevisionDigests), a step at a time; `known`:
 * the hashes of the plan's values (knownHashes of the models it was planned from).
 */
export function* applyDigestSteps(
  plan: Plan,
  desired: Model,
  scopes: ReadonlySet<string>,
  known: KnownHash,
): Generator<void, RevisionDigests> {
  const planDigest = yield* contentDigestSteps(plan, known);
  return { configDigest: yield* configDigestSteps(desired, scopes), planDigest };
}

/**
 * Digest of a plan's content (everything but the digest itself): sha256 of its canonical JSON,
 * except that each change stands there by its identity, action and the hashes of its values —
 * its fields are what its values give (openSavedPlan checks that) and a value's hash covers it.
 * `known`: the hashes known of values planned now (knownHashes), so that a plan of 100,000
 * creates is not written out again; the digest is the same without them.
 */
export function contentDigest(content: object, known: KnownHash = NO_KNOWN_HASHES): string {
  return completed(contentDigestSteps(content, known));
}

/** contentDigest a step at a time: a step per change (support/in-turns.ts). */
function* contentDigestSteps(content: object, known: KnownHash): Generator<void, string> {
  const text = (value: object) => changeText(value, known);
  return `sha256:${yield* canonicalSha256Steps(content, text)}`;
}

const CHANGE_KEYS = ['action', 'address', 'after', 'before', 'kind', 'name', 'tenant'];
const { hasOwn } = Object;

/**
 * The text a plan's change is digested as, `{action, address, after, before, kind, name,
 * tenant}` with each value as its hash (null for none), its fields (if listed) left out.
 * Undefined for any object not exactly of a change's shape — it is walked like any other.
 */
function changeText(value: object, known: KnownHash): string | undefined {
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
  const q = jsonString;
  const hashText = (value: ResourceValue | null) =>
    value === null ? 'null' : `"${valueHash(value, address, known)}"`;
  return (
    `{"action":${q(action)},"address":${q(address)},"after":${hashText(after)},` +
    `"before":${hashText(before)},"kind":${q(kind)},"name":${q(name)},` +
    `"tenant":${jsonStringOrNull(tenant)}}`
  );
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
