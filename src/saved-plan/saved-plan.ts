import { error, warning, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import { canonicalJson } from '../model/canonical-json.js';
import { diffValues } from '../plan/diff-values.js';
import { changeFields } from '../plan/make-plan.js';
import type { ResourceValue } from '../model/model.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import type { Plan, PlanScopes, ResourceChange } from '../model/plan.js';
import { checkSavedChanges } from './check-saved-changes.js';
import { contentDigest } from '../plan/digests.js';
import { NO_KNOWN_HASHES, valueHash, type KnownHash } from '../plan/planned-value.js';
import {
  FILE_PLACEHOLDER,
  fileSignedWith,
  isKeyId,
  signatureProblem,
  signFileText,
  signPlan,
  type PlanSignature,
} from './plan-signature.js';

/** A plan written by `plan --out`: the SPEC §5 plan, where it came from, and a digest of it all. */
export interface SavedPlan extends Plan {
  configDigest: string;
  gitCommit: string | null;
  /** How `digest` is made (contentDigest): another ccac may make it otherwise. */
  digestFormat: number;
  digest: string;
  /** With CCAC_PLAN_KEY at `plan --out`: it signs the digest, so the digest leaves it out. */
  signature?: PlanSignature;
  /**
   * The chain hash of the revision each scope read was at (scopesReadAt; none for revision 0):
   * the history the plan was made on, in this store and no other (as Terraform's lineage and
   * serial are).
   */
  baseHashes?: Record<string, string>;
}

/** 2: changes by their values' hashes, fields checked against the values (1: their text, fields and all). */
const DIGEST_FORMAT = 2;

/**
 * The plan to save, with its digest, and signed when a key is given (CCAC_PLAN_KEY), the
 * signature listing its values' hashes; `known`: the hashes of its values planned now
 * (knownHashes), not to hash them again.
 */
export function sealPlan(
  plan: Plan,
  origin: {
    configDigest: string;
    gitCommit: string | null;
    baseHashes?: Record<string, string>;
  },
  key?: string,
  known?: KnownHash,
): SavedPlan {
  const changes = plan.changes.map((change) =>
    change.fields ? change : { ...change, fields: changeFields(change) },
  );
  const content = { ...plan, changes, ...origin, digestFormat: DIGEST_FORMAT };
  const sealed = { ...content, digest: contentDigest(content, known) };
  if (key === undefined) return sealed;
  const hashes = changes.flatMap(({ address, before, after }) => [
    before && valueHash(before, address, known),
    after && valueHash(after, address, known),
  ]);
  return { ...sealed, signature: { ...signPlan(sealed, key), hashes } };
}

/**
 * The plan file's text: the plan as JSON; signed, its signature's last member is the signature
 * of the text itself (plan-signature.ts signFileText), which lets `apply` trust a file signed
 * with its key without making its digest again.
 */
export function savedPlanText(saved: SavedPlan, key: string | undefined): string {
  const { signature, ...plan } = saved;
  if (signature === undefined || key === undefined) return `${JSON.stringify(saved, null, 2)}\n`;
  const room = { ...plan, signature: { ...signature, file: FILE_PLACEHOLDER } };
  return signFileText(`${JSON.stringify(room, null, 2)}\n`, key);
}

/**
 * Every scope a plan read — its tenants, and the organizations, which its rules and roles read
 * too — at the revision it read it: the revisions whose chain hashes it records (baseHashes).
 */
export function scopesReadAt(plan: Plan, revisions: ReadonlyMap<string, number>): PlanScopes {
  const read: PlanScopes = { [GLOBAL_SCOPE]: { baseRevision: revisions.get(GLOBAL_SCOPE) ?? 0 } };
  return { ...read, ...plan.tenants };
}

/** A saved plan that may be applied (with warnings), or why it may not. */
export type OpenedPlan =
  { plan: SavedPlan; diagnostics: Diagnostic[] } | { plan?: undefined; diagnostics: Diagnostic[] };

/**
 * Parses a saved plan and refuses one that ccac did not write as it is: content that no longer
 * matches its digest, a signature that is not by the holder of `key` (when given), changes or
 * values that `ccac plan` would not write (check-saved-changes.ts; not for a plan signed with
 * `key`: `ccac plan` made its values). All of it before any store is opened; the values are
 * checked against the stored state under its lock (recheck-saved-plan.ts, check-signed-plan.ts).
 */
export function openSavedPlan(text: string, file: string, key: string | undefined): OpenedPlan {
  const whole = key !== undefined && fileSignedWith(text, key) ? openSignedFile(text) : undefined;
  if (whole) return { plan: whole, diagnostics: [] };
  const place = { file, line: 1, column: 1 };
  const refuse = (message: string, more: Diagnostic[] = []): OpenedPlan => ({
    diagnostics: [error('PLAN_INVALID', message, { place }), ...more],
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('not a plan file: it is not JSON');
  }
  if (nestsDeeperThan(parsed, MAX_DEPTH))
    return refuse(`not a plan file: it nests deeper than ${MAX_DEPTH} levels`);
  if (!isSavedPlan(parsed))
    return refuse('not a plan file written by `ccac plan --out` (format version 1)');
  if (parsed.digestFormat !== DIGEST_FORMAT) {
    return refuse(
      'the plan file was written by another version of ccac (its digest is of another form): plan again',
    );
  }
  const { digest, signature, ...content } = parsed;
  const known = hashesOfValues(parsed.changes);
  if (contentDigest(content, known) !== digest)
    return refuse('the plan file was edited after it was written (its digest does not match)');
  const unsigned = key === undefined ? undefined : signatureProblem(parsed, key);
  if (unsigned)
    return refuse(`the plan file is not signed by a holder of CCAC_PLAN_KEY: ${unsigned}`);
  // A plan signed with the key was written by `ccac plan` as it is: its values are vouched for.
  const signed = key !== undefined;
  const scopes = new Set(Object.keys(parsed.tenants));
  const changes = signed ? [] : checkSavedChanges(parsed.changes, scopes, file, known);
  if (changes.length > 0) {
    return refuse(
      'the plan file holds changes `ccac plan` does not write: it was edited after it was written',
      changes,
    );
  }
  const misdescribed = parsed.changes.find((change) => !fieldsAsValuesGive(change));
  if (misdescribed) {
    return refuse(
      `the plan file was edited after it was written (the fields of ${misdescribed.address} are not what its values give)`,
    );
  }
  const unchecked = key === undefined && signature !== undefined;
  valueHashes.set(parsed, known);
  if (signed) signedPlans.add(parsed);
  return { plan: parsed, diagnostics: unchecked ? [uncheckedSignature(signature, place)] : [] };
}

/**
 * A file signed as a whole with the key (fileSignedWith): written by `ccac plan` as it is, so
 * its digest, its fields and its values' hashes are not made again; only its outline is checked.
 * Undefined when it is not a plan of this ccac's form: the full check then says why.
 */
function openSignedFile(text: string): SavedPlan | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isSavedPlan(parsed) || parsed.digestFormat !== DIGEST_FORMAT) return undefined;
  const listed = listedHashes(parsed.changes, parsed.signature?.hashes);
  if (!listed) return undefined;
  valueHashes.set(parsed, listed);
  signedPlans.add(parsed);
  return parsed;
}

