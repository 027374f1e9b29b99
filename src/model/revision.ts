import type { Kind } from './kinds.js';
import type { ResourceValue } from './model.js';
import type { Action, PlanSummary } from './plan.js';

export interface RevisionRecord {
  /** Global, increasing across all scopes. */
  id: number;
  scope: string;
  /** Per scope: 1, 2, 3, … without gaps. */
  revision: number;
  actor: string;
  actorRole: string;
  createdAt: string;
  configDigest: string;
  gitCommit: string | null;
  planDigest: string;
  counts: PlanSummary;
  prevHash: string | null;
  /** Rows changed outside ccac that this revision adopted; absent when none (as in every older one). */
  acceptedDrift?: readonly AcceptedDrift[];
  hash: string;
}

/**
 * A stored row that is not what the recorded history last wrote at its address, or an address
 * the history holds without a row: drift, found value by value (store/recorded-values.ts).
 */
export interface DriftedRow {
  scope: string;
  address: string;
  kind: Kind;
  name: string;
  /** The revision that last wrote the address; null when no revision did. */
  revision: number | null;
  /** What the history says the address holds; null: nothing (never created, or deleted). */
  recorded: ResourceValue | null;
  /** What is stored there now (spec and labels); null: no row. */
  stored: ResourceValue | null;
}

/**
 * A drifted row an apply adopted (`--accept-drift`), as its revision records it and hashes it:
 * the value found (null: the row was gone), which the revision's changes were made against.
 */
export interface AcceptedDrift {
  address: string;
  kind: Kind;
  name: string;
  value: ResourceValue | null;
}

/** A change as stored with its revision (what `history`, `export --revision` and `history verify` read). */
export interface StoredChange {
  scope: string;
  revision: number;
  address: string;
  kind: Kind;
  name: string;
  action: Action;
  before: ResourceValue | null;
  after: ResourceValue | null;
}

/** What an apply's revisions record of its configuration and its plan (plan/digests.ts). */
export interface RevisionDigests {
  configDigest: string;
  planDigest: string;
}
