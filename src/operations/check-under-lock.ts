import { tamperedReads } from '../audit/tampered-reads.js';
import { visiblePlan } from '../authz/index.js';
import { authorizationReads } from '../authz/authorization-reads.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Plan } from '../model/plan.js';
import { scopesToRead } from '../plan/plan-scopes.js';
import { withDiagnostics } from '../plan/with-diagnostics.js';
import { isSignedWithKey, savedPlanTarget, type SavedPlan } from '../saved-plan/saved-plan.js';
import type { StateTransaction } from '../store/state-store.js';
import { debug } from '../support/debug.js';
import { staleScopes } from './apply-plan.js';
import { signedUnderLock } from './check-signed-plan.js';
import type { Checked, Refused } from './checked-plan.js';

/** Under the lock, a plan made now: its scopes must not have moved on (their revisions). */
export async function currentUnderLock(
  tx: StateTransaction,
  plan: Plan,
  planned: { desired: Model; rolesByScope: ReadonlyMap<string, string> },
): Promise<Checked | Refused> {
  const scopes = new Set(Object.keys(plan.tenants));
  const stale = staleScopes(plan.tenants, await tx.scopeRevisions(scopesToRead(scopes)));
  if (stale.length > 0) return { diagnostics: stale };
  return { plan, rolesByScope: planned.rolesByScope, target: planned.desired };
}

/**
 * Under the lock, a saved plan: one signed with the key checked against its base revisions
 * (check-signed-plan.ts), any other, or a signed one in doubt, re-checked in full.
 */
export async function savedUnderLock(
  tx: StateTransaction,
  saved: SavedPlan,
  options: { actor: string; destroy: boolean },
): Promise<(Checked & { shown: Plan }) | (Refused & { shown?: Plan })> {
  if (!isSignedWithKey(saved)) {
    debug('saved plan not signed with CCAC_PLAN_KEY: re-checked in full');
    return recheckUnderLock(tx, saved, options);
  }
  const signed = await signedUnderLock(tx, saved, options);
  if (!('doubt' in signed)) {
    debug('signed plan checked against its base revisions: not re-planned');
    return signed;
  }
  debug(`signed plan re-checked in full: ${signed.doubt}`);
  return recheckUnderLock(tx, saved, options);
}

/**
 * Under the lock, a saved plan: applied at most once, its scopes where it was planned, planned
 * again against the state read here (its target projected once) and the actor's reads as
 * recorded. `shown`: what the actor may see of it as re-checked, errors and all.
 */
export async function recheckUnderLock(
  tx: StateTransaction,
  saved: SavedPlan,
  options: { actor: string; destroy: boolean },
): Promise<(Checked & { shown: Plan }) | (Refused & { shown?: Plan })> {
  const scopes = new Set(Object.keys(saved.tenants));
  if (await tx.planApplied(saved.digest)) {
    return {
      diagnostics: [
        error('PLAN_STALE', 'this plan was applied already; a saved plan is applied at most once'),
      ],
    };
  }
  const current = await tx.readState(scopesToRead(scopes));
  debug(`stored state read: ${current.model.size} resources`);
  const stale = staleScopes(saved.tenants, current.revisions);
  if (stale.length > 0) return { diagnostics: stale };
  const target = savedPlanTarget(saved, current);
  debug('target projected');
  // Loaded only here: a signed plan checked against its base revisions runs no rule.
  const [{ organizationsTouched }, { recheckSavedPlan }] = await Promise.all([
    import('../plan/plan-configuration.js'),
    import('../saved-plan/recheck-saved-plan.js'),
  ]);
  const touched = organizationsTouched(target, current.model, scopes);
  const references = touched.length > 0 ? await tx.organizationReferences(touched) : [];
  const rechecked = recheckSavedPlan(saved, current, target, {
    actor: options.actor,
    destroy: options.destroy,
    organizationReferences: references,
  });
  debug('saved plan re-checked');
  const reads = authorizationReads({
    actor: options.actor,
    stored: current.model,
    scopes,
    organizationReferences: references,
  });
  const plan = withDiagnostics(rechecked.plan, await tamperedReads(tx, current.model, reads));
  debug('authorization reads checked');
  // The actor sees no more than their roles show (authz/visibility.ts); the plan is applied whole.
  const shown = visiblePlan(plan, rechecked.views);
  if (hasErrors(plan.diagnostics)) return { diagnostics: [], shown };
  return { plan, rolesByScope: rechecked.rolesByScope, target, shown };
}
