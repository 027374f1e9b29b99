import { driftFree } from '../audit/drift.js';
import { tamperedReads } from '../audit/tampered-reads.js';
import { authorize, planViews, visiblePlan } from '../authz/index.js';
import { normalizeActor } from '../authz/actor.js';
import { authorizationReads } from '../authz/authorization-reads.js';
import { namedOrganizations } from '../authz/named-organizations.js';
import { addressOf, GLOBAL_SCOPE, scopeOf } from '../model/address.js';
import type { Plan } from '../model/plan.js';
import type { StoredState } from '../model/stored-state.js';
import { destroyedTenants } from '../plan/destroyed-tenants.js';
import { assemblePlan } from '../plan/make-plan.js';
import { scopesToRead } from '../plan/plan-scopes.js';
import { valueHash } from '../plan/planned-value.js';
import {
  savedPlanTarget,
  savedValueHashes,
  scopesReadAt,
  type SavedPlan,
} from '../saved-plan/saved-plan.js';
import type { KeyedRow } from '../store/read-state-subset.js';
import type { StateTransaction } from '../store/state-store.js';
import type { Checked } from './checked-plan.js';
import { nextTurn } from '../support/in-turns.js';
import { startedEarly } from '../support/started-early.js';

/** Why a signed plan is re-checked in full after all: the first doubt found, for CCAC_DEBUG. */
export type Doubt = { doubt: string };

/**
 * Under the lock, a plan signed with CCAC_PLAN_KEY (saved-plan.ts isSignedWithKey): made by a
 * `ccac plan` that checked its values, every rule and the planner's roles against the state its
 * base revisions hold. What the signature cannot vouch for is checked here, reading only the rows
 * the changes touch and those the applying actor's authorization reads:
 * - not applied yet; each scope at its base revision, of the same history (its chain hash), and
 *   the organizations, which rules and roles read too, where the plan read them;
 * - the planner saw no drift, and every row of the scopes is still as ccac's transactions left
 *   them (so the state is the one planned on, and the apply builds on no drift);
 * - each change's `before` is the stored row, each create's address is free;
 * - the applying actor's roles allow every change (their own stored rows, not tampered), and a
 *   tenant is destroyed only with `--destroy`.
 * Organization changes, and changes naming an organization, need the referencing tenants' rows:
 * those plans are re-checked in full, as is any plan where one of the above does not hold (the
 * full re-check then says why it is refused).
 */
export async function signedUnderLock(
  tx: StateTransaction,
  saved: SavedPlan,
  options: { actor: string; destroy: boolean },
): Promise<(Checked & { shown: Plan }) | Doubt> {
  const planned = plannedOn(saved);
  if (planned) return planned;
  if (await tx.planApplied(saved.digest)) return { doubt: 'it was applied already' };
  const scopes = Object.keys(saved.tenants);
  const reading = startedEarly(
    tx.readStateSubset({
      scopes: scopesToRead(new Set(scopes)),
      whole: [GLOBAL_SCOPE],
      keys: rowsRead(saved, options.actor),
    }),
  );
  // readStateSubset asks for the rows on the next turn (once the count is out): asked after them,
  // the recorded values are found while this process works on the rows.
  await nextTurn();
  const recorded = recordedEarly(tx, saved, options.actor);
  const stored = await reading;
  const hashes = await tx.revisionHashes(scopesReadAt(saved, stored.revisions));
  const moved = movedOn(saved, stored, hashes);
  if (moved) return moved;
  const target = savedPlanTarget(saved, stored);
  const { changes } = saved;
  if (changes.some((c) => scopeOf(c.kind, c.name, c.tenant) === GLOBAL_SCOPE))
    return { doubt: 'it changes organizations' };
  if (namedOrganizations(changes, stored.model, target).length > 0)
    return { doubt: 'it names an organization anew' };
  if (!options.destroy && destroyedTenants(changes).length > 0)
    return { doubt: 'it destroys a tenant and --destroy was not given' };
  const authorized = authorize({
    actor: options.actor,
    stored: stored.model,
    desired: target,
    changes,
  });
  const views = planViews(options.actor, stored.model, scopes);
  if (authorized.diagnostics.length > 0 || [...(views?.values() ?? [])].some((v) => v.refused))
    return { doubt: 'the actor is not allowed every change' };
  const reads = authorizationReads({ actor: options.actor, stored: stored.model, scopes });
  if ((await tamperedReads(recorded, stored.model, reads)).length > 0)
    return { doubt: "a row the actor's authorization reads was changed outside ccac" };
  const plan = assemblePlan({ scopes: saved.tenants, changes, diagnostics: saved.diagnostics });
  const shown = visiblePlan(plan, views);
  return { plan, rolesByScope: authorized.rolesByScope, target, shown, driftChecked: true };
}

