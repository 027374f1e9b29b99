import type { Model } from '../model/model.js';
import type { StoredChange } from '../model/revision.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import { replayChanges } from './replay-changes.js';

/**
 * The whole store as of global revision `id`: each scope replayed up to its last
 * revision with an id at or below it. The store edge for `export --revision`, `diff rev:N`.
 */
export async function readStateAt(store: SqlStateStore, id: number): Promise<Model> {
  const lastRevision = new Map<string, number>();
  const adopted: StoredChange[] = [];
  for (const revision of await store.readRevisions()) {
    if (revision.id > id) continue;
    lastRevision.set(
      revision.scope,
      Math.max(lastRevision.get(revision.scope) ?? 0, revision.revision),
    );
    adopted.push(...adoptedChanges(revision));
  }
  const changes = [];
  for (const [scope, upTo] of [...lastRevision].sort(([a], [b]) => (a < b ? -1 : 1))) {
    changes.push(...(await store.readChanges(scope, { upTo })));
  }
  return replayChanges(inHistoryOrder(adopted, changes));
}

/** The drift a revision adopted, as changes to the value found: made before its own changes. */
function adoptedChanges(record: RevisionRecord): StoredChange[] {
  return (record.acceptedDrift ?? []).map(({ address, kind, name, value }) => ({
    scope: record.scope,
    revision: record.revision,
    address,
    kind,
    name,
    action: value === null ? 'delete' : 'update',
    before: null,
    after: value,
  }));
}

/** By scope and revision, a revision's adopted drift before its changes. */
function inHistoryOrder(adopted: StoredChange[], changes: StoredChange[]): StoredChange[] {
  if (adopted.length === 0) return changes;
  const rank = new Map<StoredChange, number>(adopted.map((change) => [change, 0]));
  return [...adopted, ...changes].sort(
    (a, b) =>
      (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0) ||
      a.revision - b.revision ||
      (rank.get(a) ?? 1) - (rank.get(b) ?? 1),
  );
}
