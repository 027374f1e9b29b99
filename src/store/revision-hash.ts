import { canonicalJson, sha256 } from '../model/canonical-json.js';
import type { ResourceValue } from '../model/model.js';
import type { Action } from '../plan/plan.js';
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

/**
 * sha256 over canonical JSON of a revision's fields and its changes (sorted by address), so
 * `history verify` can recompute it from stored rows: any altered field, change or link differs.
 */
export function revisionHash(
  fields: RevisionHashFields,
  changes: readonly RevisionHashChange[],
): string {
  const sorted = [...changes]
    .map(({ address, kind, name, action, before, after }) => ({
      address,
      kind,
      name,
      action,
      before,
      after,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const { scope, revision, id, actor, actorRole, createdAt, configDigest, gitCommit } = fields;
  const { planDigest, counts, prevHash } = fields;
  return sha256(
    canonicalJson({
      format: 1,
      scope,
      revision,
      id,
      actor,
      actorRole,
      createdAt,
      configDigest,
      gitCommit,
      planDigest,
      counts: { create: counts.create, update: counts.update, delete: counts.delete },
      prevHash,
      changes: sorted,
    }),
  );
}
