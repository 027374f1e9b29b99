import type { TenantGraph } from '../graph/routing-graph.js';
import { escapeHtml } from './escape-html.js';
import { COLUMN_TITLES, LAYOUT, layoutGraph } from './layout-graph.js';

/** Past this, a label is cut with an ellipsis; the whole name is in the node's tooltip. */
const LABEL_CHARS = 28;

const TYPE_NAME = {
  number: 'Number',
  campaign: 'Campaign',
  entryPoint: 'Entry point',
  flow: 'Flow',
  businessHours: 'Business hours',
  queue: 'Queue',
  team: 'Team',
  agent: 'Agent',
  agents: 'Agents',
} as const;

/** A tenant's routing picture as inline SVG: no script, no fonts or images to fetch. */
export function renderGraphSvg(graph: TenantGraph): string {
  const layout = layoutGraph(graph);
  const { nodeWidth: w, nodeHeight: h } = LAYOUT;
  const titles = COLUMN_TITLES.map(
    (title, c) =>
      `<text class="column-title" x="${LAYOUT.margin + c * (w + LAYOUT.columnGap)}" y="16">${escapeHtml(title)}</text>`,
  );
  const edges = layout.edges.map(({ edge, from, to }) => {
    const x1 = from.x + w;
    const y1 = from.y + h / 2;
    const x2 = to.x;
    const y2 = to.y + h / 2;
    const bend = (x2 - x1) / 2;
    const kind = edge.label === 'outdial' ? ' edge-outdial' : '';
    return `<path class="edge${kind}" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}"/>`;
  });
  const nodes = layout.nodes.map(({ node, x, y }) => {
    const label =
      node.label.length > LABEL_CHARS ? `${node.label.slice(0, LABEL_CHARS - 1)}…` : node.label;
    const title = `${TYPE_NAME[node.type]}: ${node.type === 'agents' ? node.label : node.name}`;
    return (
      `<g class="node node-${node.type}" transform="translate(${x} ${y})">` +
      `<title>${escapeHtml(title)}</title><rect width="${w}" height="${h}" rx="6"/>` +
      `<text x="8" y="${h / 2 + 4}">${escapeHtml(label)}</text></g>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="routing" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeHtml(`Routing picture of ${graph.tenant}`)}">`,
    ...titles,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
