import { readStateAt } from '../audit/read-state-at.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { SqlStateStore } from '../store/sql-state-store.js';

/**
 * The whole store as of global revision `id` (0: before the first apply). An id past the
 * latest revision is refused rather than read as "now": a typo should not pass for history.
 */
export async function stateAtRevision(
  store: SqlStateStore,
  id: number,
): Promise<{ model: Model } | { diagnostic: Diagnostic }> {
  const latest = Math.max(0, ...(await store.readRevisions()).map((revision) => revision.id));
  if (id > latest)
    return {
      diagnostic: error(
        'USAGE',
        latest === 0
          ? `revision ${id} does not exist: the store has no revisions yet`
          : `revision ${id} does not exist: the latest is ${latest} (see ccac history)`,
      ),
    };
  return { model: await readStateAt(store, id) };
}

/** Everything stored now, every scope. */
export async function liveState(store: SqlStateStore): Promise<Model> {
  return (await store.readState(await store.listScopes())).model;
}
