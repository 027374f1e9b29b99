import type { Kind } from '../model/kinds.js';
import type { OrganizationKind } from '../rules/support/organizations.js';
import type { AdminRole } from './actor.js';
import { under, type ChangeItem } from './change-items.js';

/** Which actors a row of SPEC §3 is for: a role, from some organization kinds, and a license. */
export interface RoleRow {
  role: AdminRole;
  /** The actor's organization kinds the row is for; 'any' also covers an organization not stored. */
  orgs: 'any' | readonly OrganizationKind[];
  /** full-admin splits on the license: a standard license removes the admin functions. */
  standardLicense?: boolean;
}

/**
 * One row of SPEC §3 "Who may change what": which actors it is for, and what it allows.
 * Organizations are decided across tenants (see organizations.ts), never by a row. What a row
 * may see of a plan is the table beside it (visibility.ts).
 */
export interface Permission extends RoleRow {
  /** May full-admins of the tenant's referencing tenants change Organizations? Only this row. */
  organizations: boolean;
  /** One line a reader can check against the sources. */
  source: string;
  allows(item: ChangeItem): boolean;
}

/** The contact-center kinds: everything a tenant holds but its users (SPEC §2). */
export const CONTACT_CENTER_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'Team',
  'Queue',
  'Campaign',
  'EntryPoint',
  'Flow',
  'BusinessHours',
  'DesktopProfile',
]);

/** Set in the services setup wizard or by the subscription: full-admin only (seed 000, "geen toegang tot de wizard Services instellen"). */
export const TENANT_SETUP_FIELDS: readonly string[] = [
  'spec.countryOfOperation',
  'spec.timezone',
  'spec.platform',
  'spec.telephony',
  'spec.subscription',
  'spec.partner',
  'spec.licenses',
];

/**
 * What a service admin may change on an existing user (seed 000, "Licenties bewerken",
 * "Beheerdersrollen"). `labels` are ccac's own bookkeeping, not a Control Hub field: a role may
 * change them wherever it may update the resource.
 */
export const USER_SERVICE_FIELDS: readonly string[] = [
  'spec.license',
  'spec.teams',
  'spec.contactCenterRole',
  'spec.desktopProfile',
  'labels',
];

/** A supervisor's business-hours work: shifts, holidays, overrides (seed 000, table 1). */
export const BUSINESS_HOURS_SUPERVISOR_FIELDS: readonly string[] = [
  'spec.shifts',
  'spec.holidays',
  'spec.overrides',
  'labels',
];

const everything = (): boolean => true;
const nothing = (): boolean => false;

/**
 * SPEC §3, one entry per row, in the table's order. A user holding several roles may do what
 * any matching row allows.
 */
export const PERMISSIONS: readonly Permission[] = [
  {
    role: 'full-admin',
    orgs: 'any',
    standardLicense: false,
    organizations: true,
    source: 'seed 000, table 1 (Volledige beheerder, all three orgs); SPEC §3 row 1',
    allows: everything,
  },
  {
    role: 'cc-service-admin',
    orgs: ['customer'],
    organizations: false,
    source:
      'seed 000, tables 1 and 2 (Contact Center-servicebeheerder, klantorganisatie); SPEC §3 row 2',
    allows: serviceAdmin(['customer', 'external']),
  },
  {
    role: 'cc-service-admin',
    orgs: ['external'],
    organizations: false,
    source: 'seed 000, table 2 (een andere organisatie: only to customer-org users); SPEC §3 row 3',
    allows: serviceAdmin(['customer']),
  },
  {
    // "Every contact-center kind" reads as it does for the service admin: the seed gives the
    // provisioning admin the same line ("Beheer alle Webex Contact center-functies"), so it may
    // change the tenant's contact-center settings (numbers, connect, queue login) but not the
    // setup-wizard and subscription fields, nor create or delete the tenant; no user changes.
    role: 'provisioning-admin',
    orgs: ['partner'],
    organizations: false,
    source: 'seed 000, table 1 (Leveringsbeheerder: geen gebruikersbeheer); SPEC §3 row 4',
    allows: (item) => CONTACT_CENTER_KINDS.has(item.kind) || tenantServiceField(item),
  },
  {
    // Updates of existing business hours only: creating one needs a time zone, outside the three.
    role: 'supervisor',
    orgs: ['customer'],
    organizations: false,
    source: 'seed 000, table 1 (Supervisor: diensten, vakanties, overrides); SPEC §3 row 5',
    allows: (item) =>
      item.kind === 'BusinessHours' && updatesOneOf(item, BUSINESS_HOURS_SUPERVISOR_FIELDS),
  },
  {
    role: 'read-only-admin',
    orgs: ['partner', 'external'],
    organizations: false,
    source:
      'seed 000, table 1 (Alleen-lezen-beheerder, partner/andere: alleen lezen); SPEC §3 row 6',
    allows: nothing,
  },
  {
    role: 'read-only-admin',
    orgs: ['customer'],
    organizations: false,
    source: 'seed 000, table 1 (Alleen-lezen-beheerder, klant: geen toegang); SPEC §3 row 7',
    allows: nothing,
  },
  {
    role: 'full-admin',
    orgs: 'any',
    standardLicense: true,
    organizations: false,
    source:
      'seed 000, note below table 1 (Standaard-licentie: alleen Agent Desktop); SPEC §3 row 8',
    allows: (item) => item.kind === 'User' || item.kind === 'Tenant',
  },
];

function serviceAdmin(grantTo: readonly OrganizationKind[]): (item: ChangeItem) => boolean {
  return (item) => {
    if (CONTACT_CENTER_KINDS.has(item.kind)) return true;
    if (item.kind === 'Tenant') return tenantServiceField(item);
    if (item.kind !== 'User') return false;
    if (updatesOneOf(item, USER_SERVICE_FIELDS)) return true;
    return item.action === 'update' && !!item.path && under(item.path, 'spec.adminRoles')
      ? grantsServiceAdminOnly(item, grantTo)
      : false;
  };
}

/** Only `cc-service-admin` is added or removed, on a user of an organization kind in `grantTo` (seed 000, table 2). */
function grantsServiceAdminOnly(item: ChangeItem, grantTo: readonly OrganizationKind[]): boolean {
  const user = item.user;
  if (!user?.org || !grantTo.includes(user.org)) return false;
  const changed = [...user.added, ...user.removed];
  return changed.length > 0 && changed.every((role) => role === 'cc-service-admin');
}

function tenantServiceField(item: ChangeItem): boolean {
  return (
    item.kind === 'Tenant' &&
    item.action === 'update' &&
    !!item.path &&
    !TENANT_SETUP_FIELDS.some((field) => under(item.path ?? '', field))
  );
}

function updatesOneOf(item: ChangeItem, fields: readonly string[]): boolean {
  return (
    item.action === 'update' && !!item.path && fields.some((field) => under(item.path ?? '', field))
  );
}
