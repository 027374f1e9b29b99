import { verifyScopeChain } from '../audit/verify-chain.js';
import { buildRoutingGraph } from '../graph/build-routing-graph.js';
import { collapseAgents } from '../graph/collapse-agents.js';
import type { StoredChange } from '../store/read-revisions.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import type { ReportData, ReportRevision } from './report-data.js';

/**
 * The store edge of `ccac report`: revisions with their changes, each scope's chain verified
 * from the same rows, and the stored state drawn. Every scope, or only `tenants`.
 */
export async function readReportData(
  store: SqlStateStore,
  tenants: readonly string[],
  generatedAt: string,
): Promise<ReportData> {
  const scopes = tenants.length > 0 ? [...new Set(tenants)].sort() : await store.listScopes();
  const state = await store.readState(scopes);
  const records = await store.readRevisions(scopes);
  const revisions: ReportRevision[] = [];
  const chains = [];
  for (const scope of scopes) {
    const changes = await store.readChanges(scope);
    const own = records.filter((record) => record.scope === scope);
    chains.push(
      verifyScopeChain({ scope, revisions: own, changes, latest: state.revisions.get(scope) ?? 0 }),
    );
    const byRevision = new Map<number, StoredChange[]>();
    for (const change of changes) {
      const list = byRevision.get(change.revision);
      if (list) list.push(change);
      else byRevision.set(change.revision, [change]);
    }
    for (const record of own)
      revisions.push({
        ...record,
        changes: (byRevision.get(record.revision) ?? []).sort((a, b) =>
          a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
        ),
      });
  }
  return {
    generatedAt,
    tenants: [...tenants],
    revisions: revisions.sort((a, b) => b.id - a.id),
    chains,
    graphs: buildRoutingGraph(state.model, tenants).map((graph) => collapseAgents(graph)),
  };
}
