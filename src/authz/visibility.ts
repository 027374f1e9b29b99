import { KINDS, type Kind } from '../model/kinds.js';
import type { RoleRow } from './permissions.js';

/**
 * What a role may see of a plan: the changes and findings of every kind, or of some kinds only.
 * None at all means no plan at all (SPEC §3: "not even plan").
 */
export interface Visibility extends RoleRow {
  sees: 'all' | readonly Kind[];
  /** One line a reader can check against the sources. */
  source: string;
}

const allBut = (...hidden: Kind[]): Kind[] => KINDS.filter((kind) => !hidden.includes(kind));

/**
 * Beside the permission table (permissions.ts), row for row: what each role may see. What a role
 * may change it may always see. A user holding several roles sees what any matching row shows;
 * a user with no matching row (no admin role, or one not applicable to their organization) sees
 * nothing, as the admin roles are what give access to Control Hub (seed 000, table 1).
 */
export const VISIBILITY: readonly Visibility[] = [
  {
    role: 'full-admin',
    orgs: 'any',
    standardLicense: false,
    sees: 'all',
    source: 'seed 000, table 1 (Volledige beheerder: all of Control Hub and the Management Portal)',
  },
  {
    role: 'cc-service-admin',
    orgs: ['customer', 'external'],
    sees: 'all',
    source:
      'seed 000, table 1 and "Gebruikersservices en rollen" (all contact-center features; views the organization\'s users)',
  },
  {
    role: 'provisioning-admin',
    orgs: ['partner'],
    sees: allBut('User'),
    source:
      'seed 000, table 1 (Leveringsbeheerder: all contact-center features, no user management; of the users only the list of external admins)',
  },
  {
    // Not the whole plan: the seed limits the supervisor's Control Hub access to business hours.
    role: 'supervisor',
    orgs: ['customer'],
    sees: ['BusinessHours'],
    source:
      'seed 000, table 1 (Supervisor: beperkte toegang tot Control Hub, alleen kantooruren: shifts, holidays, overrides)',
  },
  {
    role: 'read-only-admin',
    orgs: ['partner', 'external'],
    sees: 'all',
    source: 'seed 000, table 1 (Alleen-lezen-beheerder, partner/andere: alleen lezen-modus)',
  },
  {
    role: 'read-only-admin',
    orgs: ['customer'],
    sees: [],
    source:
      'seed 000, table 1 (Alleen-lezen-beheerder, klant: geen toegang tot de Contact Center-service); SPEC §3 row 7',
  },
  {
    // SPEC §3 row 8: "as read-only-admin for every kind but User and Tenant" — read with the
    // read-only-admin row of the actor's organization kind (the two rows above).
    role: 'full-admin',
    orgs: ['customer'],
    standardLicense: true,
    sees: ['Tenant', 'User'],
    source:
      'seed 000, note below table 1 (Standaard-licentie: alleen Agent Desktop); SPEC §3 rows 7 and 8',
  },
  {
    role: 'full-admin',
    orgs: ['partner', 'external'],
    standardLicense: true,
    sees: 'all',
    source:
      'seed 000, note below table 1 (Standaard-licentie: alleen Agent Desktop); SPEC §3 rows 6 and 8',
  },
];
