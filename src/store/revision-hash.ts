import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.js';
import type { ResourceValue } from '../model/model.js';
import type { Action } from '../plan/plan.js';
import { canonicalTextOrNull } from './canonical-text.js';
import type { RevisionRecord } from './state-store.js';

/** The recorded fields of a revision that its hash covers: everything but the hash itself. */
export type RevisionHashFields = Omit<RevisionRecord, 'hash'>;

/** A change as recorded with a revision. */
export interface RevisionHashChange {
  address: string;
  kind: string;
  name: string;
  action: Action;
  before: ResourceValue | null;
  after: ResourceValue | null;
}

/** A recorded change with its values already as canonical JSON text (null for none). */
export interface RevisionHashChangeText extends Omit<RevisionHashChange, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

/**
 * sha256 over canonical JSON of a revision's fields and its changes (sorted by address), so
 * `history verify` can recompute it from stored rows: any altered field, change or link differs.
 */
export function revisionHash(
  fields: RevisionHashFields,
  changes: readonly RevisionHashChange[],
): string {
  return revisionHashOfTexts(
    fields,
    changes.map((change) => ({
      ...change,
      before: canonicalTextOrNull(change.before),
      after: canonicalTextOrNull(change.after),
    })),
  );
}

/**
 * revisionHash for changes whose values are canonical text already (an apply has them). The
 * canonical JSON of `{ format: 1, …fields, changes }` is fed to the hash piece by piece — the
 * fields sorting before `changes`, each change, the fields after — never built as one string.
 */
export function revisionHashOfTexts(
  fields: RevisionHashFields,
  changes: readonly RevisionHashChangeText[],
): string {
  const { scope, revision, id, actor, actorRole, createdAt, configDigest, gitCommit } = fields;
  const { planDigest, counts, prevHash } = fields;
  const before = canonicalJson({ actor, actorRole });
  const after = canonicalJson({
    format: 1,
    scope,
    revision,
    id,
    createdAt,
    configDigest,
    gitCommit,
    planDigest,
    counts: { create: counts.create, update: counts.update, delete: counts.delete },
    prevHash,
  });
  const hash = createHash('sha256');
  hash.update(`${before.slice(0, -1)},"changes":[`);
  const sorted = [...changes].sort((a, b) =>
    a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
  );
  sorted.forEach((change, i) => hash.update(`${i > 0 ? ',' : ''}${changeJson(change)}`));
  hash.update(`],${after.slice(1)}`);
  return hash.digest('hex');
}

/** A change's canonical JSON: keys in sorted order (action, address, after, before, kind, name). */
function changeJson(change: RevisionHashChangeText): string {
  const { action, address, after, before, kind, name } = change;
  const text = (value: string) => JSON.stringify(value);
  return `{"action":${text(action)},"address":${text(address)},"after":${after ?? 'null'},"before":${before ?? 'null'},"kind":${text(kind)},"name":${text(name)}}`;
}