/** The hashes a signature lists (PlanSignature.hashes), by value; none unless one a value. */
function listedHashes(changes: readonly ResourceChange[], listed: unknown): KnownHash | undefined {
  if (!Array.isArray(listed) || listed.length !== changes.length * 2) return undefined;
  const hashes = new Map<unknown, string>();
  for (let i = 0; i < changes.length; i++) {
    const { before, after } = changes[i]!;
    if (!hashedAs(before, listed[2 * i]) || !hashedAs(after, listed[2 * i + 1])) return undefined;
    if (before !== null) hashes.set(before, listed[2 * i] as string);
    if (after !== null) hashes.set(after, listed[2 * i + 1] as string);
  }
  return (_address, value) => hashes.get(value);
}

/** A value and its listed hash: a map and a hash, or no value and null. */
function hashedAs(value: unknown, hash: unknown): boolean {
  return value === null ? hash === null : isRecord(value) && typeof hash === 'string';
}

/**
 * The hashes of an opened plan's values (its changes' `before` and `after`), made once when it
 * was opened: the digest, the checks at opening and the re-check under the lock each need them.
 * By identity, as knownHashes: a value is parsed from the file and never changed after.
 */
const valueHashes = new WeakMap<SavedPlan, KnownHash>();

/** The plans openSavedPlan opened whose signature it checked with the key (CCAC_PLAN_KEY). */
const signedPlans = new WeakSet<SavedPlan>();

