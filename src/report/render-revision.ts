import { GLOBAL_SCOPE } from '../model/address.js';
import { normalizeEmail } from '../model/names.js';
import { escapeHtml } from './escape-html.js';
import { renderChange } from './render-change.js';
import type { ReportRevision } from './report-data.js';

/** How a scope is named to people: organizations have no tenant. */
export function scopeName(scope: string): string {
  return scope === GLOBAL_SCOPE ? '(organizations)' : scope;
}

/**
 * One revision: a header with everything recorded about it, then its changes. The data
 * attributes are what the page's filters match on.
 */
export function renderRevision(revision: ReportRevision): string {
  const kinds = [...new Set(revision.changes.map((change) => change.kind))].sort();
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
    `<article class="revision" id="revision-${revision.id}" data-tenant="${escapeHtml(revision.scope)}" ` +
    `data-actor="${escapeHtml(normalizeEmail(revision.actor))}" data-kinds="${escapeHtml(kinds.join(' '))}">` +
    `<header><h3>Revision ${revision.id} <span class="scope-revision">${escapeHtml(scopeName(revision.scope))} #${revision.revision}</span></h3>` +
    `<dl>${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl></header>` +
    `<div class="changes">${revision.changes.map(renderChange).join('')}</div>` +
    '</article>'
  );
}

function code(text: string): string {
  return `<code class="digest">${escapeHtml(text)}</code>`;
}
