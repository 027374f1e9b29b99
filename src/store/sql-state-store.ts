import type { AddressHash } from '../model/address.js';
import { debug } from '../support/debug.js';
import type { Kind } from '../model/kinds.js';
import type { Model, ResourceValue } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';
import type { Database, Queryable } from './database.js';
import { readFirstChanges } from './read-change-overview.js';
import { readResourcesOfKinds } from './read-resources-of-kinds.js';
import {
  readChanges,
  readChangeRows,
  readPackedChanges,
  type ChangeRows,
  readRevisions,
  type PackedChanges,
} from './read-revisions.js';
import { type StoredChange } from '../model/revision.js';
import {
  listScopes,
  organizationReferences,
  planApplied,
  readState,
  revisionHashes,
  scopeRevisions,
} from './read-state.js';
import { readStateSubset, type SubsetRequest } from './read-state-subset.js';
import { readAddressHashes } from './read-address-hashes.js';
import { readDriftedRows, readRecordedValues } from './recorded-values.js';
import { lockScopes } from './scope-locks.js';
import { readScopeSummaries } from './scope-summaries.js';
import type {
  ApplyRevisionsOptions,
  KnownHashes,
  LockOptions,
  RevisionDraft,
  RevisionInput,
  StateStore,
  StateTransaction,
} from './state-store.js';
import type { DriftedRow, RevisionRecord } from '../model/revision.js';
import type { OrganizationReference, ScopeSummary, StoredState } from '../model/stored-state.js';
import { guarded, toStoreError } from './store-errors.js';
import { writeRemoteRefs, type AddressRefs } from './webex-records.js';
import { ChangeWriter } from './write-changes.js';

/** Reads shared by the store and its transactions; every database failure becomes a StoreError. */
class SqlStateReader {
  constructor(protected readonly q: Queryable) {}

  readState(scopes: readonly string[], declared?: Model): Promise<StoredState> {
    return guarded('reading the stored state', () => readState(this.q, scopes, declared));
  }

  /** Some scopes' stored resources of some kinds, as a model (readResourcesOfKinds). */
  readKinds(scopes: readonly string[], kinds: readonly Kind[]): Promise<Model> {
    return guarded('reading the stored state', () => readResourcesOfKinds(this.q, scopes, kinds));
  }

  scopeSummaries(scopes?: readonly string[]): Promise<Map<string, ScopeSummary>> {
    return guarded('summing up scopes', () => readScopeSummaries(this.q, scopes));
  }

  scopeRevisions(scopes: readonly string[]): Promise<Map<string, number>> {
    return guarded('reading revision numbers', () => scopeRevisions(this.q, scopes));
  }

  listScopes(): Promise<string[]> {
    return guarded('listing scopes', () => listScopes(this.q));
  }

  organizationReferences(organizations: readonly string[]): Promise<OrganizationReference[]> {
    return guarded('looking up organization references', () =>
      organizationReferences(this.q, organizations),
    );
  }

  planApplied(planDigest: string): Promise<boolean> {
    return guarded('checking whether the plan was applied', () => planApplied(this.q, planDigest));
  }

  revisionHashes(
    bases: Readonly<Record<string, { baseRevision: number }>>,
  ): Promise<Map<string, string>> {
    return guarded('reading revision hashes', () => revisionHashes(this.q, bases));
  }

  /** Some scopes' revisions and integrity, and only some of their rows (readStateSubset). */
  readStateSubset(request: SubsetRequest): Promise<StoredState> {
    return guarded('reading the stored state', () => readStateSubset(this.q, request));
  }

  addressHashes(scopes: readonly string[]): Promise<AddressHash[]> {
    return guarded('reading the stored hashes', () => readAddressHashes(this.q, scopes));
  }

  /** readDriftedRows; `scopeAtATime` only on a session without JIT (store-beside.ts). */
  driftedRows(
    scopes: readonly string[],
    options?: { scopeAtATime?: boolean },
  ): Promise<DriftedRow[]> {
    return guarded('comparing stored rows with the history', () =>
      readDriftedRows(this.q, scopes, options),
    );
  }

