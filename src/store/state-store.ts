import type { AddressHash } from '../model/address.js';
import type { Model, ResourceValue } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';
import type { DriftedRow, RevisionDigests, RevisionRecord } from '../model/revision.js';
import type { OrganizationReference, ScopeSummary, StoredState } from '../model/stored-state.js';
import type { SubsetRequest } from './read-state-subset.js';
import type { AddressRefs } from './webex-records.js';

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

export interface ApplyRevisionsOptions {
  /**
   * The apply's digests, recorded with every revision. Given as a function (work done in turns),
   * it is called as the writes start, so the digests are made while this process would wait for
   * the database to take the rows, and awaited before the revisions are sealed.
   */
  digests: RevisionDigests | (() => Promise<RevisionDigests>);
  /** Hears how many changes were sent so far. */
  onProgress?: (written: number) => void;
}

export interface StateReader {
  /**
   * The scopes' rows and revisions; `declared`: the configuration planned against them, whose
   * values stand for the rows ccac wrote with the same hash (read-state.ts readState).
   */
  readState(scopes: readonly string[], declared?: Model): Promise<StoredState>;
  /** Per scope (every stored one when omitted): revision, row counts and digest, read in the database. */
  scopeSummaries(scopes?: readonly string[]): Promise<Map<string, ScopeSummary>>;
  /** Each scope's latest revision number (0 when it has none), without reading its resources. */
  scopeRevisions(scopes: readonly string[]): Promise<Map<string, number>>;
  /** Every scope that holds resources or revisions. */
  listScopes(): Promise<string[]>;
  organizationReferences(organizations: readonly string[]): Promise<OrganizationReference[]>;
  /** Whether a plan with this digest was applied already. */
  planApplied(planDigest: string): Promise<boolean>;
  /** Some scopes' revisions and integrity, and only some of their rows (readStateSubset). */
  readStateSubset(request: SubsetRequest): Promise<StoredState>;
  /** The address and content hash of every resource of some scopes (readAddressHashes). */
  addressHashes(scopes: readonly string[]): Promise<AddressHash[]>;
  /** The chain hash of each scope's base revision (none for revision 0): the history planned on. */
  revisionHashes(
    bases: Readonly<Record<string, { baseRevision: number }>>,
  ): Promise<Map<string, string>>;
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
