import { pushHash, type PushRecord } from '../store/push-record.js';
import type { RevisionRecord } from '../model/revision.js';
import type { PushProblem } from '../model/scope-verification.js';

/**
 * Checks a tenant's push records in order, as verify-chain.ts checks revisions: numbered 1..n
 * without gaps up to the tenant's counter, each hash recomputed from the row, each `prev_hash`
 * the previous push's hash, and each bound to the revision it pushed by that revision's hash
 * (a push cannot be moved onto another revision, nor survive the revision being rewritten).
 * Pure: the caller reads the rows.
 */
export function verifyPushChain(input: {
  pushes: readonly PushRecord[];
  /** The tenant's push counter (webex_tenants.pushes). */
  counter: number;
  /** The tenant's revisions, verified already. */
  revisions: readonly RevisionRecord[];
}): PushProblem | null {
  const pushes = [...input.pushes].sort((a, b) => a.push - b.push);
  const revisionHashes = new Map(input.revisions.map((r) => [r.revision, r.hash]));
  let previous: PushRecord | null = null;
  for (const record of pushes) {
    const expected = (previous?.push ?? 0) + 1;
    if (record.push !== expected) return { kind: 'push-missing', push: expected };
    const { hash, ...fields } = record;
    if (pushHash(fields) !== hash) return { kind: 'push-altered', push: record.push };
    if (record.prevHash !== (previous?.hash ?? null))
      return { kind: 'push-unlinked', push: record.push };
    if ((revisionHashes.get(record.revision) ?? null) !== record.revisionHash)
      return { kind: 'push-revision', push: record.push, revision: record.revision };
    previous = record;
  }
  const last = previous?.push ?? 0;
  if (input.counter !== last)
    return { kind: 'push-missing', push: Math.min(last, input.counter) + 1 };
  return null;
}
