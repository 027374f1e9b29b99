import { startedEarly } from '../support/started-early.js';
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
  // All asked at once, and each scope's changes while the one before is hashed: one connection
  // answers them in turn, so the database works while the chains are hashed here.
  const changesOf = (at: number) => {
    const scope = scopes[at];
    return scope === undefined ? undefined : startedEarly(store.readChanges(scope));
  };
  const revisions = startedEarly(store.readRevisions(scopes));
  const latest = startedEarly(store.scopeRevisions(scopes));
  let changes = changesOf(0);
  const webex = new WebexRecords(store.db);
  const drifted = startedEarly(store.driftedRows(scopes));
  const pushes = startedEarly(webex.readPushes(scopes));
  const counters = startedEarly(webex.readTenants(scopes));
  const tamperedRefs = startedEarly(webex.tamperedRefs(scopes));
  const byScope = new Map<string, RevisionRecord[]>(scopes.map((scope) => [scope, []]));
  for (const record of await revisions) byScope.get(record.scope)?.push(record);
  const results: ScopeVerification[] = [];
  for (const [at, scope] of scopes.entries()) {
    const read = await changes!;
    changes = changesOf(at + 1);
    const result = verifyScopeChain({
      scope,
      revisions: byScope.get(scope) ?? [],
      changes: read,
      latest: (await latest).get(scope) ?? 0,
      anchors: anchors.filter((anchor) => anchor.scope === scope),
    });
    const addresses = (await drifted)
      .filter((row) => row.scope === scope)
      .map((row) => row.address);
    if (result.problem === null && addresses.length > 0)
      result.problem = { kind: 'drift', addresses };
    const own = (await pushes).filter((p) => p.scope === scope);
    result.pushes = own.length;
    if (result.problem === null)
      result.problem = verifyPushChain({
        pushes: own,
        counter: (await counters).get(scope)?.pushes ?? 0,
        revisions: byScope.get(scope) ?? [],
      });
    const refs = (await tamperedRefs).get(scope);
    if (result.problem === null && refs)
      result.problem = { kind: 'refs-tampered', addresses: refs };
    results.push(result);
  }
  return results;
}
