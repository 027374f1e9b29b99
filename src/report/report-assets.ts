/** The page's only stylesheet and script, inlined: the report opens offline, fetches nothing. */

export const REPORT_CSS = `
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 32px 0 12px; font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 0 0 8px; font-size: 16px; }
h4 { margin: 12px 0 6px; font-size: 14px; font-weight: 600; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; max-height: 400px; overflow: auto; }
[hidden] { display: none !important; }
.meta { color: var(--muted); margin: 0; }
.none { color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.number { text-align: right; }
.chain-ok { color: #1a7f37; font-weight: 600; }
.chain-broken { color: #cf222e; font-weight: 600; }
.push-converged { color: #1a7f37; font-weight: 600; }
.push-failed, .push-running { color: #cf222e; font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin-bottom: 16px; }
.filters label { display: flex; gap: 6px; align-items: center; }
.revision { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin-bottom: 16px; }
/* Revisions off screen are not laid out until scrolled to: thousands of changes open at once. */
.revision { content-visibility: auto; contain-intrinsic-size: auto 600px; }
.revision dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 4px 16px; margin: 0; }
.revision dl div { display: flex; gap: 8px; min-width: 0; }
.revision dt { color: var(--muted); flex: none; }
.revision dd { margin: 0; min-width: 0; }
.scope-revision { color: var(--muted); font-weight: normal; font-size: 14px; }
.digest { font-size: 11px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; }
.badge-create { background: #1a7f37; }
.badge-update { background: #9a6700; }
.badge-delete { background: #cf222e; }
.count-create { color: #1a7f37; } .count-update { color: #9a6700; } .count-delete { color: #cf222e; }
.kinds { width: auto; margin: 12px 0 4px; }
.kinds td, .kinds th { padding: 2px 10px; }
.more { margin: 8px 0 0; color: var(--muted); }
.undrawn { color: var(--muted); }
.fields td.path { width: 28%; }
.fields td.before, .fields td.after { width: 36%; }
tr.field-added td.after, tr.field-changed td.after { background: #dafbe1; }
tr.field-removed td.before, tr.field-changed td.before { background: #ffebe9; }
.cut { color: var(--muted); font-style: italic; }
.graph { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px; margin-bottom: 16px; overflow-x: auto; }
.graph summary { cursor: pointer; }
.graph summary h3 { display: inline; margin: 0 8px 0 0; }
svg.routing text { font: 12px system-ui, sans-serif; fill: #1f2328; }
svg.routing text.column-title { font-weight: 600; fill: #57606a; }
svg.routing .edge { fill: none; stroke: #8c959f; stroke-width: 1.2; }
svg.routing .edge-outdial { stroke-dasharray: 5 3; }
svg.routing rect { stroke-width: 1.2; }
.node-number rect { fill: #f1f5f9; stroke: #475569; }
.node-campaign rect { fill: #fce7f3; stroke: #be185d; }
.node-entryPoint rect { fill: #dbeafe; stroke: #1d4ed8; }
.node-flow rect { fill: #ede9fe; stroke: #6d28d9; }
.node-businessHours rect { fill: #fef9c3; stroke: #a16207; }
.node-queue rect { fill: #dcfce7; stroke: #15803d; }
.node-team rect { fill: #ffedd5; stroke: #c2410c; }
.node-agent rect { fill: #ffffff; stroke: #64748b; }
.node-agents rect { fill: #ffffff; stroke: #64748b; stroke-dasharray: 4 3; }
`;

/**
 * Filters by tenant, actor and kind over data attributes: a revision shows when its tenant and
 * actor match and, with a kind chosen, it changed that kind (`data-kinds`: all it changed, shown
 * or not); its changes and counts of other kinds hide. A tenant chosen shows its picture alone,
 * unfolded, or the command that draws it, and its pushes alone.
 */
export const REPORT_SCRIPT = `
(function () {
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  function update() {
    var f = {};
    selects.forEach(function (s) { f[s.getAttribute('data-filter')] = s.value; });
    var shown = 0, total = 0;
    document.querySelectorAll('article.revision').forEach(function (rev) {
      total++;
      var visible = (!f.tenant || rev.getAttribute('data-tenant') === f.tenant) &&
        (!f.actor || rev.getAttribute('data-actor') === f.actor) &&
        (!f.kind || rev.getAttribute('data-kinds').split(' ').indexOf(f.kind) >= 0);
      if (visible) rev.querySelectorAll('[data-kind]').forEach(function (item) {
        item.hidden = !!f.kind && item.getAttribute('data-kind') !== f.kind;
      });
      rev.hidden = !visible;
      if (visible) shown++;
    });
    document.querySelectorAll('[data-graph-tenant]').forEach(function (graph) {
      var chosen = graph.getAttribute('data-graph-tenant') === f.tenant;
      graph.hidden = graph.hasAttribute('data-undrawn') ? !chosen : !!f.tenant && !chosen;
      var picture = graph.querySelector('details');
      if (chosen && picture) picture.open = true;
    });
    document.querySelectorAll('[data-push-tenant]').forEach(function (row) {
      row.hidden = !!f.tenant && row.getAttribute('data-push-tenant') !== f.tenant;
    });
    document.getElementById('shown-count').textContent = shown + ' of ' + total + ' revisions shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', update); });
  update();
})();
`;
