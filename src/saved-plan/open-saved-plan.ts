import { error, warning, type Diagnostic, type Place } from '../diagnostics/diagnostic.js';
import { canonicalJson } from '../model/canonical-json.js';
import type { ResourceValue } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';
import { contentDigest } from '../plan/digests.js';
import { diffValues } from '../plan/diff-values.js';
import { valueHash, type KnownHash } from '../plan/planned-value.js';
import { checkSavedChanges } from './check-saved-changes.js';
import { isKeyId, signatureProblem, type PlanSignature } from './plan-signature.js';
import {
  DIGEST_FORMAT,
  isRecord,
  isSavedPlan,
  openedAs,
  openSignedPlanFile,
  type OpenedPlan,
} from './saved-plan.js';

/**
 * Parses a saved plan and refuses one that ccac did not write as it is: content that no longer
 * matches its digest, a signature that is not by the holder of `key` (when given), changes or
 * values that `ccac plan` would not write (check-saved-changes.ts; not for a plan signed with
 * `key`: `ccac plan` made its values). All of it before any store is opened; the values are
 * checked against the stored state under its lock (recheck-saved-plan.ts, check-signed-plan.ts).
 */
export function openSavedPlan(text: string, file: string, key: string | undefined): OpenedPlan {
  const whole = key === undefined ? undefined : openSignedPlanFile(text, key);
  return whole ? { plan: whole, diagnostics: [] } : checkSavedPlanInFull(text, file, key);
}

/**
 * openSavedPlan for a file that is not signed as a whole with `key` (openSignedPlanFile said so
 * already): its digest, signature, changes and fields checked one by one.
 */
export function checkSavedPlanInFull(
  text: string,
  file: string,
  key: string | undefined,
): OpenedPlan {
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
  openedAs(parsed, known, signed);
  return { plan: parsed, diagnostics: unchecked ? [uncheckedSignature(signature, place)] : [] };
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
