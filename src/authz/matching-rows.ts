import type { TenantActor } from './actor.js';
import { PERMISSIONS, type Permission, type RoleRow } from './permissions.js';

/** The rows of SPEC §3 that apply to the actor in a tenant: one per role held, in table order. */
export function matchingRows(actor: TenantActor): Permission[] {
  return rowsFor(actor, PERMISSIONS);
}

/** The rows of a table keyed like SPEC §3 (permissions, visibility) that apply to the actor. */
export function rowsFor<R extends RoleRow>(actor: TenantActor, table: readonly R[]): R[] {
  return table.filter(
    (row) =>
      actor.roles.includes(row.role) &&
      (row.orgs === 'any' || (actor.org !== undefined && row.orgs.includes(actor.org.kind))) &&
      (row.standardLicense === undefined || row.standardLicense === (actor.license === 'standard')),
  );
}

/** What a revision records: "full-admin", "cc-service-admin (external org)", "bootstrap full-admin". */
export function rowLabel(row: Permission, actor: TenantActor): string {
  const notes: string[] = [];
  if (actor.org && actor.org.kind !== 'customer') notes.push(`${actor.org.kind} org`);
  if (row.standardLicense) notes.push('standard license');
  const role = `${actor.bootstrap ? 'bootstrap ' : ''}${row.role}`;
  return notes.length ? `${role} (${notes.join(', ')})` : role;
}
