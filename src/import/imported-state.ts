import { addressOf } from '../model/address.js';
import { canonicalTenant, hashed } from '../model/canonicalize.js';
import type { Kind, SpecOf } from '../model/kinds.js';
import { Model, type CanonicalSpec, type ModelResource } from '../model/model.js';
import type { ImportedResource } from '../webex/reconcile/import-live.js';
import type { RemoteRef } from '../webex/remote-refs.js';

/**
 * What an import makes of a tenant: its resources in canonical form, as the store would hold them
 * (so export writes them as it writes a stored state), and the Webex objects each was read from.
 * This is also what `import webex --adopt` records as the tenant's first revision: the model as
 * its resources, `refs` as their remote ids and versions.
 */
export interface ImportedState {
  model: Model;
  refs: Map<string, RemoteRef[]>;
}

export function importedState(
  tenant: string,
  tenantSpec: SpecOf<'Tenant'>,
  resources: readonly ImportedResource[],
): ImportedState {
  const model = new Model([resourceOf('Tenant', tenant, null, canonicalTenant(tenantSpec))]);
  const refs = new Map<string, RemoteRef[]>();
  for (const resource of resources) {
    const imported = resourceOf(resource.kind, resource.name, tenant, resource.spec);
    model.add(imported);
    refs.set(imported.address, resource.refs);
  }
  return { model, refs };
}

function resourceOf<K extends Kind>(
  kind: K,
  name: string,
  tenant: string | null,
  spec: CanonicalSpec<K>,
): ModelResource<K> {
  const { hash } = hashed({ spec });
  return { kind, name, tenant, address: addressOf(kind, name, tenant), spec, hash };
}
