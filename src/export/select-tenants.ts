import { Model } from '../model/model.js';

/**
 * The part of a state `export --tenant` writes: the named tenants with everything in them, and
 * every organization, since tenants and users reference organizations and an export must plan
 * back to no changes on its own. Names not in the state are returned so the caller can refuse.
 */
export function selectTenants(
  model: Model,
  tenants: readonly string[],
): { model: Model; unknown: string[] } {
  if (tenants.length === 0) return { model, unknown: [] };
  const wanted = new Set(tenants);
  const kept = [...model.byAddress.values()].filter(
    (resource) =>
      resource.kind === 'Organization' ||
      wanted.has(resource.kind === 'Tenant' ? resource.name : (resource.tenant ?? '')),
  );
  const unknown = [...wanted].filter((name) => !model.get('Tenant', name)).sort();
  return { model: new Model(kept), unknown };
}
