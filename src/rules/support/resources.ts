import type { ValuePath } from '../../config/yaml-document.js';
import type { Kind } from '../../model/kinds.js';
import type { Model, ModelResource } from '../../model/model.js';
import type { DeclaredResource } from '../../model/resource.js';
import type { ConfigContext } from '../rule.js';

const byKindCache = new WeakMap<Model, Map<Kind, ModelResource[]>>();

/** Every resource of a kind across all tenants, in declaration order; indexed once per model. */
export function ofKind<K extends Kind>(model: Model, kind: K): readonly ModelResource<K>[] {
  let index = byKindCache.get(model);
  if (!index) {
    index = new Map();
    for (const resource of model.byAddress.values()) {
      let list = index.get(resource.kind);
      if (!list) index.set(resource.kind, (list = []));
      list.push(resource);
    }
    byKindCache.set(model, index);
  }
  return (index.get(kind) ?? []) as ModelResource<K>[];
}

const declaredCache = new WeakMap<readonly DeclaredResource[], Map<string, DeclaredResource>>();

/** The declaration the model kept for each address (the first one; later ones are duplicates). */
function declaredByAddress(declared: readonly DeclaredResource[]): Map<string, DeclaredResource> {
  let index = declaredCache.get(declared);
  if (!index) {
    index = new Map();
    for (const resource of declared)
      if (!index.has(resource.address)) index.set(resource.address, resource);
    declaredCache.set(declared, index);
  }
  return index;
}

/** The spec as written in the file (no defaults, lists in file order), when the resource was declared. */
export function declaredSpec(
  context: ConfigContext,
  resource: ModelResource,
): Record<string, unknown> | undefined {
  if (!resource.origin) return undefined;
  return declaredByAddress(context.declared).get(resource.address)?.spec as
    Record<string, unknown> | undefined;
}

export interface ListItem {
  value: string;
  path: ValuePath;
}

/**
 * Items of a list field with their paths in the file. Canonical lists are sorted, so positions
 * come from the declaration; resources without one (implicit, stored) fall back to canonical order.
 */
export function listItems(
  context: ConfigContext,
  resource: ModelResource,
  field: string,
): ListItem[] {
  const declared = declaredSpec(context, resource)?.[field];
  const canonical = (resource.spec as Record<string, unknown>)[field];
  const list = Array.isArray(declared) ? declared : Array.isArray(canonical) ? canonical : [];
  const items: ListItem[] = [];
  for (const [index, value] of list.entries())
    if (typeof value === 'string') items.push({ value, path: ['spec', field, index] });
  return items;
}
