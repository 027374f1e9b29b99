import { scopeName } from '../../model/address.js';
import type { Plan } from '../../model/plan.js';
import { hashed } from '../../model/canonicalize.js';
import type { AcceptedDrift, RevisionRecord } from '../../model/revision.js';
import type { Format } from '../options.js';
import { paint } from '../output.js';
import { markdownCode } from './escape-markdown.js';
import { renderRevisionJson } from './history-json.js';
import { renderPlan, type PlanWording } from './render-plan.js';

/** A past revision reads as what happened, not as what will. */
function revisionWording(record: RevisionRecord): PlanWording {
  const title = `Revision ${record.id} (${scopeName(record.scope)} revision ${record.revision})`;
  return {
    heading: () => `Changes made by ${title}`,
    destroys: ({ tenant, resources }) =>
      `Tenant ${tenant} was destroyed: it and all ${resources} of its resources were deleted.`,
    verb: { create: 'was created', update: 'was updated', delete: 'was deleted' },
    summary: ({ summary }) =>
      `${title}: ${summary.create} created, ${summary.update} updated, ${summary.delete} deleted.`,
  };
}

function headerFields(record: RevisionRecord): [string, string][] {
  return [
    ['tenant', `${scopeName(record.scope)} revision ${record.revision}`],
    ['time', record.createdAt],
    ['actor', `${record.actor} (${record.actorRole})`],
    ['config', record.configDigest],
    ['commit', record.gitCommit ?? '-'],
    ['plan', record.planDigest],
    ['hash', record.hash],
    ['previous', record.prevHash ?? '- (first revision)'],
    ...(record.acceptedDrift ?? []).map(adoptedField),
  ];
}

/** A row changed outside ccac that the revision adopted, and the hash of the value it found. */
function adoptedField({ address, value }: AcceptedDrift): [string, string] {
  const found = value === null ? 'deleted' : `sha256:${hashed(value).hash}`;
  return ['adopted', `${address} as changed outside ccac (${found})`];
}

/** `ccac history show N`: the revision's recorded fields, then its changes in the plan layout. */
export function renderRevision(
  record: RevisionRecord,
  plan: Plan,
  format: Format,
  color: boolean,
): string {
  if (format === 'json') return renderRevisionJson(record, plan);
  const fields = headerFields(record);
  if (format === 'markdown') {
    const rows = fields.map(([name, value]) => `| ${name} | ${markdownCode(value)} |`).join('\n');
    return `## ccac revision ${record.id}\n\n| | |\n|---|---|\n${rows}\n\n${renderPlan(plan, 'markdown', color)}`;
  }
  const c = paint(color);
  const width = Math.max(...fields.map(([name]) => name.length)) + 1;
  const header = fields.map(([name, value]) => `  ${`${name}:`.padEnd(width)} ${value}`).join('\n');
  return `${c.bold(`Revision ${record.id}`)}\n${header}\n\n${renderPlan(plan, 'text', color, revisionWording(record))}`;
}
