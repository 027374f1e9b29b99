import { GLOBAL_SCOPE } from '../model/address.js';
import type { Model } from '../model/model.js';

/**
 * What a plan covers. Without `--tenant`: every declared tenant, and the organizations
 * when the configuration declares any. With `--tenant`: just those named — a named tenant
 * the configuration does not declare is planned for deletion.
 */
export function planScopes(desired: Model, named: readonly string[]): Set<string> {
  return declaredScopes(
    {
      tenants: desired.tenants().map((t) => t.name),
      organizations: desired.organizations().length > 0,
    },
    named,
  );
}

/** planScopes, from what a configuration declares (a ConfigSummary holds the same). */
export function declaredScopes(
  declared: { tenants: readonly string[]; organizations: boolean },
  named: readonly string[],
): Set<string> {
  if (named.length > 0) return new Set(named);
  const scopes = new Set(declared.tenants);
  if (declared.organizations) scopes.add(GLOBAL_SCOPE);
  return scopes;
}

/** Scopes to read from the store: the planned ones, and organizations, which tenants reference. */
export function scopesToRead(scopes: ReadonlySet<string>): string[] {
  return [...new Set([...scopes, GLOBAL_SCOPE])].sort();
}
