import type { Anchor } from '../audit/anchors.js';
import { readHistory, type HistoryRequest } from '../audit/read-history.js';
import { revisionPlan } from '../audit/revision-plan.js';
import { verifiedScopes, verifyStore } from '../audit/verify-store.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan } from '../model/plan.js';
import type { PushRecord } from '../model/push-record.js';
import type { RevisionRecord } from '../model/revision.js';
import type { ScopeVerification } from '../model/scope-verification.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { openStoreBeside } from '../store/store-beside.js';
import { WebexRecords, type WebexTenant } from '../store/webex-records.js';
import { unstoredTenants } from './unstored-tenants.js';

/** A `ccac history` command that did no work: a tenant not stored, a revision that is not. */
export interface HistoryRefused {
  refused: Diagnostic[];
}

/** `ccac history list`: the revisions the filters select, newest first. */
export async function historyList(
  store: SqlStateStore,
  request: HistoryRequest,
): Promise<{ revisions: RevisionRecord[] } | HistoryRefused> {
  const refused = await unstoredTenants(request.tenants, store);
  if (refused.length > 0) return { refused };
  return { revisions: await readHistory(store, request) };
}

/** `ccac history show ID`: one revision, and its changes as a plan. */
export async function historyShow(
  store: SqlStateStore,
  id: number,
): Promise<{ record: RevisionRecord; plan: Plan } | HistoryRefused> {
  const record = (await store.readRevisions()).find((r) => r.id === id);
  if (!record) return { refused: [error('USAGE', `there is no revision with id ${id}`)] };
  const changes = await store.readChanges(record.scope, {
    from: record.revision,
    upTo: record.revision,
  });
  return { record, plan: revisionPlan(record, changes) };
}

/**
 * `ccac history verify`: each scope's chain checked, against the anchors given; the stored rows
 * compared with the history on a second connection meanwhile (store/store-beside.ts).
 */
export async function historyVerify(
  store: SqlStateStore,
  tenants: readonly string[],
  anchors: readonly Anchor[],
): Promise<{ results: ScopeVerification[] } | HistoryRefused> {
  const refused = await unstoredTenants(tenants, store);
  if (refused.length > 0) return { refused };
  const beside = openStoreBeside(store);
  try {
    const scopes = await verifiedScopes(store, tenants, anchors);
    return {
      results: await verifyStore(store, {
        scopes,
        anchors,
        beside: beside.store,
        chainsAsked: beside.ownAsked,
      }),
    };
  } finally {
    await beside.close();
  }
}

/** `ccac history pushes`: the push records of some tenants (every one when none is named). */
export async function historyPushes(
  store: SqlStateStore,
  tenants: readonly string[],
): Promise<{ pushes: PushRecord[]; tenants: Map<string, WebexTenant> }> {
  const records = new WebexRecords(store.db);
  const scopes = tenants.length > 0 ? tenants : undefined;
  const pushes = await records.readPushes(scopes);
  return { pushes, tenants: await records.readTenants(scopes) };
}
