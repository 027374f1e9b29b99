import type { TenantPush } from '../../operations/push.js';
import type { CallCounts } from '../../webex/client/request-gate.js';
import type { FieldChange, NotCarried } from '../../webex/mapping/mapping.js';
import type { PlannedCall } from '../../webex/reconcile/live-plan.js';
import type { ResourceOutcome } from '../../webex/reconcile/outcome.js';
import { paint, type Paint } from '../output.js';
import { renderDiagnosticsText } from './diagnostics.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A value as the plan shows one: JSON, `null` for nothing. */
export function shown(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function fieldLines(changes: readonly FieldChange[], indent: string): string {
  return changes
    .map((c) => `${indent}~ ${c.field}: ${shown(c.live)} → ${shown(c.desired)}\n`)
    .join('');
}

function notCarriedLines(list: readonly NotCarried[], indent: string, label: string): string {
  return list.map((n) => `${indent}${label} ${n.field}: ${n.why}\n`).join('');
}

const MARK: Record<ResourceOutcome['status'], string> = {
  'in-sync': '=',
  created: '+',
  updated: '~',
  deleted: '-',
  failed: '!',
  'not-pushed': '·',
  refused: '!',
};

function outcomeLine(outcome: ResourceOutcome, c: Paint): string {
  const adopted = outcome.adopted ? ' (adopted a same-named live object)' : '';
  const why = outcome.failures.length
    ? `: ${outcome.failures.join('; ')}`
    : outcome.reason
      ? `: ${outcome.reason}`
      : '';
  const line = `  ${MARK[outcome.status]} ${outcome.address} ${outcome.status}${adopted}${why}\n`;
  const paintLine = outcome.status === 'failed' || outcome.status === 'refused' ? c.red : String;
  return (
    paintLine(line) +
    notCarriedLines(outcome.notCarried, '      ', 'not carried:') +
    notCarriedLines(outcome.assumed, '      ', 'assumed:')
  );
}

export function callsLine(calls: CallCounts): string {
  const total = Object.values(calls).reduce((sum, n) => sum + n, 0);
  const parts = [
    `${calls.ok} ok`,
    calls.clientError ? `${calls.clientError} refused (4xx)` : '',
    calls.rateLimited ? `${calls.rateLimited} rate-limited (429)` : '',
    calls.serverError ? `${calls.serverError} server errors (5xx)` : '',
    calls.networkError ? `${calls.networkError} without answer` : '',
  ].filter(Boolean);
  return `${plural(total, 'request')} to Webex: ${parts.join(', ')}`;
}

function planLines(plan: readonly PlannedCall[]): string {
  return plan
    .map(
      (call) =>
        `  ${call.method} ${call.path}\n` +
        call.items
          .map(
            (item) =>
              `      ${item.action} ${item.address} (${item.entity} ${item.key})\n` +
              fieldLines(item.changes, '          '),
          )
          .join(''),
    )
    .join('');
}

function tenantText(result: TenantPush, color: boolean): string {
  const c = paint(color);
  const head = c.bold(
    `${result.tenant}${result.revision === undefined ? '' : ` (revision ${result.revision})`}`,
  );
  const problems = renderDiagnosticsText(result.problems, color);
  switch (result.status) {
    case 'ledger-only':
      return `${head}: ledger-only (no spec.webex), nothing to push.\n`;
    case 'refused':
      return `${head}: not pushed.\n${problems}`;
    case 'planned': {
      const plan = result.plan ?? [];
      if (plan.length === 0) return `${head}: live matches the stored state; no call to make.\n`;
      return `${head}: ${plural(plan.length, 'call')} to make:\n${planLines(plan)}`;
    }
    case 'converged':
    case 'failed': {
      const outcomes = (result.outcomes ?? []).map((o) => outcomeLine(o, c)).join('');
      const failed = (result.outcomes ?? []).filter(
        (o) => o.status === 'failed' || o.status === 'refused',
      ).length;
      const verdict =
        result.status === 'converged'
          ? c.green('converged: live matches the stored state')
          : c.red(`failed: ${plural(failed, 'resource')} not carried`);
      const calls = result.calls ? `${callsLine(result.calls)}.\n` : '';
      return `${head}:\n${outcomes}${problems}${calls}${verdict}.\n`;
    }
  }
}

/** `ccac push` (and `--dry-run`) as text: per tenant, per resource, then the calls made. */
export function renderPushText(
  results: readonly TenantPush[],
  color: boolean,
  dryRun: boolean,
): string {
  const title = dryRun ? 'ccac push --dry-run: the calls a push would make' : 'ccac push';
  if (results.length === 0) return `${title}: no stored tenant.\n`;
  return `${title}\n\n${results.map((r) => tenantText(r, color)).join('\n')}`;
}
