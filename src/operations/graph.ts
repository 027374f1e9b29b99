import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildRoutingGraph } from '../graph/build-routing-graph.js';
import { collapseAgents } from '../graph/collapse-agents.js';
import type { TenantGraph } from '../graph/routing-graph.js';
import { unknownTenants } from '../model/unknown-tenants.js';
import { isLoadProblem, loadOperand, type LoadedOperand } from '../sources/load-operand.js';
import { needsStore, parseOperand, type Operand } from '../sources/operand.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { loadWholeConfig } from '../workspace/open-workspace.js';

/** What `ccac graph` draws: one operand as `ccac diff` reads it, or several paths. */
export type GraphSources = { operand: Operand } | { paths: string[] };

/** One operand (path, rev:N, live, git:REF[:PATH]), or several paths; a problem otherwise. */
export function parseGraphSources(sources: readonly string[]): GraphSources | { problem: string } {
  if (sources.length === 1) return parseOperand(sources[0]!);
  for (const source of sources) {
    const parsed = parseOperand(source);
    if ('problem' in parsed) return parsed;
    if (parsed.operand.type !== 'path')
      return { problem: `${source} cannot be combined with other sources: give it alone` };
  }
  return { paths: [...sources] };
}

/** Whether the sources are read from the store (rev:N, live): only then is the store opened. */
export function graphNeedsStore(sources: GraphSources): boolean {
  return 'operand' in sources && needsStore(sources.operand);
}

/**
 * `ccac graph`: the routing pictures of the sources' tenants (or only `tenants`), agents collapsed
 * when many; `failed` when the sources cannot be read or a named tenant is not in them.
 */
export async function graph(
  sources: GraphSources,
  request: { tenants: readonly string[]; described: string; cwd: string },
  store: SqlStateStore | undefined,
): Promise<{ graphs: TenantGraph[] } | { failed: readonly Diagnostic[] }> {
  const loaded = await loadGraphSource(sources, request.cwd, store);
  if (hasErrors(loaded.diagnostics)) return { failed: loaded.diagnostics };
  if (request.tenants.length > 0) {
    const where = `in ${request.described}`;
    const unknown = unknownTenants(request.tenants, loaded.model.tenantNames(), where);
    if (unknown.length > 0) return { failed: unknown };
  }
  const graphs = buildRoutingGraph(loaded.model, request.tenants).map((g) => collapseAgents(g));
  return { graphs };
}

async function loadGraphSource(
  sources: GraphSources,
  cwd: string,
  store: SqlStateStore | undefined,
): Promise<LoadedOperand> {
  if ('operand' in sources) return loadOperand(sources.operand, { cwd, store });
  const checked = await loadWholeConfig(sources.paths);
  return {
    model: checked.desired,
    diagnostics: checked.diagnostics.filter(isLoadProblem),
  };
}
