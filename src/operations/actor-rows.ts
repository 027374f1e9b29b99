import { normalizeActor } from '../authz/actor.js';
import type { CheckedConfig } from '../config/check-config.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { Model } from '../model/model.js';
import type { RowKey } from '../store/read-state-subset.js';
import type { StateReader } from '../store/state-store.js';

/**
 * A model of some tenants and the organizations (Workspace.model(scopes)) made fit to check an
 * actor in tenants it leaves out: authorization reads, in every planned tenant, its Tenant row and
 * the actor's User row (authz/authorization-reads.ts; the Organization that user comes from is in
 * the model with the organizations). In `unchanged` scopes, whose summaries vouch that the store
 * holds exactly what the files declare, those rows are the declared ones: read by key from the
 * store and laid into the model, they stand for the files the model did not load. The planner
 * finds them on both sides, unchanged, and what authorization reads of them is still checked
 * against the history (audit/tampered-reads.ts).
 */
export async function withActorRows(
  reader: Pick<StateReader, 'readStateSubset'>,
  checked: CheckedConfig,
  actor: string | undefined,
  unchanged: Iterable<string>,
): Promise<CheckedConfig> {
  const email = normalizeActor(actor);
  // A model that holds a tenant (the whole one, when the run checked everything) has its rows.
  const tenants = [...unchanged].filter(
    (scope) => scope !== GLOBAL_SCOPE && checked.desired.inTenant(scope).length === 0,
  );
  if (email === undefined || tenants.length === 0) return checked;
  const keys = tenants.flatMap((scope): RowKey[] => [
    { scope, kind: 'Tenant', name: scope },
    { scope, kind: 'User', name: email },
  ]);
  const { model } = await reader.readStateSubset({ scopes: [], whole: [], keys });
  const desired = new Model([...checked.desired.byAddress.values(), ...model.byAddress.values()]);
  return { ...checked, desired };
}
