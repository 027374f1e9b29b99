import { scopeOfAddress } from '../model/address.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import { revisionKey, selectRevisions, type HistoryQuery } from './history-query.js';

export interface HistoryRequest extends Omit<HistoryQuery, 'touching'> {
  kind?: string | undefined;
  address?: string | undefined;
}

/**
 * The revisions `ccac history` lists. Filters on what a revision touched read the change rows,
 * but only of the scopes that can match: an address names its own scope.
 */
export async function readHistory(
  store: Pick<SqlStateStore, 'readRevisions' | 'readChanges'>,
  request: HistoryRequest,
): Promise<RevisionRecord[]> {
  const { kind, address, ...query } = request;
  const scopes = query.tenants.length > 0 ? [...new Set(query.tenants)] : undefined;
  const revisions = await store.readRevisions(scopes);
  if (kind === undefined && address === undefined) return selectRevisions(revisions, query);
  const candidates =
    address !== undefined ? [scopeOfAddress(address)] : (scopes ?? scopesOf(revisions));
  const touching = new Set<string>();
  for (const scope of candidates) {
    for (const change of await store.readChanges(scope)) {
      if (kind !== undefined && change.kind !== kind) continue;
      if (address !== undefined && change.address !== address) continue;
      touching.add(revisionKey(change.scope, change.revision));
    }
  }
  return selectRevisions(revisions, { ...query, touching });
}

function scopesOf(revisions: readonly RevisionRecord[]): string[] {
  return [...new Set(revisions.map((r) => r.scope))].sort();
}
