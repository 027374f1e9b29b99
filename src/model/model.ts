import { isGlobalKind, type Kind, type SpecOf } from './kinds.js';
import type { Origin } from './resource.js';

/** Webex Connect role derived from Control Hub admin roles (seed 001, role sync). */
export type ConnectRole = 'tenant-owner' | 'read-only';

/** A kind's spec in canonical form: defaults filled, sets sorted, derived fields added. */
export type CanonicalSpec<K extends Kind> = K extends 'User'
  ? SpecOf<'User'> & { connectRole?: ConnectRole }
  : K extends 'Flow'
    ? Omit<SpecOf<'Flow'>, 'definitionFile'> & { definition?: string }
    : SpecOf<K>;

/** What is compared, stored and exported for a resource. */
export interface ResourceValue<K extends Kind = Kind> {
  labels?: Record<string, string>;
  spec: CanonicalSpec<K>;
}

/** A resource in canonical form: from a configuration (with origin) or from the store. */
export interface ModelResource<K extends Kind = Kind> extends ResourceValue<K> {
  kind: K;
  name: string;
  tenant: string | null;
  address: string;
  /** Content hash of the canonical value. */
  hash: string;
  /** Set when the resource was declared in a file; implicit and stored ones have none. */
  origin?: Origin;
  /** Its term of its scope's digest, when the parse made it (scope-digest.ts digestTerm). */
  digestTerm?: string;
}

/** One kind's resources: all of them in insertion order, and by tenant and name. */
interface KindIndex {
  all: ModelResource[];
  /** Tenant → name → resource; global kinds are filed under null. */
  byTenant: Map<string | null, Map<string, ModelResource>>;
}

/**
 * Resources by address, with lookups by kind and tenant. Built once, read by rules and the planner.
 * Lookups run for every reference of every resource, so the indexes are nested maps: no key
 * string is built per call.
 */
export class Model {
  readonly byAddress = new Map<string, ModelResource>();
  private readonly byKind = new Map<Kind, KindIndex>();
  private readonly byTenant = new Map<string, ModelResource[]>();

  constructor(resources: Iterable<ModelResource> = []) {
    for (const resource of resources) this.add(resource);
  }

  /** Adds a resource; one at an address the model holds already replaces it (the last wins). */
  add(resource: ModelResource): void {
    const size = this.byAddress.size;
    this.byAddress.set(resource.address, resource);
    const index = this.kindIndex(resource.kind);
    const tenantKey = isGlobalKind(resource.kind) ? null : resource.tenant;
    let names = index.byTenant.get(tenantKey);
    if (!names) index.byTenant.set(tenantKey, (names = new Map()));
    // One address is one kind, tenant and name: the resource replaced is the one of that name.
    const previous = this.byAddress.size === size ? names.get(resource.name) : undefined;
    names.set(resource.name, resource);
    const members = this.members(resource.kind === 'Tenant' ? resource.name : resource.tenant);
    if (previous) {
      // Rare (tests lay resources over others): a scan keeps the old one out of the lists.
      replace(index.all, previous, resource);
      if (members) replace(members, previous, resource);
      return;
    }
    index.all.push(resource);
    members?.push(resource);
  }

  get<K extends Kind>(
    kind: K,
    name: string,
    tenant: string | null = null,
  ): ModelResource<K> | undefined {
    const index = this.byKind.get(kind);
    return index?.byTenant.get(isGlobalKind(kind) ? null : tenant)?.get(name) as
      ModelResource<K> | undefined;
  }

  /** Resources of a kind, in one tenant or (for global kinds) overall. */
  list<K extends Kind>(kind: K, tenant: string | null = null): ModelResource<K>[] {
    const names = this.byKind.get(kind)?.byTenant.get(isGlobalKind(kind) ? null : tenant);
    return [...(names?.values() ?? [])] as ModelResource<K>[];
  }

  /** Every resource of a kind across all tenants, in the order they were added. */
  ofKind<K extends Kind>(kind: K): readonly ModelResource<K>[] {
    return (this.byKind.get(kind)?.all ?? []) as ModelResource<K>[];
  }

  tenants(): ModelResource<'Tenant'>[] {
    return this.list('Tenant');
  }

  organizations(): ModelResource<'Organization'>[] {
    return this.list('Organization');
  }

  /** Every resource of a tenant, the Tenant itself included. */
  inTenant(tenant: string): readonly ModelResource[] {
    return this.byTenant.get(tenant) ?? [];
  }

  /** Names of the tenants that hold resources or are declared. */
  tenantNames(): string[] {
    return [...this.byTenant.keys()];
  }

  get size(): number {
    return this.byAddress.size;
  }

  private members(tenant: string | null): ModelResource[] | undefined {
    if (tenant === null) return undefined;
    let members = this.byTenant.get(tenant);
    if (!members) this.byTenant.set(tenant, (members = []));
    return members;
  }

  private kindIndex(kind: Kind): KindIndex {
    let index = this.byKind.get(kind);
    if (!index) this.byKind.set(kind, (index = { all: [], byTenant: new Map() }));
    return index;
  }
}

function replace<T>(list: T[], previous: T, next: T): void {
  const at = list.indexOf(previous);
  if (at >= 0) list[at] = next;
}
