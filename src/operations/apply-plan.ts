import { error, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { scopeName, scopeOf } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { Plan, PlanScopes, ResourceChange } from '../model/plan.js';
import type { ApplyRevisionsOptions, StateTransaction } from '../store/state-store.js';
import type { DriftedRow, RevisionRecord } from '../model/revision.js';

export interface ApplyRecord {
  actor: string;
  rolesByScope: ReadonlyMap<string, string>;
  gitCommit: string | null;
  /** The configuration's and the plan's, or how to make them (ApplyRevisionsOptions). */
  digests: ApplyRevisionsOptions['digests'];
  /** Drift the apply adopts (`--accept-drift`, checked under its lock: check-drift.ts). */
  acceptedDrift?: readonly DriftedRow[];
}

/** PLAN_STALE when any scope moved on since the plan was made. */
export function staleScopes(
  planned: PlanScopes,
  current: ReadonlyMap<string, number>,
): Diagnostic[] {
  return Object.entries(planned)
    .filter(([scope, { baseRevision }]) => (current.get(scope) ?? 0) !== baseRevision)
    .map(([scope, { baseRevision }]) =>
      error(
        'PLAN_STALE',
        `${scopeName(scope)} was at revision ${baseRevision} when planned and is at ${current.get(scope) ?? 0} now: plan again`,
      ),
    );
}

export type Progress = (written: number, total: number) => void;

/**
 * Writes a checked plan inside the caller's transaction: each scope's changes and its revision.
 * `target` is the model the plan leads to: the written values' hashes are taken from it.
 */
export async function recordPlan(
  tx: StateTransaction,
  plan: Plan,
  record: ApplyRecord,
  target: Model,
  onProgress: Progress = () => undefined,
): Promise<RevisionRecord[]> {
  if (hasErrors(plan.diagnostics)) throw new Error('recordPlan called with a plan that has errors');
  const drafts = [...changesByScope(plan.changes)].map(([scope, changes]) => ({
    scope,
    actor: record.actor,
    actorRole: record.rolesByScope.get(scope) ?? 'unknown',
    gitCommit: record.gitCommit,
    changes,
    acceptedDrift: (record.acceptedDrift ?? []).filter((row) => row.scope === scope),
  }));
  const total = plan.changes.length;
  return tx.applyRevisions(drafts, target.byAddress, {
    digests: record.digests,
    onProgress: (written) => onProgress(written, total),
  });
}

function changesByScope(changes: readonly ResourceChange[]): Map<string, ResourceChange[]> {
  const out = new Map<string, ResourceChange[]>();
  for (const change of changes) {
    const scope = scopeOf(change.kind, change.name, change.tenant);
    const list = out.get(scope) ?? [];
    list.push(change);
    out.set(scope, list);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
