import type { ValuePath } from '../../model/value-path.js';
import type { ModelResource } from '../../model/model.js';
import type { DeclaredResource } from '../../model/resource.js';
import type { ConfigContext } from '../rule.js';

/**
 * The items of a list field in canonical form (set lists are sorted); empty when absent.
 * Rules check these; where an item is written is found only when it is reported (`itemPath`).
 */
export function listValues(resource: ModelResource, field: string): readonly string[] {
  const list = (resource.spec as Record<string, unknown>)[field];
  return Array.isArray(list) ? (list as string[]) : [];
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

/**
 * The spec as written in the file (no defaults, lists in file order), when the resource was
 * declared. A cached declaration re-parses its file to answer, so rules read it only to report.
 */
export function declaredSpec(
  context: ConfigContext,
  resource: ModelResource,
): Record<string, unknown> | undefined {
  if (!resource.origin) return undefined;
  return declaredByAddress(context.declared).get(resource.address)?.spec as
    Record<string, unknown> | undefined;
}

const positionsCache = new WeakMap<readonly unknown[], Map<unknown, number>>();

/** Index of each item of a declared list; built once per list, as one rule may report many items. */
function positions(list: readonly unknown[]): Map<unknown, number> {
  let index = positionsCache.get(list);
  if (!index) {
    index = new Map();
    for (let i = list.length - 1; i >= 0; i--) index.set(list[i], i);
    positionsCache.set(list, index);
  }
  return index;
}

/**
 * Where an item of a list field is written, for a report: its position in the declaration, as
 * canonical lists are sorted (set items are unique, schema `uniqueItems`). Resources without a
 * declaration (implicit, stored) point at their canonical position; the whole list when the
 * item is not found.
 */
export function itemPath(
  context: ConfigContext,
  resource: ModelResource,
  field: string,
  value: string,
): ValuePath {
  const declared = declaredSpec(context, resource)?.[field];
  const list = Array.isArray(declared) ? declared : listValues(resource, field);
  const index = positions(list).get(value);
  return index === undefined ? ['spec', field] : ['spec', field, index];
}
