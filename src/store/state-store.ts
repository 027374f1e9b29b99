import type { Model } from '../model/model.js';
import type { PlanSummary, ResourceChange } from '../plan/plan.js';

/**
 * The stored state of some scopes (tenants, and `_global` for organizations),
 * with each scope's latest revision number (0 when it has none).
 */
export interface StoredState {
  model: Model;
  revisions: Map<string, number>;
}

/** What an apply records for one scope. */
export interface RevisionInput {
  scope: string;
  actor: string;
  /** The actor's admin roles that allowed the change, e.g. "full-admin". */
  actorRole: string;
  configDigest: string;
  gitCommit: string | null;
  planDigest: string;
  changes: readonly ResourceChange[];
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
  hash: string;
}

/** A stored resource that references an organization (Tenant.partner or User.organization). */
export interface OrganizationReference {
  address: string;
  organization: string;
}

export interface StateReader {
  readState(scopes: readonly string[]): Promise<StoredState>;
  /** Every scope that holds resources or revisions. */
  listScopes(): Promise<string[]>;
  organizationReferences(organizations: readonly string[]): Promise<OrganizationReference[]>;
  /** Whether a plan with this digest was applied already. */
  planApplied(planDigest: string): Promise<boolean>;
}

export interface StateTransaction extends StateReader {
  /** Writes creates, updates and deletes with a few set-based statements. */
  writeChanges(changes: readonly ResourceChange[]): Promise<void>;
  recordRevision(input: RevisionInput): Promise<RevisionRecord>;
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
