import type { OverviewRequest, RevisionOverview } from '../audit/verify-scope.js';
import { verifiedScopes, verifyStore } from '../audit/verify-store.js';
import { debug } from '../support/debug.js';
import { buildRoutingGraph, ROUTING_KINDS } from '../graph/build-routing-graph.js';
import { collapseAgents } from '../graph/collapse-agents.js';
import { compare, type TenantGraph } from '../graph/routing-graph.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { KINDS } from '../model/kinds.js';
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
 * their changes counted from the rows hashed, and the routing pictures of the tenants changed
 * last. The chains are read and hashed on the store's connection; the stored rows' comparison
 * with the history, the push records and the pictures' rows are read on a second one meanwhile
 * (store/store-beside.ts), closed before this returns. No more than a scope's change rows, or a
 * batch of revisions' first changes, is held at once.
 */
export async function readReportData(
  store: SqlStateStore,
  tenants: readonly string[],
  generatedAt: string,
): Promise<ReportReads> {
  const beside = openStoreBeside(store);
  try {
    const scopes = await verifiedScopes(store, tenants);
    const read = await store.readRevisions(scopes);
    const records = [...read].sort((a, b) => b.id - a.id);
    const overview = new Overview(records.slice(0, REVISION_BATCH));
    const chains = startedEarly(
      verifyStore(store, {
        scopes,
        revisions: read,
        beside: beside.store,
        chainsAsked: beside.ownAsked,
        overview,
      }),
    );
    const second = await beside.store;
    const pushes = startedEarly(new WebexRecords(second.db).readPushes(scopes));
    const graphs = startedEarly(readGraphs(second, scopes, records, tenants.length > 0));
    const verified = await chains;
    debug('report: chains verified, changes counted');
    const { kinds, first } = overview;
    const changed = new Set([...kinds.values()].flatMap((list) => list.map((count) => count.kind)));
    return {
      data: {
        generatedAt,
        tenants: [...tenants],
        revisions: records,
        kinds: KINDS.filter((kind) => changed.has(kind)),
        chains: verified,
        pushes: await pushes,
        ...(await graphs),
      },
      revisions: withFirstChanges(store, records, kinds, first),
    };
  } finally {
    await beside.close();
  }
}

const key = (scope: string, revision: number) => `${scope}\u0000${revision}`;

/**
 * What the page shows of each revision's changes, made from the rows the verification reads:
 * every revision's counts per kind, and the first changes of the revisions shown first (the
 * others' are read a batch at a time, as the page is written).
 */
class Overview {
  readonly kinds = new Map<string, KindCount[]>();
  readonly first = new Map<string, StoredChange[]>();
  private readonly wanted = new Map<string, number[]>();

  constructor(firstShown: readonly RevisionRecord[]) {
    for (const { scope, revision } of firstShown)
      this.wanted.set(scope, [...(this.wanted.get(scope) ?? []), revision]);
  }

  readonly request = (scope: string): OverviewRequest => ({
    limit: SHOWN_CHANGES,
    firstOf: this.wanted.get(scope) ?? [],
  });

  readonly take = (scope: string, overviews: readonly RevisionOverview[]): void => {
    for (const { revision, kinds, first } of overviews) {
      this.kinds.set(key(scope, revision), kinds);
      if (first) this.first.set(key(scope, revision), first);
    }
  };
}

/**
 * The revisions with their counts and first changes: `first` holds those of the first batch;
 * later batches' are read from the store as the page is written.
 */
async function* withFirstChanges(
  store: SqlStateStore,
  records: readonly RevisionRecord[],
  counts: ReadonlyMap<string, KindCount[]>,
  first: ReadonlyMap<string, StoredChange[]>,
): AsyncGenerator<ReportRevision> {
  for (let start = 0; start < records.length; start += REVISION_BATCH) {
    const batch = records.slice(start, start + REVISION_BATCH);
    const byRevision = start === 0 ? first : await readFirstChanges(store, batch);
    for (const record of batch) {
      const at = key(record.scope, record.revision);
      yield { ...record, kinds: counts.get(at) ?? [], changes: byRevision.get(at) ?? [] };
    }
  }
}

async function readFirstChanges(
  store: SqlStateStore,
  batch: readonly RevisionRecord[],
): Promise<Map<string, StoredChange[]>> {
  const byRevision = new Map<string, StoredChange[]>();
  for (const change of await store.firstChanges(batch, SHOWN_CHANGES)) {
    const list = byRevision.get(key(change.scope, change.revision));
    if (list) list.push(change);
    else byRevision.set(key(change.scope, change.revision), [change]);
  }
  return byRevision;
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
