import type { PushRecord } from '../../store/push-record.js';
import type { WebexTenant } from '../../store/webex-records.js';
import { paint } from '../output.js';
import { callsLine } from './push-text.js';

/** A push record's resources, as "created 30, in-sync 3". */
function resourcesText(resources: PushRecord['resources']): string {
  if (!resources) return '';
  return Object.entries(resources)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
}

function resultText(record: PushRecord, latest: boolean): string {
  if (record.result !== 'running') return record.result;
  return latest ? 'running or interrupted' : 'interrupted';
}

/**
 * `ccac history pushes`: per tenant, the revision that last reached Webex, then each push
 * newest first — who, which revision, when, how it ended, the requests and the resources.
 */
export function renderPushesText(
  pushes: readonly PushRecord[],
  tenants: ReadonlyMap<string, WebexTenant>,
  color: boolean,
): string {
  const c = paint(color);
  if (pushes.length === 0) return 'No push recorded.\n';
  const scopes = [...new Set(pushes.map((p) => p.scope))].sort();
  return scopes
    .map((scope) => {
      const own = pushes.filter((p) => p.scope === scope).sort((a, b) => b.push - a.push);
      const reached = tenants.get(scope)?.pushedRevision;
      const head = c.bold(
        `${scope}: ${reached ? `revision ${reached} reached Webex` : 'no revision has reached Webex whole yet'}`,
      );
      const lines = own.map((p, i) => {
        const when = `${p.startedAt}${p.finishedAt ? ` → ${p.finishedAt}` : ''}`;
        const calls = p.calls ? `\n      ${callsLine(p.calls)}` : '';
        const resources = p.resources ? `\n      resources: ${resourcesText(p.resources)}` : '';
        return `  push ${p.push}  revision ${p.revision}  ${p.actor} (${p.actorRole})  ${when}  ${resultText(p, i === 0)}${calls}${resources}`;
      });
      return `${head}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

export function renderPushesJson(
  pushes: readonly PushRecord[],
  tenants: ReadonlyMap<string, WebexTenant>,
): string {
  const scopes = [...new Set(pushes.map((p) => p.scope))].sort();
  const out = scopes.map((scope) => ({
    tenant: scope,
    pushedRevision: tenants.get(scope)?.pushedRevision ?? null,
    pushes: pushes.filter((p) => p.scope === scope),
  }));
  return `${JSON.stringify({ tenants: out }, null, 2)}\n`;
}
