import type { Kind } from '../model/kinds.js';
import type { Model, ResourceValue } from '../model/model.js';
import { scopeDigest } from '../model/scope-digest.js';
import type { PlanSummary, ResourceChange } from '../plan/plan.js';
import type { AddressRefs } from './webex-records.js';

/**
 * The stored state of some scopes (tenants, and `_global` for organizations),
 * with each scope's latest revision number (0 when it has none).
 */
export interface StoredState {
  model: Model;
  revisions: Map<string, number>;
  /** Per scope read, whether its rows are as ccac left them; absent when the state was not read from a store. */
  integrity?: ReadonlyMap<string, ScopeIntegrity>;
}

/** What reading a scope's rows tells about changes made outside ccac, without replaying its history. */
export interface ScopeIntegrity {
  /** Rows stored now. */
  rows: number;
  /**
   * Whether every row was last written by one of ccac's transactions (migration 004): no other
   * SQL wrote it since. PostgreSQL sets the id a row carries; no session can choose it.
   */
  intact: boolean;
  /** How many resources the scope's recorded revisions build; null when unknown. */
  recorded: number | null;
}

/** A scope as the store holds it, summed up without reading its rows (store/scope-summaries.ts). */
export interface ScopeSummary extends ScopeIntegrity {
  /** Latest revision number, 0 when it has none. */
  revision: number;
  /** Digest of its resources (model/scope-digest.ts). */
  digest: string;
}

/** The summary of a scope the store has never written: no revision, no rows. */
export const NOTHING_STORED: ScopeSummary = Object.freeze({
  revision: 0,
  recorded: 0,
  rows: 0,
  intact: true,
  digest: scopeDigest([]),
});

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

/** Hashes of values being written, by address: what the model the changes lead to knows already. */
export type KnownHashes = ReadonlyMap<string, { readonly hash: string }>;

/** What an apply records for one scope. */
export interface RevisionInput extends RevisionDraft, RevisionDigests {}

/** A scope's revision but for its digests, which are its apply's. */
export interface RevisionDraft {
  scope: string;
  actor: string;
  /** The actor's admin roles that allowed the change, e.g. "full-admin". */
  actorRole: string;
  gitCommit: string | null;
  changes: readonly ResourceChange[];
  /** Drift the apply adopts in this scope, found under its lock; absent or empty: none. */
  acceptedDrift?: readonly DriftedRow[];
}

/** What an apply's revisions record of its configuration and its plan (pipeline/digests.ts). */
export interface RevisionDigests {
  configDigest: string;
  planDigest: string;
}

export interface ApplyRevisionsOptions {
  /**
   * The apply's digests, recorded with every revision. Given as a function, it is called once the
   * resource rows are written, so the digests are made while the database makes the change
   * records, and awaited before the revisions are sealed.
   */
  digests: RevisionDigests | (() => Promise<RevisionDigests>);
  /** Hears how many changes were sent so far. */
  onProgress?: (written: number) => void;
}

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

/** A stored resource that references an organization (Tenant.partner or User.organization). */
export interface OrganizationReference {
  address: string;
  organization: string;
}

export interface StateReader {
  readState(scopes: readonly string[]): Promise<StoredState>;
  /** Per scope (every stored one when omitted): revision, row counts and digest, read in the database. */
  scopeSummaries(scopes?: readonly string[]): Promise<Map<string, ScopeSummary>>;
  /** Each scope's latest revision number (0 when it has none), without reading its resources. */
  scopeRevisions(scopes: readonly string[]): Promise<Map<string, number>>;
  /** Every scope that holds resources or revisions. */
  listScopes(): Promise<string[]>;
  organizationReferences(organizations: readonly string[]): Promise<OrganizationReference[]>;
  /** Whether a plan with this digest was applied already. */
  planApplied(planDigest: string): Promise<boolean>;
  /** Rows of the scopes that are not what the recorded history wrote, compared value by value. */
  driftedRows(scopes: readonly string[]): Promise<DriftedRow[]>;
  /** What the recorded history last wrote at each address (null: deleted); absent: never written. */
  recordedValues(addresses: readonly string[]): Promise<Map<string, ResourceValue | null>>;
}

export interface StateTransaction extends StateReader {
  /**
   * Writes creates, updates and deletes with a few set-based statements. `known` gives the hashes
   * of the written values by address when the caller has them; the others are computed.
   */
  writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void>;
  /**
   * Records the next revision of a scope and its change rows; the resources are writeChanges'
   * business (applyRevisions does both).
   */
  recordRevision(input: RevisionInput): Promise<RevisionRecord>;
  /**
   * What an apply does: each draft's changes written and its revision recorded, in a few
   * set-based statements for all of them. `known` as for writeChanges.
   */
  applyRevisions(
    drafts: readonly RevisionDraft[],
    known: KnownHashes,
    options: ApplyRevisionsOptions,
  ): Promise<RevisionRecord[]>;
  /**
   * Records the Webex remote refs of some addresses of one scope with the transaction's writes
   * (WebexRecords.recordRemoteRefs does it in a transaction of its own): what `import webex
   * --adopt` records with the tenant's first revision.
   */
  recordRemoteRefs(scope: string, entries: readonly AddressRefs[]): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another apply on the same scope; then a StoreError 'LOCK_TIMEOUT'. */
  lockTimeoutMs: number;
}

export interface StateStore extends StateReader {
  /**
   * One transaction holding the scopes' locks (taken in sorted order, released by commit,
   * rollback or a dead connection). `work` decides whether to commit.
   */
  withLockedScopes<T>(
    scopes: readonly string[],
    options: LockOptions,
    work: (tx: StateTransaction) => Promise<{ commit: boolean; value: T }>,
  ): Promise<T>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'STORE' | 'LOCK_TIMEOUT' | 'STORE_BUSY' | 'STORE_UNREACHABLE';

/** Failures at the database edge; the CLI turns them into a STORE diagnostic and exit 1. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
