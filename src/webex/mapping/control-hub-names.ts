import type { SpecOf } from '../../model/kinds.js';

type License = Exclude<NonNullable<SpecOf<'User'>['license']>, 'none'>;
type AdminRole = NonNullable<SpecOf<'User'>['adminRoles']>[number];

/**
 * Control Hub licence names (GET /licenses `name`), as seed 000's user CSV names the columns:
 * "Webex Contact Center" (standard) and "Webex Contact Center Premium".
 */
export const LICENSE_NAMES: Readonly<Record<License, string>> = {
  standard: 'Webex Contact Center',
  premium: 'Webex Contact Center Premium',
};

/**
 * Control Hub admin role names (GET /roles `name`; "Full Administrator" is the spec's example)
 * for the roles that are Control Hub roles. The others are not carried: see NOT_ROLES.
 */
export const ROLE_NAMES: Readonly<Partial<Record<AdminRole, string>>> = {
  'full-admin': 'Full Administrator',
  'cc-service-admin': 'Contact Center Service Administrator',
  'read-only-admin': 'Read-only Administrator',
  // Seed 000: "Supervisor — customer only: limited Control Hub access"; with the premium licence
  // it is also what gives a contact-center user the SUPERVISOR user profile (Cisco, "Manage user
  // profiles of contact center users": licence and Control Hub role choose the profile).
  supervisor: 'Supervisor',
};

/** Seed 000's roles that are not Control Hub roles of the customer organization. */
export const NOT_ROLES: Readonly<Partial<Record<AdminRole, string>>> = {
  'provisioning-admin': 'a role of the partner organization, granted there',
};
