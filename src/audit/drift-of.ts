import type { StateReader } from '../store/state-store.js';
import type { DriftedRow } from '../model/revision.js';
import type { ScopeIntegrity } from '../model/stored-state.js';

/**
 * The rows of some scopes that are not what the recorded history wrote. A scope whose rows were
 * all last written by ccac's own transactions, as many as its revisions built, cannot differ
 * (driftFree) and is not compared; the others are compared value by value.
 */
export async function driftOf(
  reader: Pick<StateReader, 'scopeSummaries' | 'driftedRows'>,
  scopes: readonly string[],
): Promise<DriftedRow[]> {
  if (scopes.length === 0) return [];
  const summaries = await reader.scopeSummaries(scopes);
  const suspect = scopes.filter((scope) => !driftFree(summaries.get(scope)));
  return reader.driftedRows(suspect);
}

/**
 * Every row last written by one of ccac's transactions (which PostgreSQL stamps on the row and no
 * SQL session can choose), and as many rows as the recorded revisions built (none deleted
 * outside ccac): comparing with the history would find nothing. Unknown counts are not trusted.
 * What this leans on — the ids ccac recorded and the counts in `scopes` — only someone who can
 * write ccac's own bookkeeping tables could forge; `history verify` and `drift` never lean on it.
 */
export function driftFree(integrity: ScopeIntegrity | undefined): boolean {
  return integrity !== undefined && integrity.intact && integrity.recorded === integrity.rows;
}
