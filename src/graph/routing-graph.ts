/** What the routing picture is made of: one graph per tenant, nodes keyed `type:name`. */

/** In the order the picture reads, left to right: how a contact arrives, then where it goes. */
export const NODE_TYPES = [
  'number',
  'campaign',
  'entryPoint',
  'flow',
  'businessHours',
  'queue',
  'team',
  'agent',
  'agents',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];

export interface GraphNode {
  /** `type:name`, unique within a tenant. */
  key: string;
  type: NodeType;
  name: string;
  /** What the picture shows: the name, or "12 agents" for a collapsed agent list. */
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** Which reference an entry point uses a queue by: `queue` or `outdial`. */
  label?: string;
}

export interface TenantGraph {
  tenant: string;
  /** Sorted by type (NODE_TYPES order), then name. */
  nodes: GraphNode[];
  /** Sorted by source node, then target node, then label. */
  edges: GraphEdge[];
}

export function nodeKey(type: NodeType, name: string): string {
  return `${type}:${name}`;
}

/** Nodes in picture order and edges in node order: the same graph always renders the same text. */
export function sortedGraph(
  tenant: string,
  nodes: Iterable<GraphNode>,
  edges: Iterable<GraphEdge>,
): TenantGraph {
  const sortedNodes = [...nodes].sort(
    (a, b) => NODE_TYPES.indexOf(a.type) - NODE_TYPES.indexOf(b.type) || compare(a.name, b.name),
  );
  const position = new Map(sortedNodes.map((node, i) => [node.key, i]));
  const unique = new Map<string, GraphEdge>();
  for (const edge of edges)
    unique.set(`${edge.from}\u0000${edge.to}\u0000${edge.label ?? ''}`, edge);
  const sortedEdges = [...unique.values()].sort(
    (a, b) =>
      position.get(a.from)! - position.get(b.from)! ||
      position.get(a.to)! - position.get(b.to)! ||
      compare(a.label ?? '', b.label ?? ''),
  );
  return { tenant, nodes: sortedNodes, edges: sortedEdges };
}

/** Code-unit order, not locale order: the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
