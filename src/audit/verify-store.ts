import { startedEarly } from '../support/started-early.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import { type ScopeVerification } from '../model/scope-verification.js';
import type { ChangeRows } from '../store/read-revisions.js';
import { WebexRecords } from '../store/webex-records.js';
import type { Anchor } from './anchors.js';
import type { OverviewRequest, RevisionOverview, ScopeAnswer, ScopeWork } from './verify-scope.js';
import { scopeVerifier, type ScopeVerifier } from './verify-thread.js';
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
  /** The scopes' revisions, when the caller has read them already (readRevisions). */
  revisions?: readonly RevisionRecord[];
  /** Called once every chain's rows are asked of `store` (store-beside.ts `ownAsked`). */
  chainsAsked?: () => void;
  /**
   * What else a caller makes of the change rows hashed (the report's counts and first changes),
   * without reading them again: asked per scope, given per scope once its chain is hashed.
   */
  overview?: {
    request: (scope: string) => OverviewRequest;
    take: (scope: string, overviews: readonly RevisionOverview[]) => void;
  };
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
 * value by value: a row changed by any SQL, whatever it set, differs. Each scope's rows are read
 * while those before are parsed and hashed (on a thread of its own when there are many:
 * verify-thread.ts), no more than READ_AHEAD_BYTES of them waiting. Then its push records and
 * the Webex ids pushes recorded.
 */
export async function verifyStore(
  store: SqlStateStore,
  request: VerifyRequest,
): Promise<ScopeVerification[]> {
  const { scopes } = request;
  // Asked at once of a second session; of the store's own (PGlite), once the chains' rows are.
  const checks = startedEarly(readChecks(request.beside ?? Promise.resolve(store), scopes));
  const revisions = request.revisions
    ? Promise.resolve(request.revisions)
    : startedEarly(store.readRevisions(scopes));
  const latest = startedEarly(store.scopeRevisions(scopes));
  const byScope = new Map<string, RevisionRecord[]>(scopes.map((scope) => [scope, []]));
  let verifier: ScopeVerifier | undefined;
  let answers: ScopeAnswer[];
  try {
    verifier = scopeVerifier(rowCount(await revisions));
    for (const record of await revisions) byScope.get(record.scope)?.push(record);
    const latestOf = await latest;
    answers = await verifyChains(store, request, verifier, (scope) => ({
      scope,
      revisions: byScope.get(scope) ?? [],
      latest: latestOf.get(scope) ?? 0,
      anchors: (request.anchors ?? []).filter((anchor) => anchor.scope === scope),
    }));
  } finally {
    request.chainsAsked?.();
    await verifier?.close();
  }
  const results = answers.map(({ result, overviews }) => {
    request.overview?.take(result.scope, overviews);
    return result;
  });
  // The comparison's answer is awaited only now that every chain is hashed.
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

/**
 * The rows sent to be hashed and not yet answered, at most (or the last scope's and one more,
 * when larger): the next scopes' rows are read, and then the stored rows compared with the
 * history, while the thread hashes. Read two scopes at a time, PGlite (whose database runs on
 * this thread) waited for the hashing, ≈ 0.8 s of it for ≈ 0.4 s of reading at 100k, and only
 * then compared the rows.
 */
const READ_AHEAD_BYTES = 64 << 20;

/**
 * Each scope's chain, in order: its rows asked for while the scopes before are parsed and hashed,
 * and let go once they are, so that no more than READ_AHEAD_BYTES of rows wait to be hashed.
 */
async function verifyChains(
  store: SqlStateStore,
  { scopes, overview, chainsAsked }: VerifyRequest,
  verifier: ScopeVerifier,
  workOf: (scope: string) => Omit<ScopeWork, 'packed'>,
): Promise<ScopeAnswer[]> {
  const changesOf = (at: number) => {
    const scope = scopes[at];
    return scope === undefined ? undefined : startedEarly(store.readChangeRows(scope));
  };
  let changes = changesOf(0);
  const answers: Promise<ScopeAnswer>[] = [];
  const hashing: { answer: Promise<ScopeAnswer>; bytes: number }[] = [];
  let held = 0;
  for (const [at, scope] of scopes.entries()) {
    const packed = await changes!;
    changes = changesOf(at + 1);
    if (!changes) chainsAsked?.();
    const work = {
      ...workOf(scope),
      packed,
      ...(overview && { overview: overview.request(scope) }),
    };
    const again = async () => ({ ...work, packed: await store.readChangeRows(scope) });
    // Counted before it is sent: the thread may be given the rows' memory.
    const bytes = rowBytes(packed);
    const answer = startedEarly(verifier.verify(work, again));
    answers.push(answer);
    hashing.push({ answer, bytes });
    held += bytes;
    while (held > READ_AHEAD_BYTES && hashing.length > 1) {
      const oldest = hashing.shift()!;
      await oldest.answer;
      held -= oldest.bytes;
    }
  }
  return Promise.all(answers);
}

/** The memory of a scope's rows as read: a COPY's bytes, or its packed texts' characters. */
function rowBytes(rows: ChangeRows): number {
  return 'copied' in rows
    ? rows.copied.reduce((sum, piece) => sum + piece.byteLength, 0)
    : rows.reduce((sum, text) => sum + text.changes.length, 0);
}

/** How many change rows the revisions recorded: what decides whether a thread is worth it. */
function rowCount(revisions: readonly RevisionRecord[]): number {
  let rows = 0;
  for (const { counts } of revisions) rows += counts.create + counts.update + counts.delete;
  return rows;
}

/** What verifyStore checks beside the chains, asked at once of `beside`. */
async function readChecks(beside: Promise<SqlStateStore>, scopes: readonly string[]) {
  const store = await beside;
  const webex = new WebexRecords(store.db);
  // A scope at a time: the session beside compiles no statement (store-beside.ts).
  const drifted = startedEarly(store.driftedRows(scopes, { scopeAtATime: true }));
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
