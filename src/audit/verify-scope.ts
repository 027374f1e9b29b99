import type { RevisionRecord, StoredChange } from '../model/revision.js';
import type { ScopeVerification } from '../model/scope-verification.js';
import type { KindCount } from '../report/report-data.js';
import { firstChanges, kindCounts } from '../report/revision-overview.js';
import { packedRows, unpackChanges, type ChangeRows } from '../store/read-revisions.js';
import type { Anchor } from './anchors.js';
import { verifyScopeChain } from './verify-chain.js';

/** What a caller wants of each revision's changes besides its hash (the report's overview). */
export interface OverviewRequest {
  /** How many first changes (report/revision-overview.ts firstChanges). */
  limit: number;
  /** The revisions of this scope whose first changes are wanted. */
  firstOf: readonly number[];
}

/** A revision's changes counted per kind, and its first changes when they were asked for. */
export interface RevisionOverview {
  revision: number;
  kinds: KindCount[];
  first?: StoredChange[];
}

/** One scope's chain to verify: its rows as read (store/read-revisions.ts ChangeRows). */
export interface ScopeWork {
  scope: string;
  revisions: readonly RevisionRecord[];
  latest: number;
  anchors: readonly Anchor[];
  packed: ChangeRows;
  overview?: OverviewRequest;
}

export interface ScopeAnswer {
  result: ScopeVerification;
  /** Per revision with changes, in revision order; empty unless an overview was asked for. */
  overviews: RevisionOverview[];
}

/**
 * One scope's chain verified from its change rows (audit/verify-chain.ts), and the overview
 * of its revisions made from the same rows. Runs wherever the rows are sent: here, or on the
 * verification's own thread (verify-thread.ts).
 */
export function verifyScope(work: ScopeWork): ScopeAnswer {
  const changes = unpackChanges(work.scope, packedRows(work.packed));
  const result = verifyScopeChain({
    scope: work.scope,
    revisions: work.revisions,
    changes,
    latest: work.latest,
    anchors: work.anchors,
  });
  return { result, overviews: work.overview ? overviews(changes, work.overview) : [] };
}

/** `changes` by revision then address, as unpacked. */
function overviews(changes: readonly StoredChange[], request: OverviewRequest): RevisionOverview[] {
  const wanted = new Set(request.firstOf);
  const out: RevisionOverview[] = [];
  let start = 0;
  for (let end = 1; end <= changes.length; end++) {
    if (end < changes.length && changes[end]!.revision === changes[start]!.revision) continue;
    const revision = changes.slice(start, end);
    const number = changes[start]!.revision;
    out.push({
      revision: number,
      kinds: kindCounts(revision),
      ...(wanted.has(number) ? { first: firstChanges(revision, request.limit) } : {}),
    });
    start = end;
  }
  return out;
}
