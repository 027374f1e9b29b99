import { normalizeActor } from '../authz/actor.js';
import type { CheckedConfig } from '../config/check-config.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { Model } from '../model/model.js';
import type { RowKey } from '../store/read-state-subset.js';
import type { StateReader } from '../store/state-store.js';

/**
 * The tenants a model of some tenants and the organizations (Workspace.model(scopes)) leaves out
 * among `unchanged` scopes, whose summaries vouch that the store holds exactly what the files
 * declare there: the store stands for their files. A model that holds a tenant (the whole one,
 * when the run checked everything) leaves none out.
 */
export function tenantsHeldByStore(model: Model, unchanged: Iterable<string>): Set<string> {
  return new Set(
    [...unchanged].filter((scope) => scope !== GLOBAL_SCOPE && model.inTenant(scope).length === 0),
  );
}

/**
 * The model made fit to check an actor in tenants the store holds (tenantsHeldByStore):
 * authorization reads, in every planned tenant, its Tenant row and the actor's User row
 * (authz/authorization-reads.ts; the Organization that user comes from is in the model with the
 * organizations). There those rows are the declared ones: read by key from the store and laid
 * into the model, the planner finds them on both sides, unchanged, and what authorization reads
 * of them is still checked against the history (audit/tampered-reads.ts).
 */
export async function withActorRows(
  reader: Pick<StateReader, 'readStateSubset'>,
  checked: CheckedConfig,
  actor: string | undefined,
  held: ReadonlySet<string>,
): Promise<CheckedConfig> {
  const email = normalizeActor(actor);
  if (email === undefined || held.size === 0) return checked;
  const keys = [...held].flatMap((scope): RowKey[] => [
    { scope, kind: 'Tenant', name: scope },
    { scope, kind: 'User', name: email },
  ]);
  const { model } = await reader.readStateSubset({ scopes: [], whole: [], keys });
  const desired = new Model([...checked.desired.byAddress.values(), ...model.byAddress.values()]);
  return { ...checked, desired };
}
