import { scopeName } from '../model/address.js';
import { normalizeEmail } from '../model/names.js';
import { compare, type NodeType, type TenantGraph } from '../graph/routing-graph.js';
import { escapeHtml } from './escape-html.js';
import { REPORT_CSS, REPORT_SCRIPT } from './report-assets.js';
import { renderChains } from './render-chains.js';
import { renderGraphSvg } from './render-graph-svg.js';
import { renderPushes } from './render-pushes.js';
import { renderRevision } from './render-revision.js';
import type { ReportData, ReportRevision } from './report-data.js';

/**
 * The audit report: one HTML file with its style and script inline and a policy that forbids
 * fetching anything, so it opens offline and leaks nothing. Every user string is escaped.
 * Deterministic but for the "generated at" line. Made a piece at a time — the page's head, then
 * a revision at a time as they are read — so no page is ever held whole.
 */
export async function* renderReport(
  data: ReportData,
  revisions: AsyncIterable<ReportRevision>,
): AsyncGenerator<string> {
  yield renderTop(data);
  let none = true;
  for await (const revision of revisions) {
    yield `${renderRevision(revision)}\n`;
    none = false;
  }
  if (none) yield '<p class="none">No revisions recorded.</p>\n';
  yield `</div>
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** Everything before the first revision. */
function renderTop(data: ReportData): string {
  const scopes = data.chains.length;
  const count = data.revisions.length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ccac audit report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>ccac audit report</h1>
<p class="meta">${escapeHtml(describeTenants(data.tenants))} · ${count} ${count === 1 ? 'revision' : 'revisions'} in ${scopes} ${scopes === 1 ? 'scope' : 'scopes'}</p>
<p class="meta" id="generated-at">Generated at ${escapeHtml(data.generatedAt)}</p>
<h2>Hash chains</h2>
${renderChains(data.chains)}
<h2>Pushes to Webex</h2>
${renderPushes(data.pushes)}
<h2>Routing picture (stored state)</h2>
${renderGraphs(data)}
<h2>Revisions, newest first</h2>
${renderFilters(data)}
<div id="revisions">
`;
}

function describeTenants(tenants: readonly string[]): string {
  return tenants.length === 0
    ? 'All tenants'
    : `Tenants: ${tenants.map(scopeName).sort(compare).join(', ')}`;
}

/** Past this many pictures, each starts folded: the revisions should not be pages away. */
const OPEN_PICTURES = 3;
/** A picture with more boxes than this would not be read here: `ccac graph` draws it. */
const DRAWN_BOXES = 400;

/**
 * A section per tenant read, its picture folded when there are many; then the tenants not read
 * and how to draw them. Each of those has a section too, shown when the tenant filter picks it.
 */
function renderGraphs({ graphs, undrawn }: ReportData): string {
  if (graphs.length === 0 && undrawn.length === 0) return '<p class="none">No tenants stored.</p>';
  const open = graphs.length <= OPEN_PICTURES ? ' open' : '';
  const drawn = graphs.map(
    (graph) =>
      `<section class="graph" data-graph-tenant="${escapeHtml(graph.tenant)}"><details${open}>` +
      `<summary><h3>${escapeHtml(graph.tenant)}</h3> <span class="meta">${escapeHtml(describeGraph(graph))}</span></summary>` +
      renderPicture(graph) +
      '</details></section>',
  );
  const pointers = undrawn.map(
    (tenant) =>
      `<section class="graph" data-graph-tenant="${escapeHtml(tenant)}" data-undrawn hidden><h3>${escapeHtml(tenant)}</h3>` +
      `<p class="none">Not drawn in this report: ${drawCommand(tenant)}</p></section>`,
  );
  const note =
    undrawn.length === 0
      ? []
      : [
          `<p class="undrawn">Not drawn here: ${undrawn.length} more ${undrawn.length === 1 ? 'tenant' : 'tenants'} ` +
            `(this page draws the ${graphs.length} changed last). Any tenant's picture: ${drawCommand('NAME')}.</p>`,
        ];
  return [...drawn, ...note, ...pointers].join('\n');
}

function renderPicture(graph: TenantGraph): string {
  const boxes = graph.nodes.length;
  if (boxes === 0) return '<p class="none">No routing resources stored.</p>';
  if (boxes > DRAWN_BOXES)
    return `<p class="none">${boxes} boxes, too many to read here: ${drawCommand(graph.tenant)}</p>`;
  return renderGraphSvg(graph);
}

function drawCommand(tenant: string): string {
  return `<code>ccac graph live --tenant ${escapeHtml(tenant)}</code>`;
}

const TYPE_PLURALS: [NodeType, string, string][] = [
  ['entryPoint', 'entry point', 'entry points'],
  ['flow', 'flow', 'flows'],
  ['queue', 'queue', 'queues'],
  ['campaign', 'campaign', 'campaigns'],
];

/** What the folded picture holds: "20 entry points · 15 flows · 30 queues". */
function describeGraph(graph: TenantGraph): string {
  return TYPE_PLURALS.flatMap(([type, one, many]) => {
    const n = graph.nodes.filter((node) => node.type === type).length;
    return n === 0 ? [] : [`${n} ${n === 1 ? one : many}`];
  }).join(' · ');
}

function renderFilters(data: ReportData): string {
  const tenants = distinct(data.revisions.map((r) => scopeName(r.scope))).map((s) => [s, s]);
  // One actor however a revision spelt them (case, spaces), as render-revision's data-actor.
  const actors = distinct(data.revisions.map((r) => normalizeEmail(r.actor))).map((a) => [a, a]);
  const kinds = data.kinds.map((k) => [k, k]);
  const select = (name: string, label: string, options: string[][]) =>
    `<label>${label} <select id="filter-${name}" data-filter="${name}"><option value="">all</option>` +
    options
      .map(([value, text]) => `<option value="${escapeHtml(value!)}">${escapeHtml(text!)}</option>`)
      .join('') +
    '</select></label>';
  const count = data.revisions.length;
  return (
    '<div class="filters">' +
    select('tenant', 'Tenant', tenants) +
    select('actor', 'Actor', actors) +
    select('kind', 'Kind', kinds) +
    `<span id="shown-count">${count} of ${count} revisions shown</span></div>`
  );
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}
