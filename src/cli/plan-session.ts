import { hasErrors } from '../diagnostics/diagnostic.js';
import type { CheckedConfig } from '../pipeline/check-config.js';
import {
  organizationsTouched,
  planConfiguration,
  type PlanOutcome,
} from '../pipeline/plan-configuration.js';
import { Model } from '../model/model.js';
import { planScopes, scopesToRead } from '../pipeline/plan-scopes.js';
import { assemblePlan } from '../plan/make-plan.js';
import type { OrganizationReference, StateReader, StoredState } from '../store/state-store.js';

/** Reads what a plan needs from the store and plans; config errors stop before the store is read. */
export async function planAgainstStore(
  reader: StateReader,
  checked: CheckedConfig,
  options: { tenants: readonly string[]; actor: string | undefined; requireActor: boolean },
): Promise<PlanOutcome & { scopes: Set<string>; stored: StoredState }> {
  const scopes = planScopes(checked.desired, options.tenants);
  if (hasErrors(checked.diagnostics)) {
    const plan = assemblePlan({ scopes: {}, changes: [], diagnostics: checked.diagnostics });
    return {
      plan,
      rolesByScope: new Map(),
      scopes,
      stored: { model: new Model(), revisions: new Map() },
    };
  }
  let stored = await reader.readState(scopesToRead(scopes));
  const touched = organizationsTouched(checked.desired, stored.model, scopes);
  const organizationReferences =
    touched.length > 0 ? await reader.organizationReferences(touched) : [];
  // Who may change an organization depends on the tenants that reference it, planned or not.
  const referencing = referencingScopes(organizationReferences, stored);
  if (referencing.length > 0)
    stored = await reader.readState([...scopesToRead(scopes), ...referencing]);
  const outcome = planConfiguration({
    desired: checked.desired,
    declared: checked.declared,
    configDiagnostics: checked.diagnostics,
    stored,
    scopes,
    actor: options.actor,
    requireActor: options.requireActor,
    organizationReferences,
  });
  // The stored state too: drift is checked against it, and markdown draws both sides.
  return { ...outcome, scopes, stored };
}

function referencingScopes(
  references: readonly OrganizationReference[],
  stored: StoredState,
): string[] {
  const scopes = references.map(({ address }) =>
    address.startsWith('Tenant/') ? address.slice('Tenant/'.length) : (address.split('/')[0] ?? ''),
  );
  return [...new Set(scopes)].filter((scope) => !stored.model.get('Tenant', scope)).sort();
}
