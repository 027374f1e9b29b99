import type { StoredChange } from '../store/read-revisions.js';
import { revisionHash } from '../store/revision-hash.js';
import type { RevisionRecord } from '../store/state-store.js';

/** The first thing wrong with a scope's chain: enough to name the revision precisely. */
export type ChainProblem =
  | { kind: 'missing'; revision: number }
  | { kind: 'altered'; revision: number; id: number }
  | { kind: 'unlinked'; revision: number }
  | { kind: 'id-order'; revision: number; id: number; previousId: number }
  | { kind: 'uncounted'; revision: number; latest: number };

export interface ScopeVerification {
  scope: string;
  /** Revisions stored for the scope. */
  revisions: number;
  /** The first problem in revision order; null when the chain is intact. */
  problem: ChainProblem | null;
}

/**
 * Checks one scope's chain in revision order and stops at the first problem: numbers run 1..latest
 * without gaps (`latest` is the scope's counter, so a deleted last revision is found too), each
 * hash is recomputed from the stored fields and change rows, each `prev_hash` is the previous
 * revision's hash, and ids increase. Pure: the caller reads the rows.
 */
export function verifyScopeChain(input: {
  scope: string;
  /** The scope's revisions, in any order. */
  revisions: readonly RevisionRecord[];
  /** The scope's change rows, in any order. */
  changes: readonly StoredChange[];
  /** The scope's revision counter (the `scopes` table): how many revisions it has had. */
  latest: number;
}): ScopeVerification {
  const revisions = [...input.revisions].sort((a, b) => a.revision - b.revision);
  const changesByRevision = groupByRevision(input.changes);
  let previous: RevisionRecord | null = null;
  let problem: ChainProblem | null = null;
  for (const record of revisions) {
    problem = checkRevision(record, previous, changesByRevision.get(record.revision) ?? []);
    if (problem) break;
    previous = record;
  }
  problem ??= checkEnd(previous?.revision ?? 0, input.latest);
  return { scope: input.scope, revisions: revisions.length, problem };
}

function checkRevision(
  record: RevisionRecord,
  previous: RevisionRecord | null,
  changes: readonly StoredChange[],
): ChainProblem | null {
  const expected = (previous?.revision ?? 0) + 1;
  if (record.revision !== expected) return { kind: 'missing', revision: expected };
  if (revisionHash(record, changes) !== record.hash)
    return { kind: 'altered', revision: record.revision, id: record.id };
  if (record.prevHash !== (previous?.hash ?? null))
    return { kind: 'unlinked', revision: record.revision };
  if (previous && record.id <= previous.id)
    return { kind: 'id-order', revision: record.revision, id: record.id, previousId: previous.id };
  return null;
}

/** After the last stored revision: the counter says whether revisions were removed from the end, or added past it. */
function checkEnd(last: number, latest: number): ChainProblem | null {
  if (latest > last) return { kind: 'missing', revision: last + 1 };
  if (latest < last) return { kind: 'uncounted', revision: latest + 1, latest };
  return null;
}

function groupByRevision(changes: readonly StoredChange[]): Map<number, StoredChange[]> {
  const out = new Map<number, StoredChange[]>();
  for (const change of changes) {
    const list = out.get(change.revision);
    if (list) list.push(change);
    else out.set(change.revision, [change]);
  }
  return out;
}

/** One line a person can act on: which scope, which revision, what is wrong with it. */
export function describeProblem(scope: string, problem: ChainProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `${scope}: revision ${problem.revision} is missing`;
    case 'altered':
      return `${scope}: revision ${problem.revision} (id ${problem.id}) was altered: its hash does not match its content`;
    case 'unlinked':
      return problem.revision === 1
        ? `${scope}: revision 1's prev_hash is set, but it is the first revision`
        : `${scope}: revision ${problem.revision}'s prev_hash does not match revision ${problem.revision - 1}`;
    case 'id-order':
      return `${scope}: revision ${problem.revision}'s id ${problem.id} is not after revision ${problem.revision - 1}'s id ${problem.previousId}`;
    case 'uncounted':
      return `${scope}: revision ${problem.revision} is beyond the scope's revision counter (${problem.latest})`;
  }
}
