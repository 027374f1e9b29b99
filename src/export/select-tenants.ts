import { Model } from '../model/model.js';

/**
 * The part of a state `export --tenant` writes: the named tenants with everything in them, and
 * every organization, since tenants and users reference organizations and an export must plan
 * back to no changes on its own. The caller has refused names not in the state.
 */
export function selectTenants(model: Model, tenants: readonly string[]): Model {
  if (tenants.length === 0) return model;
  const wanted = new Set(tenants);
  const kept = [...model.byAddress.values()].filter(
    (resource) =>
      resource.kind === 'Organization' ||
      wanted.has(resource.kind === 'Tenant' ? resource.name : (resource.tenant ?? '')),
  );
  return new Model(kept);
}
