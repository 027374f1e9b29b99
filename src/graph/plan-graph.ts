import type { Model } from '../model/model.js';
import { buildRoutingGraph } from './build-routing-graph.js';
import { collapseAgents } from './collapse-agents.js';
import { focusGraph, focusKeys, mergeGraphs, type FocusTarget } from './focus-graph.js';
import { renderMermaid } from './render-mermaid.js';

/**
 * The routing paths a plan touches, as Mermaid: each changed node with its direct neighbours,
 * from the desired and the stored side (a removed link shows as well as an added one).
 * Undefined when no change is part of the routing picture.
 */
export function planRoutingMermaid(
  changes: readonly FocusTarget[],
  desired: Model,
  stored: Model,
): string | undefined {
  const keys = focusKeys(changes);
  if (keys.size === 0) return undefined;
  const tenants = [...keys.keys()];
  const desiredGraphs = buildRoutingGraph(desired, tenants);
  const storedGraphs = buildRoutingGraph(stored, tenants);
  const graphs = desiredGraphs
    .map((graph, i) => mergeGraphs(graph, storedGraphs[i]!))
    .map((graph) => collapseAgents(focusGraph(graph, keys.get(graph.tenant)!)))
    .filter((graph) => graph.nodes.length > 0);
  return graphs.length > 0 ? renderMermaid(graphs, { highlight: keys }) : undefined;
}
