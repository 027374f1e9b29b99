import { addressOf } from '../model/address.js';
import { hashed } from '../model/canonicalize.js';
import type { Kind } from '../model/kinds.js';
import { Model, type ModelResource, type ResourceValue } from '../model/model.js';
import type { Queryable } from './database.js';
import type { OrganizationReference, StoredState } from './state-store.js';

interface ResourceRow {
  kind: Kind;
  name: string;
  tenant: string | null;
  value: ResourceValue;
}

/**
 * The resources and latest revision numbers of some scopes, in one query each for all scopes.
 * Hashes are recomputed from the stored values, so a value edited outside ccac plans as a change.
 */
export async function readState(q: Queryable, scopes: readonly string[]): Promise<StoredState> {
  const wanted = [...new Set(scopes)];
  // Revisions first: outside a transaction the two reads see different moments, and a base
  // revision read before the resources can only be older than them — an apply then finds the
  // plan stale, never a plan made on older resources passing as current.
  const revisions = new Map(wanted.map((scope) => [scope, 0]));
  const latest = await q.query<{ scope: string; revision: number }>(
    'select scope, revision from scopes where scope = any($1::text[])',
    [wanted],
  );
  for (const row of latest) revisions.set(row.scope, row.revision);
  const rows = await q.query<ResourceRow>(
    `select kind, name, tenant, value from resources
      where scope = any($1::text[])
      order by scope collate "C", kind collate "C", name collate "C"`,
    [wanted],
  );
  return { model: new Model(rows.map(resourceOf)), revisions };
}

function resourceOf(row: ResourceRow): ModelResource {
  const value: ResourceValue = {
    spec: row.value.spec,
    ...(row.value.labels ? { labels: row.value.labels } : {}),
  };
  return {
    kind: row.kind,
    name: row.name,
    tenant: row.tenant,
    address: addressOf(row.kind, row.name, row.tenant),
    ...hashed(value),
  };
}

export async function listScopes(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ scope: string }>(
    `select scope from scopes union select distinct scope from resources order by 1`,
  );
  return rows.map((row) => row.scope).sort();
}

/**
 * Stored Tenants whose spec.partner, and Users whose spec.organization, names one of the organizations.
 * It spans all scopes by nature (who points at this organization?), so it is the one query without a scope filter.
 */
export async function organizationReferences(
  q: Queryable,
  organizations: readonly string[],
): Promise<OrganizationReference[]> {
  if (organizations.length === 0) return [];
  const rows = await q.query<{
    kind: Kind;
    name: string;
    tenant: string | null;
    organization: string;
  }>(
    `select kind, name, tenant, value->'spec'->>'partner' as organization
       from resources
      where kind = 'Tenant' and value->'spec'->>'partner' = any($1::text[])
     union all
     select kind, name, tenant, value->'spec'->>'organization' as organization
       from resources
      where kind = 'User' and value->'spec'->>'organization' = any($1::text[])`,
    [[...organizations]],
  );
  return rows
    .map((row) => ({
      address: addressOf(row.kind, row.name, row.tenant),
      organization: row.organization,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

export async function planApplied(q: Queryable, planDigest: string): Promise<boolean> {
  const rows = await q.query('select 1 from revisions where plan_digest = $1 limit 1', [
    planDigest,
  ]);
  return rows.length > 0;
}
