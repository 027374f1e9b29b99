import { Model } from '../model/model.js';
import type { SqlStateStore } from './sql-state-store.js';
import { type StateReader } from './state-store.js';
import { NOTHING_STORED, type StoredState } from '../model/stored-state.js';

/** What a plan reads: the stored state and, for its drift check, the recorded changes. */
export type PlanReader = StateReader & Pick<SqlStateStore, 'readChanges'>;

/**
 * An embedded database that nothing has created yet, read as what it holds: nothing. A plan
 * against it reads no rows and creates no database (as `terraform plan` writes no state): the
 * first apply creates it. Each answer is the one an empty store gives (read-state.ts,
 * scope-summaries.ts).
 */
export const NO_STORE_YET: PlanReader = {
  readState: async (scopes): Promise<StoredState> => ({
    model: new Model(),
    revisions: new Map(scopes.map((scope) => [scope, 0])),
    integrity: new Map(scopes.map((scope) => [scope, { rows: 0, intact: true, recorded: 0 }])),
  }),
  scopeSummaries: async (scopes = []) =>
    new Map(scopes.map((scope) => [scope, { ...NOTHING_STORED }])),
  scopeRevisions: async (scopes) => new Map(scopes.map((scope) => [scope, 0])),
  listScopes: async () => [],
  organizationReferences: async () => [],
  planApplied: async () => false,
  revisionHashes: async () => new Map(),
  readChanges: async () => [],
  driftedRows: async () => [],
  recordedValues: async () => new Map(),
};
