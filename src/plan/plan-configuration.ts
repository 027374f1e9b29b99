import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf, GLOBAL_SCOPE } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import { authorize, planViews, type ScopeView } from '../authz/index.js';
import { organizationsNamed } from '../authz/named-organizations.js';
import { tenantDestroys } from './destroyed-tenants.js';
import { assemblePlan, planChanges } from './make-plan.js';
import type { Plan, PlanScopes, ResourceChange } from '../model/plan.js';
import { checkReachedTenants } from '../rules/reached-tenants.js';
import { STATE_RULES } from '../rules/registry.js';
import { runRules } from '../rules/rule.js';
import type { OrganizationReference, StoredState } from '../model/stored-state.js';

export interface PlanRequest {
  desired: Model;
  declared: readonly DeclaredResource[];
  configDiagnostics: readonly Diagnostic[];
  stored: StoredState;
  scopes: ReadonlySet<string>;
  /** Authorization runs when an actor is given, or always when one is required (apply). */
  actor: string | undefined;
  requireActor: boolean;
  /**
   * Apply only (`requireActor`): whether `--destroy` was given. Without it, a plan that deletes a
   * whole tenant is refused (TENANT_DESTROY), as is any destroy in a plan re-checked without it.
   */
  destroy?: boolean;
  /** Stored references to the organizations touched (organizationsTouched). */
  organizationReferences: readonly OrganizationReference[];
}

export interface PlanOutcome {
  plan: Plan;
  /** Per scope, the actor's role that allowed its changes: recorded in the revision. */
  rolesByScope: Map<string, string>;
  /** What the named actor may see of the plan (visiblePlan); undefined: everything. */
  views: Map<string, ScopeView> | undefined;
}

/**
 * Desired vs stored → changes, then stateful rules (on the planned scopes and on the tenants an
 * organization change reaches), authorization, and what the actor may see. Pure.
 */
export function planConfiguration(request: PlanRequest): PlanOutcome {
  const { desired, stored, scopes } = request;
  const changes = planChanges(desired, stored.model, scopes);
  const context = {
    desired,
    declared: request.declared,
    stored: stored.model,
    scopes,
    changes,
    organizationReferences: request.organizationReferences,
  };
  const stateDiagnostics = runRules(STATE_RULES, context);
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
  const views = planViews(request.actor, stored.model, scopes);
  const plan = assemblePlan({
    scopes: baseRevisions(stored.revisions, scopes),
    changes,
    diagnostics: [
      ...request.configDiagnostics,
      ...newFindings(checkReachedTenants(context), request.configDiagnostics),
      ...stateDiagnostics,
      ...refusals(views),
      ...authorization.diagnostics,
      ...(request.requireActor && !request.destroy ? unconfirmedDestroys(changes) : []),
    ],
  });
  return { plan, rolesByScope: authorization.rolesByScope, views };
}

/** Scopes the actor may not plan at all (visibility.ts: a customer-org read-only admin). */
function refusals(views: ReadonlyMap<string, ScopeView> | undefined): Diagnostic[] {
  return [...(views?.values() ?? [])].flatMap((view) =>
    view.refused && view.notice ? [view.notice] : [],
  );
}

/**
 * Destroying a tenant is a deliberate act (as `terraform destroy` is): an apply deletes a whole
 * tenant only when told to with `--destroy`.
 */
function unconfirmedDestroys(changes: readonly ResourceChange[]): Diagnostic[] {
  return tenantDestroys(changes).map(({ tenant, resources }) =>
    error(
      'TENANT_DESTROY',
      `this apply destroys tenant ${tenant}: it and all ${resources} of its resources would be deleted; apply with --destroy to mean it`,
      { address: addressOf('Tenant', tenant, null) },
    ),
  );
}

/** Findings not made on the configuration already (a reached tenant the files declare too). */
function newFindings(found: readonly Diagnostic[], made: readonly Diagnostic[]): Diagnostic[] {
  const known = new Set(made.map((d) => `${d.code} ${d.address ?? ''}`));
  return found.filter((d) => !known.has(`${d.code} ${d.address ?? ''}`));
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
 * Stored organizations this plan may change, delete, or name anew as a tenant's partner or a
 * user's partner organization: their references, in tenants inside or outside the plan, decide
 * REF_IN_USE, the rules on the tenants a change reaches, and who may change or name them.
 */
export function organizationsTouched(
  desired: Model,
  stored: Model,
  scopes: ReadonlySet<string>,
): string[] {
  const changed = scopes.has(GLOBAL_SCOPE)
    ? stored
        .organizations()
        .filter((org) => desired.byAddress.get(org.address)?.hash !== org.hash)
        .map((org) => org.name)
    : [];
  return [...new Set([...changed, ...organizationsNamed(desired, stored, scopes)])].sort();
}