/** A doubt the plan itself raises: it does not bind itself to a history, or it was made on drift. */
function plannedOn(saved: SavedPlan): Doubt | undefined {
  if (!saved.baseHashes) return { doubt: 'it records no base revision hashes' };
  if (saved.diagnostics.some((d) => d.code === 'DRIFT'))
    return { doubt: 'it was planned on rows changed outside ccac' };
  return undefined;
}

/**
 * The rows the apply reads: those the changes touch, and in each tenant its Tenant row and the
 * actor's User row (authz/authorization-reads.ts), read with their values; the organizations are
 * read whole. Any other changed row is not read again where ccac wrote it and it still hashes to
 * the plan's `before` (movedOn checks every change's): that value, which the signature vouches
 * for, is the row's.
 */
function rowsRead(saved: SavedPlan, actor: string): KeyedRow[] {
  const known = savedValueHashes(saved);
  const keys: KeyedRow[] = saved.changes.map(({ address, kind, name, tenant, before }) => ({
    scope: scopeOf(kind, name, tenant),
    kind,
    name,
    ...(before && { held: { value: before, hash: valueHash(before, address, known) } }),
  }));
  // As authorization looks the actor up; without one it reads no User row (and refuses).
  const user = normalizeActor(actor);
  for (const scope of Object.keys(saved.tenants)) {
    if (scope === GLOBAL_SCOPE) continue;
    keys.push({ scope, kind: 'Tenant', name: scope });
    if (user !== undefined) keys.push({ scope, kind: 'User', name: user });
  }
  return keys;
}

/**
 * The recorded values of the rows authorization reads in every tenant of the plan (its Tenant row
 * and the actor's User row: authorizationReads), asked early, so the database finds them while
 * this process works on the rows rather than after; any other address authorization asks for
 * (the actor's Organization) is asked when it does. The same values as tx.recordedValues gives.
 */
function recordedEarly(
  tx: StateTransaction,
  saved: SavedPlan,
  actor: string,
): Pick<StateTransaction, 'recordedValues'> {
  const user = normalizeActor(actor);
  const early = new Set<string>();
  for (const scope of Object.keys(saved.tenants)) {
    if (scope === GLOBAL_SCOPE || user === undefined) continue;
    early.add(addressOf('Tenant', scope, null));
    early.add(addressOf('User', user, scope));
  }
  const asked = startedEarly(tx.recordedValues([...early])); // awaited if the check gets that far
  return {
    async recordedValues(addresses) {
      const later = await tx.recordedValues(addresses.filter((address) => !early.has(address)));
      return new Map([...(await asked), ...later]);
    },
  };
}

/**
 * A doubt the store raises: a planned scope is not at its base revision; a scope the plan read
 * (the organizations too) is at a revision of another history, or of a later one; its rows are not
 * all as ccac left them; a tenant holds rows but none was read (its stored-ness would be
 * misjudged); a change's `before` is not the stored row. `hashes`: the chain hash of each read
 * scope's revision now.
 */
function movedOn(
  saved: SavedPlan,
  stored: StoredState,
  hashes: ReadonlyMap<string, string>,
): Doubt | undefined {
  for (const [scope, { baseRevision }] of Object.entries(saved.tenants))
    if ((stored.revisions.get(scope) ?? 0) !== baseRevision)
      return { doubt: `${scope} moved on since it was planned` };
  for (const scope of stored.revisions.keys()) {
    if (hashes.get(scope) !== saved.baseHashes?.[scope])
      return { doubt: `${scope} is at a revision of another history, or a later one` };
    const integrity = stored.integrity?.get(scope);
    if (!driftFree(integrity)) return { doubt: `${scope} holds rows changed outside ccac` };
    if (scope !== GLOBAL_SCOPE && integrity!.rows > 0 && stored.model.inTenant(scope).length === 0)
      return { doubt: `${scope} holds rows none of which was read` };
  }
  const known = savedValueHashes(saved);
  for (const change of saved.changes) {
    const held = stored.model.byAddress.get(change.address);
    const before = change.before && valueHash(change.before, change.address, known);
    if ((held?.hash ?? null) !== before)
      return { doubt: `${change.address} is not stored as the plan's before value` };
  }
  return undefined;
}
