import { callsLine, pushResourcesText, pushResultText } from './push-summary.js';
import type { PushRecord } from '../model/push-record.js';
import { escapeHtml } from './escape-html.js';

/**
 * A row per push to Webex, newest first: tenant, push number, the revision it carried, who, when,
 * how it ended (an interrupted one says so), the requests by outcome and the resources by what
 * happened to them. The tenant filter hides other tenants' rows.
 */
export function renderPushes(pushes: readonly PushRecord[]): string {
  if (pushes.length === 0) return '<p class="none">No push to Webex recorded.</p>';
  const latest = new Map<string, number>();
  for (const p of pushes) latest.set(p.scope, Math.max(p.push, latest.get(p.scope) ?? 0));
  const rows = [...pushes]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.scope.localeCompare(b.scope))
    .map((p) => {
      const result = pushResultText(p, latest.get(p.scope) === p.push);
      const cells = [
        escapeHtml(p.scope),
        `${p.push}`,
        `${p.revision}`,
        `${escapeHtml(p.actor)} <span class="meta">(${escapeHtml(p.actorRole)})</span>`,
        `${escapeHtml(p.startedAt)}${p.finishedAt ? ` → ${escapeHtml(p.finishedAt)}` : ''}`,
        `<span class="push-${p.result}">${escapeHtml(result)}</span>`,
        p.calls ? escapeHtml(callsLine(p.calls)) : '',
        escapeHtml(pushResourcesText(p.resources)),
      ];
      return (
        `<tr data-push-tenant="${escapeHtml(p.scope)}" data-push-result="${escapeHtml(result)}">` +
        cells.map((cell) => `<td>${cell}</td>`).join('') +
        '</tr>'
      );
    });
  const head = [
    'tenant',
    'push',
    'revision',
    'actor',
    'started → finished',
    'result',
    'requests',
    'resources',
  ];
  return (
    `<table class="pushes"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
