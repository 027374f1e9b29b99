import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import { authorize, mayPlan } from '../authz/index.js';
import { error } from '../diagnostics/diagnostic.js';
import { assemblePlan, planChanges } from '../plan/make-plan.js';
import type { Plan, PlanScopes } from '../plan/plan.js';
import { STATE_RULES } from '../rules/registry.js';
import { runRules } from '../rules/rule.js';
import type { OrganizationReference, StoredState } from '../store/state-store.js';

export interface PlanRequest {
  desired: Model;
  declared: readonly DeclaredResource[];
  configDiagnostics: readonly Diagnostic[];
  stored: StoredState;
  scopes: ReadonlySet<string>;
  /** Authorization runs when an actor is given, or always when one is required (apply). */
  actor: string | undefined;
  requireActor: boolean;
  organizationReferences: readonly OrganizationReference[];
}

export interface PlanOutcome {
  plan: Plan;
  /** Per scope, the actor's role that allowed its changes: recorded in the revision. */
  rolesByScope: Map<string, string>;
}

/** Desired vs stored → changes, then stateful rules and authorization. Pure. */
export function planConfiguration(request: PlanRequest): PlanOutcome {
  const { desired, stored, scopes } = request;
  const changes = planChanges(desired, stored.model, scopes);
  const stateDiagnostics = runRules(STATE_RULES, {
    desired,
    declared: request.declared,
    stored: stored.model,
    scopes,
    changes,
    organizationReferences: request.organizationReferences,
  });
  const authorization =
    request.actor !== undefined || request.requireActor
      ? authorize({
          actor: request.actor,
          stored: stored.model,
          desired,
          changes,
          organizationReferences: request.organizationReferences,
        })
      : { diagnostics: [], rolesByScope: new Map<string, string>() };
  const plan = assemblePlan({
    scopes: baseRevisions(stored.revisions, scopes),
    changes,
    diagnostics: [
      ...request.configDiagnostics,
      ...stateDiagnostics,
      ...planPermission(request.actor, stored, scopes),
      ...authorization.diagnostics,
    ],
  });
  return { plan, rolesByScope: authorization.rolesByScope };
}

/** A customer-org read-only admin has no contact-center access, not even to plan (seed 000, table 1). */
function planPermission(
  actor: string | undefined,
  stored: StoredState,
  scopes: ReadonlySet<string>,
): Diagnostic[] {
  return [...scopes]
    .filter((scope) => !mayPlan(actor, stored.model, scope))
    .map((scope) =>
      error(
        'AUTHZ_DENIED',
        `${actor} (read-only-admin, customer org) has no contact-center access and may not plan ${scope}`,
        {
          address: `Tenant/${scope}`,
        },
      ),
    );
}

/** Each planned scope's revision when planned: an apply refuses the plan once one moved on. */
export function baseRevisions(
  revisions: ReadonlyMap<string, number>,
  scopes: ReadonlySet<string>,
): PlanScopes {
  const out: PlanScopes = {};
  for (const scope of [...scopes].sort()) out[scope] = { baseRevision: revisions.get(scope) ?? 0 };
  return out;
}

/**
 * Stored organizations this plan may change or delete: their references, in tenants
 * inside or outside the plan, decide REF_IN_USE and who may change them.
 */
export function organizationsTouched(
  desired: Model,
  stored: Model,
  scopes: ReadonlySet<string>,
): string[] {
  if (!scopes.has(GLOBAL_SCOPE)) return [];
  return stored
    .organizations()
    .filter((org) => desired.byAddress.get(org.address)?.hash !== org.hash)
    .map((org) => org.name)
    .sort();
}
