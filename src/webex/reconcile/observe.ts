import { compare } from '../../diagnostics/diagnostic.js';
import { scopeOfAddress } from '../../model/address.js';
import type { TenantKind } from '../../model/kinds.js';
import type { Model, ModelResource } from '../../model/model.js';
import type { LiveState } from '../entities.js';
import { KIND_MAPPINGS } from '../mapping/kinds.js';
import type { EntityMapping } from '../mapping/mapping.js';
import type { RecordedRemotes } from '../remote-refs.js';
import { TenantView } from './live-index.js';
import type { Observation } from './observation.js';
import { partKey, ResourceObserver, type Matched } from './resource-observer.js';
import { retiredUser } from './retired-user.js';
import { KIND_ORDER } from './write-order.js';

export interface ObserveInput {
  tenant: string;
  /** The stored state at the latest revision (only this tenant's resources are looked at). */
  model: Model;
  /** The remote ids ccac recorded per address. */
  recorded: RecordedRemotes;
  /** Everything listed from the tenant's organization. */
  live: LiveState;
}

/**
 * Live against stored, per resource (Crossplane's Observe, Terraform's Read): each resource is
 * matched to its live objects by recorded id, else by name (a same-named object is adopted,
 * never duplicated), and found in sync, to create, to update (field by field, live against
 * stored), to delete, or not carried. Pure: push --dry-run, drift --live and push itself all
 * start here.
 */
export function observe(input: ObserveInput): Observation {
  return observeView(new TenantView(input.tenant, input.model, input.recorded, input.live));
}

/** observe() on a view push goes on using (its lookup holds the planned objects' placeholders). */
export function observeView(view: TenantView): Observation {
  const desired = desiredResources(view.model, view.tenant);
  const matches = new Map<string, Matched>();
  const claimed = new Set<string>();
  const awaitingLicence = new Set<string>();
  const writers = new SharedWriters();

  const removed = removedAddresses(view);
  const retired = removed.filter((a) => a.startsWith(`${view.tenant}/User/`)).map(retiredUser);
  // Match everything first, and expect what will be created, so references resolve either way.
  for (const resource of [...desired, ...retired]) {
    for (const mapping of KIND_MAPPINGS[resource.kind].entities) {
      for (const key of mapping.keys(resource as ModelResource<TenantKind>)) {
        if (!writers.claim(resource, mapping, key)) continue;
        const found = view.match(resource, mapping, key);
        if (found) {
          matches.set(partKey(resource, mapping.entity, key), found);
          claimed.add(`${mapping.entity}:${found.id}`);
        } else if (retired.includes(resource as ModelResource<'User'>)) continue;
        else if (mapping.creatable !== false) view.lookup.expect(mapping.entity, key);
        else if (gainsLicence(resource as ModelResource<'User'>)) {
          view.lookup.expect(mapping.entity, key);
          awaitingLicence.add(resource.address);
        }
      }
    }
  }
  claimLinked(view, desired, claimed);
  const siteId = view.lookup.id('site', view.tenant);
  const site = {
    create:
      siteId === undefined &&
      desired.some((r) => r.kind === 'Team' && !matches.has(partKey(r, 'team', r.name))),
  };
  if (site.create) view.lookup.expect('site', view.tenant);

  const observer = new ResourceObserver(view, matches, claimed, awaitingLicence, writers.conflicts);
  const resources = [
    ...desired.map((resource) => observer.observe(resource)),
    ...removed.map((address) => observer.observeRemoved(address)),
  ].sort((a, b) => compare(a.address, b.address));
  return { tenant: view.tenant, resources, site: siteId ? { id: siteId, create: false } : site };
}

/**
 * Who writes each object others may link to (a holiday list several business hours name): the
 * first resource that declares its content; a second one is refused (ResourceObserver), so two
 * never take turns rewriting it or both create it.
 */
class SharedWriters {
  private readonly writers = new Map<string, string>();
  /** Per refused address: why, and the keys it was not given. */
  readonly conflicts = new Map<string, { reason: string; keys: string[] }>();

  claim(resource: ModelResource, mapping: EntityMapping, key: string): boolean {
    if (!mapping.linkedKeys) return true;
    const part = `${mapping.entity}\u0000${key}`;
    const writer = this.writers.get(part);
    if (writer === undefined || writer === resource.address) {
      this.writers.set(part, resource.address);
      return true;
    }
    const conflict = this.conflicts.get(resource.address) ?? {
      reason: `${mapping.entity} "${key}" is written by ${writer} already: declare its content in one ${resource.kind} and name it alone in the others`,
      keys: [],
    };
    conflict.keys.push(partKey(resource, mapping.entity, key));
    this.conflicts.set(resource.address, conflict);
    return false;
  }
}

/** Objects a resource links to without writing them are not another's to delete. */
function claimLinked(view: TenantView, desired: readonly ModelResource[], claimed: Set<string>) {
  for (const resource of desired)
    for (const mapping of KIND_MAPPINGS[resource.kind].entities)
      for (const key of mapping.linkedKeys?.(resource as ModelResource<TenantKind>) ?? []) {
        const id = view.lookup.id(mapping.entity, key);
        if (id !== undefined) claimed.add(`${mapping.entity}:${id}`);
      }
}

/** The tenant's resources in planning order: a resource's references are planned before it. */
function desiredResources(model: Model, tenant: string): ModelResource[] {
  const resources = model.inTenant(tenant).filter((r) => r.kind !== 'Tenant');
  const rank = (r: ModelResource) => KIND_ORDER.indexOf(r.kind as TenantKind);
  const tenantResource = model.get('Tenant', tenant);
  return [
    ...(tenantResource ? [tenantResource] : []),
    ...resources.sort((a, b) => rank(a) - rank(b) || compare(a.name, b.name)),
  ];
}

/** Recorded addresses of the tenant the stored state no longer has. */
function removedAddresses(view: TenantView): string[] {
  return [...view.recorded.keys()]
    .filter((a) => scopeOfAddress(a) === view.tenant && !view.model.byAddress.has(a))
    .sort(compare);
}

/** A user whose person gets (or keeps) a contact-center licence: Webex makes its CC user. */
function gainsLicence(user: ModelResource<'User'>): boolean {
  return user.kind === 'User' && (user.spec.license ?? 'none') !== 'none';
}