  recordedValues(addresses: readonly string[]): Promise<Map<string, ResourceValue | null>> {
    return guarded('reading recorded values', () => readRecordedValues(this.q, addresses));
  }

  /** Recorded revisions of some scopes (all when omitted), by scope and revision. */
  readRevisions(scopes?: readonly string[]): Promise<RevisionRecord[]> {
    return guarded('reading revisions', () => readRevisions(this.q, scopes));
  }

  /** Changes recorded with a scope's revisions in a range (inclusive; default all). */
  readChanges(scope: string, range?: { from?: number; upTo?: number }): Promise<StoredChange[]> {
    return guarded('reading recorded changes', () => readChanges(this.q, scope, range));
  }

  /** All of a scope's changes as JSON texts, by revision (readPackedChanges). */
  readPackedChanges(scope: string): Promise<PackedChanges[]> {
    return guarded('reading recorded changes', () => readPackedChanges(this.q, scope));
  }

  /** All of a scope's changes as its chain's verification reads them (readChangeRows). */
  readChangeRows(scope: string): Promise<ChangeRows> {
    return guarded('reading recorded changes', () => readChangeRows(this.q, scope));
  }

  /** The first `limit` changes of each revision, every kind among them (readFirstChanges). */
  firstChanges(
    revisions: readonly { scope: string; revision: number }[],
    limit: number,
  ): Promise<StoredChange[]> {
    return guarded('reading recorded changes', () => readFirstChanges(this.q, revisions, limit));
  }
}

class SqlStateTransaction extends SqlStateReader implements StateTransaction {
  private readonly writer = new ChangeWriter(this.q);

  writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void> {
    return guarded('writing changes', () => this.writer.writeChanges(changes, known));
  }

  recordRevision(input: RevisionInput): Promise<RevisionRecord> {
    return guarded('recording a revision', () => this.writer.recordRevision(input));
  }

  applyRevisions(
    drafts: readonly RevisionDraft[],
    known: KnownHashes,
    options: ApplyRevisionsOptions,
  ): Promise<RevisionRecord[]> {
    return guarded('writing changes', () => this.writer.applyRevisions(drafts, known, options));
  }

  async recordRemoteRefs(scope: string, entries: readonly AddressRefs[]): Promise<void> {
    if (entries.length === 0) return;
    await guarded('recording Webex remote refs', () => writeRemoteRefs(this.q, scope, entries));
  }
}

/** Thrown through `Database.transaction` to roll back when `work` says not to commit. */
class RollBack {
  constructor(readonly value: unknown) {}
}

/** Thrown through `Database.transaction` so `work`'s own errors reach the caller unchanged. */
class WorkFailed {
  constructor(readonly error: unknown) {}
}

/** The state store over any `Database`: the same SQL on PGlite and PostgreSQL. */
export class SqlStateStore extends SqlStateReader implements StateStore {
  constructor(readonly db: Database) {
    super(db);
  }

  async withLockedScopes<T>(
    scopes: readonly string[],
    options: LockOptions,
    work: (tx: StateTransaction) => Promise<{ commit: boolean; value: T }>,
  ): Promise<T> {
    const wanted = [...new Set(scopes)];
    try {
      return await this.db.transaction(async (tx) => {
        await guarded('locking scopes', () => lockScopes(tx, wanted, options.lockTimeoutMs));
        debug('scopes locked');
        let outcome: { commit: boolean; value: T };
        try {
          outcome = await work(new SqlStateTransaction(tx));
        } catch (error) {
          throw new WorkFailed(error);
        }
        if (!outcome.commit) throw new RollBack(outcome.value);
        return outcome.value;
      });
    } catch (thrown) {
      if (thrown instanceof RollBack) return thrown.value as T;
      if (thrown instanceof WorkFailed) throw thrown.error;
      throw toStoreError(thrown, 'running the apply transaction');
    }
  }

  close(): Promise<void> {
    return guarded('closing the store', () => this.db.close());
  }
}
