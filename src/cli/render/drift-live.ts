import type { LiveDrift, TenantLiveDrift } from '../../operations/drift-live.js';
import { paint } from '../output.js';
import { renderDiagnosticsText } from './diagnostics.js';
import { shown } from './push-text.js';

function driftLines(drift: LiveDrift): string {
  const head = {
    changed: `  ~ ${drift.address} was changed in Webex`,
    missing: `  + ${drift.address} is missing in Webex${drift.pushedBefore ? ' (deleted there)' : ' (never pushed)'}`,
    extra: `  - ${drift.address} is gone from the stored state but still live in Webex`,
  }[drift.drift];
  const fields =
    drift.drift === 'changed'
      ? drift.changes
          .map((c) => `      ~ ${c.field}: ${shown(c.live)} live, ${shown(c.desired)} stored\n`)
          .join('')
      : '';
  return `${head}\n${fields}`;
}

function tenantText(result: TenantLiveDrift, color: boolean): string {
  const c = paint(color);
  const head = c.bold(
    `${result.tenant}${result.revision === undefined ? '' : ` (revision ${result.revision})`}`,
  );
  switch (result.status) {
    case 'ledger-only':
      return `${head}: ledger-only (no spec.webex), nothing live to compare.\n`;
    case 'refused':
    case 'failed':
      return `${head}: not compared.\n${renderDiagnosticsText(result.problems, color)}`;
    case 'compared':
      return result.resources.length === 0
        ? `${head}: live matches the stored state.\n`
        : `${head}:\n${result.resources.map(driftLines).join('')}`;
  }
}

/** `ccac drift --live` as text: per tenant, per resource and field, live against stored. */
export function renderLiveDriftText(results: readonly TenantLiveDrift[], color: boolean): string {
  const drifted = results.reduce((sum, r) => sum + r.resources.length, 0);
  const summary =
    drifted === 0
      ? 'No live drift.'
      : `Live drift: ${drifted} ${drifted === 1 ? 'resource differs' : 'resources differ'} from the stored state; \`ccac push\` restores it.`;
  return `ccac drift --live: Webex against the stored state\n\n${results
    .map((r) => tenantText(r, color))
    .join('\n')}\n${summary}\n`;
}

export function renderLiveDriftJson(results: readonly TenantLiveDrift[]): string {
  return `${JSON.stringify({ live: true, tenants: results }, null, 2)}\n`;
}
