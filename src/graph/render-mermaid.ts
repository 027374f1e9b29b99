import { mermaidNodeId, mermaidTenantId } from './node-id.js';
import type { NodeType, TenantGraph } from './routing-graph.js';

/** Node shapes by type: `open` + quoted label + `close`. */
const SHAPE: Record<NodeType, [string, string]> = {
  number: ['>', ']'],
  campaign: ['{{', '}}'],
  entryPoint: ['([', '])'],
  flow: ['[[', ']]'],
  businessHours: ['[/', '/]'],
  queue: ['[(', ')]'],
  team: ['(', ')'],
  agent: ['[', ']'],
  agents: ['[', ']'],
};

const CLASS_STYLE: Record<NodeType, string> = {
  number: 'fill:#f1f5f9,stroke:#475569',
  campaign: 'fill:#fce7f3,stroke:#be185d',
  entryPoint: 'fill:#dbeafe,stroke:#1d4ed8',
  flow: 'fill:#ede9fe,stroke:#6d28d9',
  businessHours: 'fill:#fef9c3,stroke:#a16207',
  queue: 'fill:#dcfce7,stroke:#15803d',
  team: 'fill:#ffedd5,stroke:#c2410c',
  agent: 'fill:#ffffff,stroke:#64748b',
  agents: 'fill:#ffffff,stroke:#64748b,stroke-dasharray:4 3',
};

export interface MermaidOptions {
  /** Per tenant, node keys drawn with a heavy outline (what a plan changes). */
  highlight?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** `flowchart LR` with one subgraph per tenant; every name quoted and escaped, ids encoded. */
export function renderMermaid(
  graphs: readonly TenantGraph[],
  options: MermaidOptions = {},
): string {
  const lines = ['flowchart LR'];
  const used = new Set<NodeType>();
  for (const graph of graphs) {
    const id = nodeIds(graph);
    lines.push(`  subgraph ${mermaidTenantId(graph.tenant)} ["${mermaidText(graph.tenant)}"]`);
    for (const node of graph.nodes) {
      used.add(node.type);
      const [open, close] = SHAPE[node.type];
      lines.push(`    ${id(node.key)}${open}"${mermaidText(node.label)}"${close}:::${node.type}`);
    }
    for (const edge of graph.edges) {
      const arrow = edge.label === undefined ? '-->' : `-->|${mermaidText(edge.label)}|`;
      lines.push(`    ${id(edge.from)} ${arrow} ${id(edge.to)}`);
    }
    lines.push('  end');
  }
  for (const type of Object.keys(CLASS_STYLE) as NodeType[])
    if (used.has(type)) lines.push(`  classDef ${type} ${CLASS_STYLE[type]}`);
  for (const graph of graphs) {
    const id = nodeIds(graph);
    const present = new Set(graph.nodes.map((node) => node.key));
    for (const key of [...(options.highlight?.get(graph.tenant) ?? [])].sort())
      if (present.has(key)) lines.push(`  style ${id(key)} stroke:#d97706,stroke-width:4px`);
  }
  return `${lines.join('\n')}\n`;
}

/** Node key → Mermaid id, for one tenant's graph. */
function nodeIds(graph: TenantGraph): (key: string) => string {
  const ids = new Map(
    graph.nodes.map((node) => [node.key, mermaidNodeId(graph.tenant, node.type, node.name)]),
  );
  return (key) => ids.get(key)!;
}

/**
 * Text inside a quoted Mermaid label: quotes, angle brackets, `#`, `&` and backticks as Mermaid
 * entity codes, so a name can neither end the label nor be read as HTML or markdown.
 */
export function mermaidText(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ').replace(/[#"<>&`]/g, (char) => ENTITY[char]!);
}

const ENTITY: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '`': '#96;',
};
