import { scopeName } from '../model/address.js';
import type { StoredChange } from '../store/read-revisions.js';
import { revisionHash } from '../store/revision-hash.js';
import type { RevisionRecord } from '../store/state-store.js';
import type { Anchor } from './anchors.js';

/** The first thing wrong with a scope's chain: enough to name the revision precisely. */
export type ChainProblem =
  | { kind: 'missing'; revision: number }
  | { kind: 'altered'; revision: number; id: number }
  | { kind: 'unlinked'; revision: number }
  | { kind: 'id-order'; revision: number; id: number; previousId: number }
  | { kind: 'uncounted'; revision: number; latest: number }
  | { kind: 'cut'; revision: number; last: number; anchor: string }
  | { kind: 'rewritten'; revision: number; anchor: string }
  | { kind: 'drift'; addresses: string[] };

export interface ScopeVerification {
  scope: string;
  /** Revisions stored for the scope. */
  revisions: number;
  /** Anchors checked against the chain (none when it is broken before them). */
  anchors: number;
  /**
   * The first problem: in the chain (in revision order), then with an anchor, then with the stored
   * rows (verify-store.ts); null when all hold.
   */
  problem: ChainProblem | null;
}

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

/** One line a person can act on: which scope, which revision, what is wrong with it. */
export function describeProblem(stored: string, problem: ChainProblem): string {
  const scope = scopeName(stored);
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
    case 'cut':
      return `${scope}: revision ${problem.revision}, anchored by ${problem.anchor}, is missing: the chain ends at revision ${problem.last}, so its last revisions were removed`;
    case 'rewritten':
      return `${scope}: revision ${problem.revision} is not the one anchored by ${problem.anchor}: its hash differs, so the chain was rewritten from there or before`;
    case 'drift':
      return `${scope}: ${problem.addresses.length === 1 ? '1 stored resource is' : `${problem.addresses.length} stored resources are`} not what the history recorded (see ccac drift): ${listed(problem.addresses)}`;
  }
}

/** At most five addresses, then how many more. */
function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(', ');
  return addresses.length > 5 ? `${shown} and ${addresses.length - 5} more` : shown;
}
