import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.js';
import type { PushRecord } from '../model/push-record.js';

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

export type { PushRecord, PushResult } from '../model/push-record.js';
