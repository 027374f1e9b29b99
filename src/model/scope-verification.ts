import { scopeName } from './address.js';

/** The first thing wrong with a scope's chain: enough to name the revision precisely. */
export type ChainProblem =
  | { kind: 'missing'; revision: number }
  | { kind: 'altered'; revision: number; id: number }
  | { kind: 'unlinked'; revision: number }
  | { kind: 'id-order'; revision: number; id: number; previousId: number }
  | { kind: 'uncounted'; revision: number; latest: number }
  | { kind: 'cut'; revision: number; last: number; anchor: string }
  | { kind: 'rewritten'; revision: number; anchor: string }
  | { kind: 'drift'; addresses: string[] }
  | PushProblem;

/** The first thing wrong with a tenant's push records, or with the refs pushes recorded. */
export type PushProblem =
  | { kind: 'push-missing'; push: number }
  | { kind: 'push-altered'; push: number }
  | { kind: 'push-unlinked'; push: number }
  | { kind: 'push-revision'; push: number; revision: number }
  | { kind: 'refs-tampered'; addresses: string[] };

export interface ScopeVerification {
  scope: string;
  /** Revisions stored for the scope. */
  revisions: number;
  /** Anchors checked against the chain (none when it is broken before them). */
  anchors: number;
  /** Push records stored for the scope (verify-store.ts sets it). */
  pushes?: number;
  /**
   * The first problem: in the chain (in revision order), then with an anchor, then with the stored
   * rows (verify-store.ts); null when all hold.
   */
  problem: ChainProblem | null;
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
    case 'push-missing':
      return `${scope}: push record ${problem.push} is missing`;
    case 'push-altered':
      return `${scope}: push record ${problem.push} was altered: its hash does not match its content`;
    case 'push-unlinked':
      return `${scope}: push record ${problem.push}'s prev_hash does not match push record ${problem.push - 1}`;
    case 'push-revision':
      return `${scope}: push record ${problem.push} names revision ${problem.revision}, whose hash is not the one it recorded`;
    case 'refs-tampered':
      return `${scope}: Webex ids recorded for ${problem.addresses.length === 1 ? '1 resource were' : `${problem.addresses.length} resources were`} written outside ccac: ${listed(problem.addresses)}`;
    case 'drift':
      return `${scope}: ${problem.addresses.length === 1 ? '1 stored resource is' : `${problem.addresses.length} stored resources are`} not what the history recorded (see ccac drift): ${listed(problem.addresses)}`;
  }
}

/** At most five addresses, then how many more. */
function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(', ');
  return addresses.length > 5 ? `${shown} and ${addresses.length - 5} more` : shown;
}
