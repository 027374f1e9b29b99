import { scopeName } from '../../model/address.js';
import type { Plan } from '../../model/plan.js';
import type { AcceptedDrift, RevisionRecord } from '../../model/revision.js';
import { orderedPlan } from './plan-json.js';

/** A revision with its keys in one fixed order, so equal histories print equal bytes. */
export function orderedRevision(r: RevisionRecord): RevisionRecord {
  return {
    id: r.id,
    scope: scopeName(r.scope),
    revision: r.revision,
    actor: r.actor,
    actorRole: r.actorRole,
    createdAt: r.createdAt,
    configDigest: r.configDigest,
    gitCommit: r.gitCommit,
    planDigest: r.planDigest,
    counts: { create: r.counts.create, update: r.counts.update, delete: r.counts.delete },
    prevHash: r.prevHash,
    ...(r.acceptedDrift ? { acceptedDrift: r.acceptedDrift.map(orderedDrift) } : {}),
    hash: r.hash,
  };
}

function orderedDrift({ address, kind, name, value }: AcceptedDrift): AcceptedDrift {
  return { address, kind, name, value };
}

export function renderHistoryJson(revisions: readonly RevisionRecord[]): string {
  return `${JSON.stringify({ revisions: revisions.map(orderedRevision) }, null, 2)}\n`;
}

/** `history show --format json`: the full record and the changes it made, as a plan. */
export function renderRevisionJson(record: RevisionRecord, plan: Plan): string {
  return `${JSON.stringify({ revision: orderedRevision(record), plan: orderedPlan(plan) }, null, 2)}\n`;
}
