import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import { type ScopeVerification } from '../model/scope-verification.js';
import { WebexRecords } from '../store/webex-records.js';
import type { Anchor } from './anchors.js';
import { verifyScopeChain } from './verify-chain.js';
import { verifyPushChain } from './verify-pushes.js';

/**
 * Reads each scope's revisions, change rows and revision counter and verifies its chain against
 * the anchors, then — where the chain holds — its stored rows against what the chain recorded,
 * value by value: a row changed by any SQL, whatever it set, differs. Every scope (and every
 * anchored one, which may have lost all its rows) when `tenants` is empty; scopes are verified
 * one at a time to bound memory. Then its push records and the Webex ids pushes recorded.
 */
export async function verifyStore(
  store: SqlStateStore,
  tenants: readonly string[],
  anchors: readonly Anchor[] = [],
): Promise<ScopeVerification[]> {
  const scopes =
    tenants.length > 0
      ? [...new Set(tenants)].sort()
      : [...new Set([...(await store.listScopes()), ...anchors.map((a) => a.scope)])].sort();
  const byScope = new Map<string, RevisionRecord[]>(scopes.map((scope) => [scope, []]));
  for (const record of await store.readRevisions(scopes)) byScope.get(record.scope)?.push(record);
  const results: ScopeVerification[] = [];
  const latest = await store.scopeRevisions(scopes);
  const drifted = await store.driftedRows(scopes);
  const webex = new WebexRecords(store.db);
  const pushes = await webex.readPushes(scopes);
  const counters = await webex.readTenants(scopes);
  const tamperedRefs = await webex.tamperedRefs(scopes);
  for (const scope of scopes) {
    const result = verifyScopeChain({
      scope,
      revisions: byScope.get(scope) ?? [],
      changes: await store.readChanges(scope),
      latest: latest.get(scope) ?? 0,
      anchors: anchors.filter((anchor) => anchor.scope === scope),
    });
    const addresses = drifted.filter((row) => row.scope === scope).map((row) => row.address);
    if (result.problem === null && addresses.length > 0)
      result.problem = { kind: 'drift', addresses };
    const own = pushes.filter((p) => p.scope === scope);
    result.pushes = own.length;
    if (result.problem === null)
      result.problem = verifyPushChain({
        pushes: own,
        counter: counters.get(scope)?.pushes ?? 0,
        revisions: byScope.get(scope) ?? [],
      });
    const refs = tamperedRefs.get(scope);
    if (result.problem === null && refs)
      result.problem = { kind: 'refs-tampered', addresses: refs };
    results.push(result);
  }
  return results;
}
