import { isGlobalKind, isKind, type Kind } from './kinds.js';

/**
 * `<tenant>/<Kind>/<name>` for tenant kinds, `<Kind>/<name>` for global ones.
 * Names may not contain '/' in tenants and kinds, so the first slashes split unambiguously.
 */
export function addressOf(kind: Kind, name: string, tenant: string | null): string {
  return isGlobalKind(kind) ? `${kind}/${name}` : `${tenant}/${kind}/${name}`;
}

/**
 * The scope a resource belongs to: its tenant, or for a Tenant itself its own name.
 * Organizations belong to the global scope.
 */
export function scopeOf(kind: Kind, name: string, tenant: string | null): string {
  if (kind === 'Tenant') return name;
  if (kind === 'Organization') return GLOBAL_SCOPE;
  return tenant ?? GLOBAL_SCOPE;
}

/** Organizations are not in any tenant; their revisions form a chain of their own. Tenant names cannot start with '_'. */
export const GLOBAL_SCOPE = '_global';

/**
 * The organizations' scope as every output names it (plan, JSON, apply, history, report,
 * anchors): `_global` is how the store keys it, and never shows.
 */
export const ORGANIZATIONS_SCOPE_NAME = 'organizations';

/** A scope as people see it: a tenant's name, or `organizations`. */
export function scopeName(scope: string): string {
  return scope === GLOBAL_SCOPE ? ORGANIZATIONS_SCOPE_NAME : scope;
}

/**
 * The scope a person names (an anchor, a `--tenant` filter of the history): `organizations` is
 * the organizations' scope, as is `_global`, which anchors kept before ccac named it so hold.
 */
export function scopeNamed(name: string): string {
  return name === ORGANIZATIONS_SCOPE_NAME ? GLOBAL_SCOPE : name;
}

/** `Tenant/acme` → acme, `Organization/x` → `_global`, `acme/Queue/q` → acme (SPEC §2 addresses). */
export function scopeOfAddress(address: string): string {
  const parts = address.split('/');
  const [first = '', second = ''] = parts;
  if (parts.length > 2) return first;
  return first === 'Organization' ? GLOBAL_SCOPE : second;
}

/** `Tenant/acme` → Tenant, `acme/Queue/q` → Queue; undefined when the address names no kind. */
export function kindOfAddress(address: string): Kind | undefined {
  const parts = address.split('/');
  const kind = parts.length > 2 ? parts[1] : parts[0];
  return isKind(kind) ? kind : undefined;
}

/** A resource as a configuration digest names it: its address and content hash. */
export interface AddressHash {
  address: string;
  hash: string;
}
