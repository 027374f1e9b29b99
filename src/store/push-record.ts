import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.js';
import type { CallCounts } from '../webex/client/request-gate.js';

/** How a push ended; `running` until it does (a push killed mid-way stays so). */
export type PushResult = 'running' | 'converged' | 'failed';

/** The audit record of one push of one tenant (table webex_pushes). */
export interface PushRecord {
  scope: string;
  /** Per tenant: 1, 2, 3, … without gaps. */
  push: number;
  actor: string;
  /** The actor's role(s) that allowed the push, as a revision records them. */
  actorRole: string;
  /** The revision of the tenant whose stored state was pushed. */
  revision: number;
  /** That revision's hash: binds the push to the revision chain. */
  revisionHash: string | null;
  startedAt: string;
  finishedAt: string | null;
  result: PushResult;
  /** Requests sent, by outcome (reads, writes and retries). */
  calls: CallCounts | null;
  /** Resources by what happened to them (in-sync, created, updated, deleted, failed, …). */
  resources: Record<string, number> | null;
  prevHash: string | null;
  hash: string;
}

/**
 * sha256 over the canonical JSON of everything recorded but the hash, so `history verify` can
 * recompute it from the row: an altered field, or a link to another previous push, differs.
 */
export function pushHash(record: Omit<PushRecord, 'hash'>): string {
  const { scope, push, actor, actorRole, revision, revisionHash, startedAt, finishedAt } = record;
  const { result, calls, resources, prevHash } = record;
  const fields = { format: 1, scope, push, actor, actorRole, revision, revisionHash };
  const text = canonicalJson({
    ...fields,
    startedAt,
    finishedAt,
    result,
    calls,
    resources,
    prevHash,
  });
  return createHash('sha256').update(text).digest('hex');
}
