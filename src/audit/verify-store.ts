import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../store/state-store.js';
import { verifyScopeChain, type ScopeVerification } from './verify-chain.js';

/**
 * Reads each scope's revisions, change rows and revision counter, and verifies its chain.
 * Every scope when `tenants` is empty; scopes are verified one at a time to bound memory.
 */
export async function verifyStore(
  store: SqlStateStore,
  tenants: readonly string[],
): Promise<ScopeVerification[]> {
  const scopes = tenants.length > 0 ? [...new Set(tenants)].sort() : await store.listScopes();
  const byScope = new Map<string, RevisionRecord[]>(scopes.map((scope) => [scope, []]));
  for (const record of await store.readRevisions(scopes)) byScope.get(record.scope)?.push(record);
  const results: ScopeVerification[] = [];
  const counters = await store.scopeRevisions(scopes);
  for (const scope of scopes) {
    results.push(
      verifyScopeChain({
        scope,
        revisions: byScope.get(scope) ?? [],
        changes: await store.readChanges(scope),
        latest: counters.get(scope) ?? 0,
      }),
    );
  }
  return results;
}
