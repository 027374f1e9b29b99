import type { Model } from './model.js';
import { scopeDigest } from './scope-digest.js';

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

/** A stored resource that references an organization (Tenant.partner or User.organization). */
export interface OrganizationReference {
  address: string;
  organization: string;
}
