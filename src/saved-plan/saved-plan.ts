import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { changeFields } from '../plan/make-plan.js';
import type { Model } from '../model/model.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import type { Plan, PlanScopes, ResourceChange } from '../model/plan.js';
import type { StoredState } from '../model/stored-state.js';
import { contentDigest } from '../plan/digests.js';
import { NO_KNOWN_HASHES, valueHash, type KnownHash } from '../plan/planned-value.js';
import { projectChanges } from '../plan/project-changes.js';
import {
  FILE_PLACEHOLDER,
  fileSignedWith,
  signedFileBytes,
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
export const DIGEST_FORMAT = 2;

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
  if (key === undefined) return { ...content, digest: contentDigest(content, known) };
  const hashes = changes.flatMap(({ address, before, after }) => [
    before && valueHash(before, address, known),
    after && valueHash(after, address, known),
  ]);
  // The digest is made of the same hashes: each value is looked up (or hashed) once.
  const listed = listedHashes(changes, hashes) ?? known;
  const sealed = { ...content, digest: contentDigest(content, listed) };
  return { ...sealed, signature: { ...signPlan(sealed, key), hashes } };
}

/**
 * The plan file's text: the plan as JSON; signed, its signature's last member is the signature
 * of the text itself (plan-signature.ts signedFileBytes), which lets `apply` trust a file signed
 * with its key without making its digest again.
 */
export function savedPlanText(saved: SavedPlan, key: string | undefined): string {
  return savedPlanBytes(saved, key).toString('utf8');
}

/** savedPlanText's bytes, as `plan --out` writes them (plan-signature.ts signedFileBytes). */
export function savedPlanBytes(saved: SavedPlan, key: string | undefined): Buffer {
  const { signature, ...plan } = saved;
  if (signature === undefined || key === undefined)
    return Buffer.from(`${JSON.stringify(saved, null, 2)}\n`, 'utf8');
  const room = { ...plan, signature: { ...signature, file: FILE_PLACEHOLDER } };
  return signedFileBytes(JSON.stringify(room, null, 2), key);
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
 * A file signed as a whole with `key` (plan-signature.ts fileSignedWith): written by `ccac plan`
 * as it is, so its digest, its fields and its values' hashes are not made again; only its outline
 * is checked. Undefined for any other file, which openSavedPlan (open-saved-plan.ts) checks in
 * full and which it loads only then: the schema validator and the rules stay unloaded here.
 */
export function openSignedPlanFile(
  text: string,
  key: string,
  bytes?: Uint8Array,
): SavedPlan | undefined {
  if (!fileSignedWith(text, key, bytes)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isSavedPlan(parsed) || parsed.digestFormat !== DIGEST_FORMAT) return undefined;
  const listed = listedHashes(parsed.changes, parsed.signature?.hashes);
  if (!listed) return undefined;
  openedAs(parsed, listed, true);
  return parsed;
}

/** What opening a plan learned of it: its values' hashes, and whether `key` signed it. */
export function openedAs(plan: SavedPlan, hashes: KnownHash, signed: boolean): void {
  valueHashes.set(plan, hashes);
  if (signed) signedPlans.add(plan);
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

/** The plans opened whose signature was checked with the key (CCAC_PLAN_KEY). */
const signedPlans = new WeakSet<SavedPlan>();

/**
 * Whether the plan was opened with the key and is signed with it: made by a `ccac plan` that
 * checked its values, the rules and the planner's roles against its base revisions.
 */
export function isSignedWithKey(plan: SavedPlan): boolean {
  return signedPlans.has(plan);
}

/** The hashes of the values of a plan opened here (none known of any other). */
export function savedValueHashes(plan: SavedPlan): KnownHash {
  return valueHashes.get(plan) ?? NO_KNOWN_HASHES;
}

/** The state a saved plan leads to from the stored state. */
export function savedPlanTarget(saved: SavedPlan, stored: StoredState): Model {
  return projectChanges(stored.model, saved.changes, savedValueHashes(saved));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plan's outline; its changes are checked one by one (checkSavedChanges). */
export function isSavedPlan(value: unknown): value is SavedPlan {
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
