import { KINDS } from '../model/kinds.js';
import { normalizeEmail } from '../model/names.js';
import { compare } from '../graph/routing-graph.js';
import { escapeHtml } from './escape-html.js';
import { REPORT_CSS, REPORT_SCRIPT } from './report-assets.js';
import { renderChains } from './render-chains.js';
import { renderGraphSvg } from './render-graph-svg.js';
import { renderRevision, scopeName } from './render-revision.js';
import type { ReportData } from './report-data.js';

/**
 * The audit report: one HTML file with its style and script inline and a policy that forbids
 * fetching anything, so it opens offline and leaks nothing. Every user string is escaped.
 * Deterministic but for the "generated at" line.
 */
export function renderReport(data: ReportData): string {
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
<h2>Routing picture (stored state)</h2>
${renderGraphs(data)}
<h2>Revisions, newest first</h2>
${renderFilters(data)}
<div id="revisions">
${data.revisions.map(renderRevision).join('\n') || '<p class="none">No revisions recorded.</p>'}
</div>
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function describeTenants(tenants: readonly string[]): string {
  return tenants.length === 0 ? 'All tenants' : `Tenants: ${[...tenants].sort(compare).join(', ')}`;
}

function renderGraphs(data: ReportData): string {
  if (data.graphs.length === 0) return '<p class="none">No tenants stored.</p>';
  return data.graphs
    .map(
      (graph) =>
        `<section class="graph" data-graph-tenant="${escapeHtml(graph.tenant)}"><h3>${escapeHtml(graph.tenant)}</h3>` +
        (graph.nodes.length === 0
          ? '<p class="none">No routing resources stored.</p>'
          : renderGraphSvg(graph)) +
        '</section>',
    )
    .join('\n');
}

function renderFilters(data: ReportData): string {
  const tenants = distinct(data.revisions.map((r) => r.scope)).map((s) => [s, scopeName(s)]);
  // One actor however a revision spelt them (case, spaces), as render-revision's data-actor.
  const actors = distinct(data.revisions.map((r) => normalizeEmail(r.actor))).map((a) => [a, a]);
  const present = new Set(data.revisions.flatMap((r) => r.changes.map((c) => c.kind)));
  const kinds = KINDS.filter((kind) => present.has(kind)).map((k) => [k, k]);
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
