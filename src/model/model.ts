import type { Kind, SpecOf } from './kinds.js';
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
}

/** Resources by address, with lookups by kind and tenant. Built once, read by rules and the planner. */
export class Model {
  readonly byAddress = new Map<string, ModelResource>();
  private readonly byTenantKind = new Map<string, Map<string, ModelResource>>();
  private readonly byTenant = new Map<string, ModelResource[]>();

  constructor(resources: Iterable<ModelResource> = []) {
    for (const resource of resources) this.add(resource);
  }

  add(resource: ModelResource): void {
    this.byAddress.set(resource.address, resource);
    const key = bucket(resource.kind, resource.tenant);
    let names = this.byTenantKind.get(key);
    if (!names) this.byTenantKind.set(key, (names = new Map()));
    names.set(resource.name, resource);
    const tenant = resource.kind === 'Tenant' ? resource.name : resource.tenant;
    if (tenant !== null) {
      let members = this.byTenant.get(tenant);
      if (!members) this.byTenant.set(tenant, (members = []));
      members.push(resource);
    }
  }

  get<K extends Kind>(
    kind: K,
    name: string,
    tenant: string | null = null,
  ): ModelResource<K> | undefined {
    return this.byTenantKind.get(bucket(kind, tenant))?.get(name) as ModelResource<K> | undefined;
  }

  /** Resources of a kind, in one tenant or (for global kinds) overall. */
  list<K extends Kind>(kind: K, tenant: string | null = null): ModelResource<K>[] {
    return [...(this.byTenantKind.get(bucket(kind, tenant))?.values() ?? [])] as ModelResource<K>[];
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
}

function bucket(kind: Kind, tenant: string | null): string {
  return kind === 'Tenant' || kind === 'Organization' ? kind : `${tenant}\u0000${kind}`;
}
