import type { SpecOf } from '../model/kinds.js';
import { hiddenCharacter, normalizeEmail } from '../model/names.js';
import type { Model, ModelResource } from '../model/model.js';
import { userOrganization, type UserOrganization } from '../rules/support/organizations.js';

export type AdminRole = NonNullable<SpecOf<'User'>['adminRoles']>[number];
export type License = NonNullable<SpecOf<'User'>['license']>;

/** The actor as a user of one tenant: the roles that decide what this apply may change there. */
export interface TenantActor {
  email: string;
  tenant: string;
  /** Undefined when the user's organization is not in the state read (only full-admin rows then apply). */
  org: UserOrganization | undefined;
  /** The user's organization name: the tenant's own for the customer org. */
  orgName: string;
  roles: readonly AdminRole[];
  license: License;
  /** The tenant is not stored yet and the desired configuration declares the actor as its full-admin. */
  bootstrap: boolean;
}

export type ActorLookup = { found: true; actor: TenantActor } | { found: false; reason: string };

/** Actor names are e-mail addresses, kept and compared as normalizeEmail gives them; undefined when empty. */
export function normalizeActor(actor: string | undefined): string | undefined {
  const normalized = actor === undefined ? '' : normalizeEmail(actor);
  return normalized === '' ? undefined : normalized;
}

/**
 * Why a typed actor names nobody, or undefined: a control or invisible character inside it (one
 * at either end is trimmed), which would make it another name that reads the same.
 */
export function actorProblem(actor: string): string | undefined {
  const hidden = hiddenCharacter(actor.trim());
  if (hidden === undefined) return undefined;
  return `it holds ${hidden}, a control or invisible character: type the e-mail address plainly`;
}

/** A tenant counts as stored when the state read holds anything of it. */
export function isStoredTenant(stored: Model, tenant: string): boolean {
  return stored.inTenant(tenant).length > 0;
}

/**
 * The actor's roles in a tenant come from the stored state only, so nobody grants themselves a
 * role and uses it in the same apply (SPEC §3). A tenant not stored yet is bootstrapped by an
 * actor the desired configuration declares as its `full-admin` (SPEC §3, bootstrap).
 */
export function actorInTenant(
  email: string,
  tenant: string,
  stored: Model,
  desired: Model,
): ActorLookup {
  if (isStoredTenant(stored, tenant)) {
    const user = stored.get('User', email, tenant);
    if (user) return { found: true, actor: tenantActor(user, stored, false) };
    return {
      found: false,
      reason: `${email} is not a user of tenant ${tenant} in the stored state`,
    };
  }
  const declared = desired.get('User', email, tenant);
  if (declared?.spec.adminRoles?.includes('full-admin'))
    return { found: true, actor: tenantActor(declared, desired, true) };
  const declaredAs = declared?.spec.adminRoles?.length
    ? `; it declares ${email} as ${declared.spec.adminRoles.join(', ')}`
    : declared
      ? `; it declares ${email} without an admin role`
      : '';
  return {
    found: false,
    reason:
      `tenant ${tenant} is not stored yet: only a user the configuration declares as its ` +
      `full-admin may create it${declaredAs}`,
  };
}

function tenantActor(user: ModelResource<'User'>, model: Model, bootstrap: boolean): TenantActor {
  return {
    email: user.name,
    tenant: user.tenant ?? '',
    org: userOrganization(model, user),
    orgName: user.spec.organization ?? user.tenant ?? '',
    roles: user.spec.adminRoles ?? [],
    license: user.spec.license ?? 'none',
    bootstrap,
  };
}

/** "ann@acme.example (cc-service-admin and supervisor, customer org)", for denial messages. */
export function describeActor(actor: TenantActor): string {
  const org = actor.org ? `${actor.org.kind} org` : `organization ${actor.orgName} not stored`;
  return `${actor.email} (${actor.bootstrap ? 'bootstrap ' : ''}${describeRoles(actor)}, ${org})`;
}

/** "cc-service-admin and supervisor", "full-admin with a standard license", "no admin role". */
export function describeRoles(actor: TenantActor | undefined): string {
  if (!actor?.roles.length) return 'no admin role';
  return actor.roles
    .map((role) =>
      role === 'full-admin' && actor.license === 'standard'
        ? `${role} with a standard license`
        : role,
    )
    .join(' and ');
}
