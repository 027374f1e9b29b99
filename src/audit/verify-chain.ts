import type { StoredChange } from '../model/revision.js';
import { revisionHash } from '../store/revision-hash.js';
import type { RevisionRecord } from '../model/revision.js';
import type { ChainProblem, ScopeVerification } from '../model/scope-verification.js';
import type { Anchor } from './anchors.js';

/**
 * Checks one scope's chain in revision order and stops at the first problem: numbers run 1..latest
 * without gaps (`latest` is the scope's counter, so a deleted last revision is found too), each
 * hash is recomputed from the stored fields, the drift it adopted and its change rows, each
 * `prev_hash` is the previous revision's hash, and ids increase. Then each anchor must name a
 * revision the chain holds, with its hash: the chain alone cannot tell that its last revisions
 * were cut (and the counter set back) or that it was rewritten and re-hashed from some point on.
 * Pure: the caller reads the rows.
 */
export function verifyScopeChain(input: {
  scope: string;
  /** The scope's revisions, in any order. */
  revisions: readonly RevisionRecord[];
  /** The scope's change rows, in any order. */
  changes: readonly StoredChange[];
  /** The scope's revision counter (the `scopes` table): how many revisions it has had. */
  latest: number;
  /** Anchors of this scope kept outside the database. */
  anchors?: readonly Anchor[];
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
  const anchors = problem ? [] : (input.anchors ?? []);
  problem ??= checkAnchors(revisions, anchors);
  return { scope: input.scope, revisions: revisions.length, anchors: anchors.length, problem };
}

/** The first anchor (in revision order) the chain does not hold: cut off, or not that revision. */
function checkAnchors(
  revisions: readonly RevisionRecord[],
  anchors: readonly Anchor[],
): ChainProblem | null {
  const byNumber = new Map(revisions.map((record) => [record.revision, record]));
  for (const anchor of [...anchors].sort((a, b) => a.revision - b.revision)) {
    const record = byNumber.get(anchor.revision);
    if (!record)
      return {
        kind: 'cut',
        revision: anchor.revision,
        last: revisions.at(-1)?.revision ?? 0,
        anchor: anchor.source,
      };
    if (record.hash !== anchor.hash)
      return { kind: 'rewritten', revision: anchor.revision, anchor: anchor.source };
  }
  return null;
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
