import { scopeName } from '../model/address.js';
import { normalizeEmail } from '../model/names.js';
import { escapeHtml } from './escape-html.js';
import { renderChange } from './render-change.js';
import type { ReportRevision } from './report-data.js';

/**
 * One revision: a header with everything recorded about it, then its changes. A revision with
 * more changes than are shown has its changes counted per kind and action, then its first
 * changes and the command that lists them all. The data attributes are what the page's filters
 * match on: its kinds are all it changed, shown or not.
 */
export function renderRevision(revision: ReportRevision): string {
  const kinds = revision.kinds.map((count) => count.kind).sort();
  const total = revision.kinds.reduce((sum, c) => sum + c.create + c.update + c.delete, 0);
  const more = total - revision.changes.length;
  const { create, update, delete: deleted } = revision.counts;
  const facts: [string, string][] = [
    ['time', `<time>${escapeHtml(revision.createdAt)}</time>`],
    ['tenant', escapeHtml(scopeName(revision.scope))],
    ['actor', escapeHtml(revision.actor)],
    ['role', escapeHtml(revision.actorRole)],
    [
      'changes',
      `<span class="count-create">+${create}</span> <span class="count-update">~${update}</span> <span class="count-delete">−${deleted}</span>`,
    ],
    ['config digest', code(revision.configDigest)],
    ['plan digest', code(revision.planDigest)],
    [
      'git commit',
      revision.gitCommit === null ? '<span class="none">—</span>' : code(revision.gitCommit),
    ],
    ['hash', code(revision.hash)],
    [
      'previous hash',
      revision.prevHash === null ? '<span class="none">— (first)</span>' : code(revision.prevHash),
    ],
  ];
  return (
    `<article class="revision" id="revision-${revision.id}" data-tenant="${escapeHtml(scopeName(revision.scope))}" ` +
    `data-actor="${escapeHtml(normalizeEmail(revision.actor))}" data-kinds="${escapeHtml(kinds.join(' '))}">` +
    `<header><h3>Revision ${revision.id} <span class="scope-revision">${escapeHtml(scopeName(revision.scope))} #${revision.revision}</span></h3>` +
    `<dl>${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl></header>` +
    (more > 0 ? renderKindCounts(revision) : '') +
    `<div class="changes">${revision.changes.map(renderChange).join('')}</div>` +
    (more > 0
      ? `<p class="more">… ${more} more ${more === 1 ? 'change' : 'changes'}: <code>ccac history show ${revision.id}</code></p>`
      : '') +
    '</article>'
  );
}

/** A row per kind: how many of each action, and how many of them are shown below. */
function renderKindCounts({ kinds, changes }: ReportRevision): string {
  const rows = kinds.map((count) => {
    const shown = changes.filter((change) => change.kind === count.kind).length;
    const cells = [count.create, count.update, count.delete, shown]
      .map((n) => `<td class="number">${n}</td>`)
      .join('');
    return `<tr data-kind="${escapeHtml(count.kind)}"><td>${escapeHtml(count.kind)}</td>${cells}</tr>`;
  });
  return (
    '<table class="kinds"><thead><tr><th>kind</th><th>created</th><th>updated</th><th>deleted</th><th>shown</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function code(text: string): string {
  return `<code class="digest">${escapeHtml(text)}</code>`;
}
