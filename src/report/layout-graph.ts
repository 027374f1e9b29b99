import type { GraphEdge, GraphNode, NodeType, TenantGraph } from '../graph/routing-graph.js';

/** Left to right, as a contact travels: how it arrives, the entry point, where it goes, who answers. */
const COLUMN: Record<NodeType, number> = {
  number: 0,
  campaign: 0,
  entryPoint: 1,
  flow: 2,
  queue: 2,
  businessHours: 3,
  team: 3,
  agent: 3,
  agents: 3,
};

export const COLUMN_TITLES = [
  'Numbers and campaigns',
  'Entry points',
  'Flows and queues',
  'Hours, teams, agents',
];

export const LAYOUT = {
  nodeWidth: 210,
  nodeHeight: 26,
  columnGap: 70,
  rowGap: 8,
  /** Room for the column titles above the first row. */
  top: 30,
  margin: 10,
} as const;

export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: { edge: GraphEdge; from: PlacedNode; to: PlacedNode }[];
}

/**
 * A layered layout with no measuring and no randomness: a column per node type, entry points
 * by name, and every other column ordered by the mean row of the nodes it links to in the
 * column next to it (its entry points, flows or queues), which keeps most edges short.
 */
export function layoutGraph(graph: TenantGraph): GraphLayout {
  const columns: GraphNode[][] = [[], [], [], []];
  for (const node of graph.nodes) columns[COLUMN[node.type]]!.push(node);
  const row = new Map<string, number>();
  const place = (column: GraphNode[]) => column.forEach((node, i) => row.set(node.key, i));
  place(columns[1]!);
  columns[0] = byNeighbourRow(columns[0]!, graph.edges, row, 'to');
  place(columns[0]);
  for (const c of [2, 3]) {
    columns[c] = byNeighbourRow(columns[c]!, graph.edges, row, 'from');
    place(columns[c]);
  }
  const placed = new Map<string, PlacedNode>();
  columns.forEach((column, c) =>
    column.forEach((node, r) =>
      placed.set(node.key, {
        node,
        x: LAYOUT.margin + c * (LAYOUT.nodeWidth + LAYOUT.columnGap),
        y: LAYOUT.top + r * (LAYOUT.nodeHeight + LAYOUT.rowGap),
      }),
    ),
  );
  const rows = Math.max(1, ...columns.map((column) => column.length));
  return {
    width: 2 * LAYOUT.margin + 4 * LAYOUT.nodeWidth + 3 * LAYOUT.columnGap,
    height: LAYOUT.top + rows * (LAYOUT.nodeHeight + LAYOUT.rowGap) + LAYOUT.margin,
    nodes: [...placed.values()],
    edges: graph.edges.map((edge) => ({
      edge,
      from: placed.get(edge.from)!,
      to: placed.get(edge.to)!,
    })),
  };
}

/** Stable sort by the mean row of linked nodes already placed; unlinked nodes keep their order, last. */
function byNeighbourRow(
  column: readonly GraphNode[],
  edges: readonly GraphEdge[],
  row: ReadonlyMap<string, number>,
  neighbourEnd: 'from' | 'to',
): GraphNode[] {
  const own = neighbourEnd === 'from' ? 'to' : 'from';
  const rows = new Map<string, number[]>();
  for (const edge of edges) {
    const r = row.get(edge[neighbourEnd]);
    if (r === undefined) continue;
    const list = rows.get(edge[own]) ?? [];
    list.push(r);
    rows.set(edge[own], list);
  }
  const mean = (node: GraphNode) => {
    const list = rows.get(node.key);
    return list ? list.reduce((a, b) => a + b, 0) / list.length : Number.POSITIVE_INFINITY;
  };
  const keyed = column.map((node, i) => ({ node, i, mean: mean(node) }));
  keyed.sort((a, b) => (a.mean === b.mean ? a.i - b.i : a.mean < b.mean ? -1 : 1));
  return keyed.map(({ node }) => node);
}
