import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { canonicalJson } from '../model/canonical-json.js';
import { diffValues } from '../plan/diff-values.js';
import { changeFields } from '../plan/make-plan.js';
import type { Plan, ResourceChange } from '../plan/plan.js';
import { contentDigest } from './digests.js';

/** A plan written by `plan --out`: the SPEC §5 plan, where it came from, and a digest of it all. */
export interface SavedPlan extends Plan {
  configDigest: string;
  gitCommit: string | null;
  /** How `digest` is made (contentDigest): another ccac may make it otherwise. */
  digestFormat: number;
  digest: string;
}

/** 2: changes by their values' hashes, fields checked against the values (1: their text, fields and all). */
const DIGEST_FORMAT = 2;

export function sealPlan(
  plan: Plan,
  origin: { configDigest: string; gitCommit: string | null },
): SavedPlan {
  const changes = plan.changes.map((change) =>
    change.fields ? change : { ...change, fields: changeFields(change) },
  );
  const content = { ...plan, changes, ...origin, digestFormat: DIGEST_FORMAT };
  return { ...content, digest: contentDigest(content) };
}

/** Parses a saved plan and refuses one whose content no longer matches its digest. */
export function openSavedPlan(
  text: string,
  file: string,
): { plan: SavedPlan } | { diagnostic: Diagnostic } {
  const place = { file, line: 1, column: 1 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { diagnostic: error('PLAN_INVALID', 'not a plan file: it is not JSON', { place }) };
  }
  if (!isSavedPlan(parsed)) {
    return {
      diagnostic: error(
        'PLAN_INVALID',
        'not a plan file written by `ccac plan --out` (format version 1)',
        { place },
      ),
    };
  }
  if (parsed.digestFormat !== DIGEST_FORMAT) {
    return {
      diagnostic: error(
        'PLAN_INVALID',
        'the plan file was written by another version of ccac (its digest is of another form): plan again',
        { place },
      ),
    };
  }
  const { digest, ...content } = parsed;
  if (contentDigest(content) !== digest) {
    return {
      diagnostic: error(
        'PLAN_INVALID',
        'the plan file was edited after it was written (its digest does not match)',
        { place },
      ),
    };
  }
  const misdescribed = parsed.changes.find((change) => !fieldsAsValuesGive(change));
  if (misdescribed) {
    return {
      diagnostic: error(
        'PLAN_INVALID',
        `the plan file was edited after it was written (the fields of ${misdescribed.address} are not what its values give)`,
        { place },
      ),
    };
  }
  return { plan: parsed };
}

/** The digest covers a change's values, not its fields: they must be what the values give. */
function fieldsAsValuesGive(change: ResourceChange): boolean {
  return (
    Array.isArray(change.fields) &&
    canonicalJson(change.fields) === canonicalJson(diffValues(change.before, change.after))
  );
}

function isSavedPlan(value: unknown): value is SavedPlan {
  const plan = value as Partial<SavedPlan> | null;
  return (
    typeof plan === 'object' &&
    plan !== null &&
    plan.formatVersion === 1 &&
    typeof plan.digest === 'string' &&
    typeof plan.configDigest === 'string' &&
    typeof plan.tenants === 'object' &&
    plan.tenants !== null &&
    Array.isArray(plan.changes) &&
    Array.isArray(plan.diagnostics) &&
    Object.values(plan.tenants).every((t) =>
      Number.isInteger((t as { baseRevision?: unknown })?.baseRevision),
    )
  );
}
