import type { NodeType, TenantGraph } from './routing-graph.js';

const NODE_ATTRIBUTES: Record<NodeType, string> = {
  number: 'shape=cds, style=filled, fillcolor="#f1f5f9"',
  campaign: 'shape=hexagon, style=filled, fillcolor="#fce7f3"',
  entryPoint: 'shape=box, style="rounded,filled", fillcolor="#dbeafe"',
  flow: 'shape=component, style=filled, fillcolor="#ede9fe"',
  businessHours: 'shape=parallelogram, style=filled, fillcolor="#fef9c3"',
  queue: 'shape=cylinder, style=filled, fillcolor="#dcfce7"',
  team: 'shape=folder, style=filled, fillcolor="#ffedd5"',
  agent: 'shape=ellipse',
  agents: 'shape=ellipse, style=dashed',
};

/** Graphviz `digraph`, one cluster per tenant; ids are `tenant/type:name`, always quoted. */
export function renderDot(graphs: readonly TenantGraph[]): string {
  const lines = ['digraph routing {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const graph of graphs) {
    const id = (key: string) => dotString(`${graph.tenant}/${key}`);
    lines.push(`  subgraph ${dotString(`cluster_${graph.tenant}`)} {`);
    lines.push(`    label=${dotString(graph.tenant)};`);
    for (const node of graph.nodes)
      lines.push(
        `    ${id(node.key)} [label=${dotString(node.label)}, ${NODE_ATTRIBUTES[node.type]}];`,
      );
    for (const edge of graph.edges) {
      const label = edge.label === undefined ? '' : ` [label=${dotString(edge.label)}]`;
      lines.push(`    ${id(edge.from)} -> ${id(edge.to)}${label};`);
    }
    lines.push('  }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}
