import { SYSTEM_ENTRY_POINT, type Kind } from '../model/kinds.js';
import type { Model, ModelResource } from '../model/model.js';
import { changeFields } from '../plan/make-plan.js';
import type { Action, ResourceChange } from '../model/plan.js';
import { userOrganization, type OrganizationKind } from '../rules/support/organizations.js';
import type { AdminRole } from './actor.js';

/**
 * One thing a role must allow: a whole resource (create, delete) or one changed field (update).
 * Permissions are decided per item, so one forbidden field denies only itself.
 */
export interface ChangeItem {
  change: ResourceChange;
  /** The kind whose permission applies (see `permissionKind`). */
  kind: Kind;
  action: Action;
  /** For an update: the changed field, e.g. `spec.telephony`, `spec.shifts[0].start`, `labels.team`. */
  path?: string;
  /** For an update of a User's `spec.adminRoles`: whose admin roles change, and how. */
  user?: UserTarget;
}

export interface UserTarget {
  /** The organization kind of the user being changed (undefined: organization not known). */
  org: OrganizationKind | undefined;
  added: AdminRole[];
  removed: AdminRole[];
}

/** Derived fields follow from others (SPEC §2: connectRole from adminRoles) and are never written by users. */
const DERIVED_FIELDS: readonly string[] = ['spec.connectRole'];

/**
 * The items of one change. The admin-role delta is worked out only for the items that need it
 * (updates of a user's adminRoles): a cold plan creates every user.
 */
export function changeItems(change: ResourceChange, stored: Model, desired: Model): ChangeItem[] {
  const kind = permissionKind(change);
  if (change.action !== 'update') return [{ change, kind, action: change.action }];
  const items: ChangeItem[] = [];
  for (const { path } of changeFields(change)) {
    if (DERIVED_FIELDS.some((d) => under(path, d))) continue;
    const item: ChangeItem = { change, kind, action: 'update', path };
    if (change.kind === 'User' && under(path, 'spec.adminRoles'))
      item.user = userTarget(change, stored, desired);
    items.push(item);
  }
  return items;
}

/**
 * The system entry point exists from its tenant's creation and goes with its deletion (SPEC §2),
 * so creating or deleting it needs what creating or deleting the Tenant needs; updates to it
 * are EntryPoint changes.
 */
export function permissionKind(change: ResourceChange): Kind {
  const systemEntryPoint = change.kind === 'EntryPoint' && change.name === SYSTEM_ENTRY_POINT;
  return systemEntryPoint && change.action !== 'update' ? 'Tenant' : change.kind;
}

/** `path` is `field` or inside it: `spec.licenses.standard`, `spec.shifts[1]`. */
export function under(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
}

function userTarget(change: ResourceChange, stored: Model, desired: Model): UserTarget {
  const before = roles(change.before?.spec);
  const after = roles(change.after?.spec);
  const value = (change.after ?? change.before) as { spec: ModelResource<'User'>['spec'] };
  const user = { kind: 'User', name: change.name, tenant: change.tenant, spec: value.spec };
  const asResource = user as ModelResource<'User'>;
  // The target's organization is not the actor's privilege, so a new one may come from the configuration.
  const org = userOrganization(stored, asResource) ?? userOrganization(desired, asResource);
  return {
    org: org?.kind,
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
  };
}

function roles(spec: unknown): AdminRole[] {
  return ((spec as { adminRoles?: AdminRole[] } | undefined)?.adminRoles ?? []).slice();
}
