import {
  nodeKey,
  sortedGraph,
  type GraphEdge,
  type GraphNode,
  type TenantGraph,
} from './routing-graph.js';

/** Past this many agents, a queue's agents are drawn as one "N agents" node. */
export const AGENT_THRESHOLD = 10;

/**
 * A queue with more than `threshold` agents points at one "N agents" node instead: a picture
 * with 500 agent boxes shows nothing. Agents no longer linked from anywhere are dropped; agents
 * that a smaller queue still lists stay.
 */
export function collapseAgents(graph: TenantGraph, threshold = AGENT_THRESHOLD): TenantGraph {
  const agents = new Set(graph.nodes.filter((n) => n.type === 'agent').map((n) => n.key));
  const agentCount = new Map<string, number>();
  for (const edge of graph.edges)
    if (agents.has(edge.to)) agentCount.set(edge.from, (agentCount.get(edge.from) ?? 0) + 1);
  const crowded = [...agentCount].filter(([, count]) => count > threshold);
  if (crowded.length === 0) return graph;

  const collapsing = new Set(crowded.map(([from]) => from));
  const edges: GraphEdge[] = graph.edges.filter(
    (edge) => !(agents.has(edge.to) && collapsing.has(edge.from)),
  );
  const nodes: GraphNode[] = [...graph.nodes];
  for (const [from, count] of crowded) {
    const key = nodeKey('agents', from);
    nodes.push({ key, type: 'agents', name: from, label: `${count} agents` });
    edges.push({ from, to: key });
  }
  const linked = new Set(edges.map((edge) => edge.to));
  const kept = nodes.filter((node) => node.type !== 'agent' || linked.has(node.key));
  return sortedGraph(graph.tenant, kept, edges);
}
