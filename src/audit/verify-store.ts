import { startedEarly } from '../support/started-early.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord, StoredChange } from '../model/revision.js';
import { type ScopeVerification } from '../model/scope-verification.js';
import { WebexRecords } from '../store/webex-records.js';
import type { Anchor } from './anchors.js';
import { verifyScopeChain } from './verify-chain.js';
import { verifyPushChain } from './verify-pushes.js';

/** The reads of verifyStore: the chains' on `store`, the comparisons' on `beside`. */
export interface VerifyRequest {
  /** verifiedScopes' answer: sorted, without repeats. */
  scopes: readonly string[];
  anchors?: readonly Anchor[];
  /**
   * Where the stored rows are compared with the history (the longest query) and the push
   * records are read: a second session (store/store-beside.ts), so that the database does it
   * while the chains are read and hashed here. `store` itself when omitted.
   */
  beside?: Promise<SqlStateStore>;
  /**
   * Given each scope's change rows once its chain is hashed (by revision, then address): what
   * else a caller makes of them (the report's counts and first changes), without reading them
   * again.
   */
  onChanges?: (scope: string, changes: readonly StoredChange[]) => void;
}

/** The scopes verifyStore checks: the tenants named, or every scope and every anchored one. */
export async function verifiedScopes(
  store: Pick<SqlStateStore, 'listScopes'>,
  tenants: readonly string[],
  anchors: readonly Anchor[] = [],
): Promise<string[]> {
  if (tenants.length > 0) return [...new Set(tenants)].sort();
  return [...new Set([...(await store.listScopes()), ...anchors.map((a) => a.scope)])].sort();
}

/**
 * Reads each scope's revisions, change rows and revision counter and verifies its chain against
 * the anchors, then — where the chain holds — its stored rows against what the chain recorded,
 * value by value: a row changed by any SQL, whatever it set, differs. Scopes are hashed one at a
 * time to bound memory. Then its push records and the Webex ids pushes recorded.
 */
export async function verifyStore(
  store: SqlStateStore,
  request: VerifyRequest,
): Promise<ScopeVerification[]> {
  const { scopes, anchors = [] } = request;
  const beside = request.beside ?? Promise.resolve(store);
  // Asked at once: each session answers in turn, the comparison first on its own; each scope's
  // changes are asked while the one before is hashed, so the database works meanwhile.
  const checks = startedEarly(readChecks(beside, scopes));
  const changesOf = (at: number) => {
    const scope = scopes[at];
    return scope === undefined ? undefined : startedEarly(store.readChanges(scope));
  };
  const revisions = startedEarly(store.readRevisions(scopes));
  const latest = startedEarly(store.scopeRevisions(scopes));
  let changes = changesOf(0);
  const byScope = new Map<string, RevisionRecord[]>(scopes.map((scope) => [scope, []]));
  for (const record of await revisions) byScope.get(record.scope)?.push(record);
  const results: ScopeVerification[] = [];
  // Every chain first: the comparison's answer is awaited only after the last one is hashed.
  for (const [at, scope] of scopes.entries()) {
    const read = await changes!;
    changes = changesOf(at + 1);
    results.push(
      verifyScopeChain({
        scope,
        revisions: byScope.get(scope) ?? [],
        changes: read,
        latest: (await latest).get(scope) ?? 0,
        anchors: anchors.filter((anchor) => anchor.scope === scope),
      }),
    );
    request.onChanges?.(scope, read);
  }
  const { drifted, pushes, counters, tamperedRefs } = await checks;
  for (const result of results) {
    const { scope } = result;
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
  }
  return results;
}

/** What verifyStore checks beside the chains, asked at once of `beside`. */
async function readChecks(beside: Promise<SqlStateStore>, scopes: readonly string[]) {
  const store = await beside;
  const webex = new WebexRecords(store.db);
  const drifted = startedEarly(store.driftedRows(scopes));
  const pushes = startedEarly(webex.readPushes(scopes));
  const counters = startedEarly(webex.readTenants(scopes));
  const tamperedRefs = startedEarly(webex.tamperedRefs(scopes));
  return {
    drifted: await drifted,
    pushes: await pushes,
    counters: await counters,
    tamperedRefs: await tamperedRefs,
  };
}