/**
 * Whether the plan was opened with the key and is signed with it: made by a `ccac plan` that
 * checked its values, the rules and the planner's roles against its base revisions.
 */
export function isSignedWithKey(plan: SavedPlan): boolean {
  return signedPlans.has(plan);
}

/** The hashes of the values of a plan openSavedPlan opened (none known of any other). */
export function savedValueHashes(plan: SavedPlan): KnownHash {
  return valueHashes.get(plan) ?? NO_KNOWN_HASHES;
}

/** Each change's values hashed once; anything that is not a change's value stays unknown. */
function hashesOfValues(changes: readonly unknown[]): KnownHash {
  const hashes = new Map<unknown, string>();
  for (const change of changes) {
    if (!isRecord(change)) continue;
    for (const value of [change.before, change.after])
      if (isRecord(value)) hashes.set(value, valueHash(value as unknown as ResourceValue, ''));
  }
  return (_address, value) => hashes.get(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Without the key a signature proves nothing: the reader is told what was checked instead. */
function uncheckedSignature(signature: PlanSignature, place: Place): Diagnostic {
  const key = isKeyId(signature.keyId) ? ` with key ${signature.keyId}` : '';
  return warning(
    'PLAN_UNVERIFIED',
    `the plan file is signed${key}, but CCAC_PLAN_KEY is not set, so the signature is not checked: ` +
      'its digest shows only that the file is whole, not who wrote it; its changes are checked as ' +
      "a configuration's are, against the stored state and the actor's roles",
    { place },
  );
}

/** Deeper than any plan (a value's lists of maps): past it, digests and checks would recurse too far. */
const MAX_DEPTH = 64;

/**
 * Whether `value` holds an object or array `limit` levels down. The walk stops there, so it recurses
 * at most `limit` calls deep however deep the value nests; a loop per level, not a list of
 * [child, depth] pairs, as it visits every object of a plan of 100,000 changes.
 */
function nestsDeeperThan(value: unknown, limit: number, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= limit) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeperThan(item, limit, depth + 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record)
    if (Object.hasOwn(record, key) && nestsDeeperThan(record[key], limit, depth + 1)) return true;
  return false;
}

/**
 * The digest covers a change's values, not its fields: they must be what the values give. The
 * same JSON text is the same canonical text; only fields that differ in text (keys in another
 * order) are compared canonically.
 */
function fieldsAsValuesGive(change: ResourceChange): boolean {
  if (!Array.isArray(change.fields)) return false;
  const given = diffValues(change.before, change.after);
  return (
    JSON.stringify(change.fields) === JSON.stringify(given) ||
    canonicalJson(change.fields) === canonicalJson(given)
  );
}

/** The plan's outline; its changes are checked one by one (checkSavedChanges). */
function isSavedPlan(value: unknown): value is SavedPlan {
  const plan = value as Partial<SavedPlan> | null;
  return (
    typeof plan === 'object' &&
    plan !== null &&
    plan.formatVersion === 1 &&
    typeof plan.digest === 'string' &&
    // Recorded with each revision: only as ccac writes them (hex digests, a git commit id).
    typeof plan.configDigest === 'string' &&
    /^[0-9a-f]{64}$/.test(plan.configDigest) &&
    (plan.gitCommit === null ||
      /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?:-dirty)?$/.test(String(plan.gitCommit))) &&
    (plan.signature === undefined ||
      (typeof plan.signature === 'object' && plan.signature !== null)) &&
    (plan.baseHashes === undefined || isHashes(plan.baseHashes)) &&
    typeof plan.tenants === 'object' &&
    plan.tenants !== null &&
    Array.isArray(plan.changes) &&
    Array.isArray(plan.diagnostics) &&
    Object.values(plan.tenants).every((t) =>
      Number.isInteger((t as { baseRevision?: unknown })?.baseRevision),
    )
  );
}

/** Base revisions' chain hashes, as sealPlan records them: hex digests by scope. */
function isHashes(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((hash) => typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash))
  );
}
