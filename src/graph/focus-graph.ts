import type { Kind } from '../model/kinds.js';
import {
  nodeKey,
  sortedGraph,
  type GraphEdge,
  type NodeType,
  type TenantGraph,
} from './routing-graph.js';

/** The node a changed resource is drawn as; kinds outside the picture have none. */
const NODE_OF_KIND: Partial<Record<Kind, NodeType>> = {
  EntryPoint: 'entryPoint',
  Flow: 'flow',
  BusinessHours: 'businessHours',
  Queue: 'queue',
  Team: 'team',
  User: 'agent',
  Campaign: 'campaign',
};

export interface FocusTarget {
  tenant: string | null;
  kind: Kind;
  name: string;
}

/** Node keys per tenant of the resources a plan changes. */
export function focusKeys(targets: readonly FocusTarget[]): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const { tenant, kind, name } of targets) {
    const type = NODE_OF_KIND[kind];
    if (tenant === null || type === undefined) continue;
    const set = keys.get(tenant) ?? new Set<string>();
    set.add(nodeKey(type, name));
    keys.set(tenant, set);
  }
  return keys;
}

/** Both sides of a change in one picture: nodes and edges of either graph of a tenant. */
export function mergeGraphs(a: TenantGraph, b: TenantGraph): TenantGraph {
  const nodes = new Map(b.nodes.map((node) => [node.key, node]));
  for (const node of a.nodes) nodes.set(node.key, node);
  return sortedGraph(a.tenant, nodes.values(), [...a.edges, ...b.edges]);
}

/**
 * Only the focused nodes, their direct neighbours and the edges that touch a focused node:
 * what a reviewer needs to see of a change, without the rest of the tenant.
 */
export function focusGraph(graph: TenantGraph, focus: ReadonlySet<string>): TenantGraph {
  const edges: GraphEdge[] = graph.edges.filter((e) => focus.has(e.from) || focus.has(e.to));
  const keep = new Set([...focus, ...edges.flatMap((e) => [e.from, e.to])]);
  return sortedGraph(
    graph.tenant,
    graph.nodes.filter((node) => keep.has(node.key)),
    edges,
  );
}
