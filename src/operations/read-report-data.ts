import { verifiedScopes, verifyStore } from '../audit/verify-store.js';
import { debug } from '../support/debug.js';
import { buildRoutingGraph, ROUTING_KINDS } from '../graph/build-routing-graph.js';
import { collapseAgents } from '../graph/collapse-agents.js';
import { compare, type TenantGraph } from '../graph/routing-graph.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { KINDS, type Kind } from '../model/kinds.js';
import type { ChangeCount } from '../model/revision.js';
import type { StoredChange } from '../model/revision.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { RevisionRecord } from '../model/revision.js';
import type { KindCount, ReportData, ReportRevision } from '../report/report-data.js';
import { openStoreBeside } from '../store/store-beside.js';
import { startedEarly } from '../support/started-early.js';
import { WebexRecords } from '../store/webex-records.js';

/** Changes shown per revision; the rest are one `ccac history show` away. */
const SHOWN_CHANGES = 20;
/** Revisions whose changes are read (and rendered) at a time: what bounds the memory used. */
const REVISION_BATCH = 100;
/** Routing pictures drawn: the most recently changed tenants'. */
const DRAWN_TENANTS = 20;

export interface ReportReads {
  data: ReportData;
  /** Newest first, each with its change counts and first changes, read a batch at a time. */
  revisions: AsyncIterable<ReportRevision>;
}

/**
 * The store edge of `ccac report`, for every scope or only `tenants`: each scope's chain verified
 * as `history verify` does (every change row re-hashed, a scope at a time), the revisions with
 * their changes counted by the database, and the routing pictures of the tenants changed last.
 * The chains are read and hashed on the store's connection; the rows' comparison with the
 * history, the counts, the pictures' rows and the first batch of first changes are read on a
 * second one meanwhile (store/store-beside.ts), closed before this returns.
 * No more than a scope's change rows, or a batch of revisions' first changes, is held at once.
 */
export async function readReportData(
  store: SqlStateStore,
  tenants: readonly string[],
  generatedAt: string,
): Promise<ReportReads> {
  const beside = openStoreBeside(store);
  try {
    const scopes = await verifiedScopes(store, tenants);
    const chains = startedEarly(verifyStore(store, { scopes, beside: beside.store }));
    const overview = startedEarly(readOverview(await beside.store, scopes, tenants.length > 0));
    const { pushes, records, counts, graphs, firstBatch } = await overview;
    debug('report: changes counted, routing pictures drawn');
    const verified = await chains;
    debug('report: chains verified');
    const kinds = new Set([...counts.values()].flatMap((list) => list.map((count) => count.kind)));
    return {
      data: {
        generatedAt,
        tenants: [...tenants],
        revisions: records,
        kinds: KINDS.filter((kind) => kinds.has(kind)),
        chains: verified,
        pushes,
        graphs: graphs.graphs,
        undrawn: graphs.undrawn,
      },
      revisions: withFirstChanges(store, records, counts, firstBatch),
    };
  } finally {
    await beside.close();
  }
}

/** What the page shows besides the chains, read on `store` (the second session). */
async function readOverview(store: SqlStateStore, scopes: readonly string[], named: boolean) {
  const pushes = startedEarly(new WebexRecords(store.db).readPushes(scopes));
  const records = (await store.readRevisions(scopes)).sort((a, b) => b.id - a.id);
  const firstBatch = startedEarly(
    store.firstChanges(records.slice(0, REVISION_BATCH), SHOWN_CHANGES),
  );
  const counts = startedEarly(store.countChanges(scopes));
  const graphs = await readGraphs(store, scopes, records, named);
  return {
    pushes: await pushes,
    records,
    counts: kindCounts(await counts),
    graphs,
    firstBatch: await firstBatch,
  };
}

const key = (scope: string, revision: number) => `${scope}\u0000${revision}`;

/** Per revision, its counts per kind in KINDS order. */
function kindCounts(rows: readonly ChangeCount[]): Map<string, KindCount[]> {
  const out = new Map<string, KindCount[]>();
  for (const { scope, revision, kind, action, count } of rows) {
    const list = out.get(key(scope, revision)) ?? [];
    if (list.length === 0) out.set(key(scope, revision), list);
    let entry = list.find((item) => item.kind === kind);
    if (!entry) list.push((entry = { kind, create: 0, update: 0, delete: 0 }));
    entry[action] += count;
  }
  const order = (kind: Kind) => KINDS.indexOf(kind);
  for (const list of out.values()) list.sort((a, b) => order(a.kind) - order(b.kind));
  return out;
}

/** `firstBatch`: the first changes of the first batch of `records`, read already. */
async function* withFirstChanges(
  store: SqlStateStore,
  records: readonly RevisionRecord[],
  counts: ReadonlyMap<string, KindCount[]>,
  firstBatch: readonly StoredChange[],
): AsyncGenerator<ReportRevision> {
  for (let start = 0; start < records.length; start += REVISION_BATCH) {
    const batch = records.slice(start, start + REVISION_BATCH);
    const byRevision = new Map<string, StoredChange[]>();
    const changes = start === 0 ? firstBatch : await store.firstChanges(batch, SHOWN_CHANGES);
    for (const change of changes) {
      const list = byRevision.get(key(change.scope, change.revision));
      if (list) list.push(change);
      else byRevision.set(key(change.scope, change.revision), [change]);
    }
    for (const record of batch) {
      const at = key(record.scope, record.revision);
      yield { ...record, kinds: counts.get(at) ?? [], changes: byRevision.get(at) ?? [] };
    }
  }
}

/**
 * The routing graphs of the tenants changed last, from their stored state (the Tenant and the
 * kinds drawn: not their users). A page of a hundred pictures is read by nobody: the others are
 * listed, for `ccac graph` to draw. Tenants asked for by name get a graph even when nothing of
 * theirs is stored.
 */
async function readGraphs(
  store: SqlStateStore,
  scopes: readonly string[],
  records: readonly RevisionRecord[],
  named: boolean,
): Promise<{ graphs: TenantGraph[]; undrawn: string[] }> {
  const latest = new Map<string, number>();
  for (const record of records)
    latest.set(record.scope, Math.max(record.id, latest.get(record.scope) ?? 0));
  const tenants = scopes
    .filter((scope) => scope !== GLOBAL_SCOPE)
    .sort((a, b) => (latest.get(b) ?? 0) - (latest.get(a) ?? 0) || compare(a, b));
  const drawn = tenants.slice(0, DRAWN_TENANTS);
  const model = await store.readKinds(drawn, ['Tenant', ...ROUTING_KINDS]);
  return {
    graphs: buildRoutingGraph(model, named ? drawn : []).map((graph) => collapseAgents(graph)),
    undrawn: tenants.slice(DRAWN_TENANTS).sort(compare),
  };
}
