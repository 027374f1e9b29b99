import type { Model } from '../model/model.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { replayChanges } from './replay-changes.js';

/**
 * The whole store as of global revision `id`: each scope replayed up to its last
 * revision with an id at or below it. The store edge for `export --revision`, `diff rev:N`.
 */
export async function readStateAt(store: SqlStateStore, id: number): Promise<Model> {
  const lastRevision = new Map<string, number>();
  for (const revision of await store.readRevisions()) {
    if (revision.id <= id)
      lastRevision.set(
        revision.scope,
        Math.max(lastRevision.get(revision.scope) ?? 0, revision.revision),
      );
  }
  const changes = [];
  for (const [scope, upTo] of [...lastRevision].sort(([a], [b]) => (a < b ? -1 : 1))) {
    changes.push(...(await store.readChanges(scope, { upTo })));
  }
  return replayChanges(changes);
}
