import type { SpecOf } from '../../model/kinds.js';
import type { Person } from '../entities.js';
import type { Ids } from '../lookup.js';
import { LICENSE_NAMES, NOT_ROLES, ROLE_NAMES } from './control-hub-names.js';
import type { EntityMapping, NotCarried } from './mapping.js';
import { defined, notCarried } from './mapping.js';

type AdminRole = NonNullable<SpecOf<'User'>['adminRoles']>[number];
type License = NonNullable<SpecOf<'User'>['license']>;

/**
 * The person as ccac wants it: display name, roles and licences. A push sends what changed the
 * cheapest way the API has (reconcile/batches.ts byScim): SCIM 2 Bulk, 100 a call, for a missing
 * person without a licence and for the name and roles of a live one; POST /people for a missing
 * person with a licence (it carries roles and licences in one call); PATCH /licenses/users, one
 * person a call, for a live person's contact-center licence.
 */
export type PersonBody = Person & { emails: string[]; displayName: string };

/** User → Control Hub person (the user's e-mail address is metadata.name). */
export const personMapping: EntityMapping<'User', Person, PersonBody> = {
  entity: 'person',
  kind: 'User',
  carries: [
    { field: 'metadata.name', to: 'emails[0] (a missing person is created)' },
    { field: 'displayName', to: 'displayName' },
    {
      field: 'license',
      to: `licenses: standard → "${LICENSE_NAMES.standard}", premium → "${LICENSE_NAMES.premium}" (PATCH /licenses/users)`,
      note: 'other licences of the person are kept',
    },
    {
      field: 'adminRoles',
      to: `roles: ${Object.entries(ROLE_NAMES)
        .map(([role, name]) => `${role} → "${name}"`)
        .join(', ')}`,
      note: `roles ccac does not manage are kept; ${Object.keys(NOT_ROLES).join(' and ')} is not carried`,
    },
    {
      field: 'contactCenterRole',
      to: `roles: supervisor and supervisor-agent → "${ROLE_NAMES.supervisor}"`,
      note: 'Webex gives the SUPERVISOR user profile to a premium-licensed person with that role',
    },
  ],
  keys: (resource) => [resource.name],
  keyOf: (live) => live.emails?.[0]?.toLowerCase(),

  toRemote(resource, key, ids, live) {
    const { displayName, license = 'none' } = resource.spec;
    const adminRoles = controlHubRoles(resource.spec);
    const notCarriedList: NotCarried[] = [];
    for (const role of adminRoles) {
      const why = NOT_ROLES[role];
      if (why) notCarriedList.push(notCarried('adminRoles', `${role}: ${why}`));
    }
    const roles = unmanaged(live?.roles ?? [], ids, 'role', Object.values(ROLE_NAMES));
    for (const role of adminRoles) {
      const name = ROLE_NAMES[role];
      if (name === undefined) continue;
      const id = ids.id('role', name);
      if (id === undefined)
        notCarriedList.push(notCarried('adminRoles', `no role named "${name}" in Control Hub`));
      else roles.push(id);
    }
    const licenses = unmanaged(live?.licenses ?? [], ids, 'license', Object.values(LICENSE_NAMES));
    if (license !== 'none') {
      const id = ids.id('license', LICENSE_NAMES[license]);
      if (id === undefined)
        notCarriedList.push(
          notCarried('license', `no licence named "${LICENSE_NAMES[license]}" in Control Hub`),
        );
      else licenses.push(id);
    }
    const body: PersonBody = {
      ...live,
      emails: live?.emails?.length ? live.emails : [key],
      // Control Hub needs a name to create or replace a person; without one ccac keeps the live one.
      displayName: displayName ?? live?.displayName ?? key,
      roles: [...new Set(roles)],
      licenses: [...new Set(licenses)],
    };
    const assumed = live || displayName ? [] : [notCarried('displayName', 'the e-mail address')];
    return { body: defined(body), notCarried: notCarriedList, assumed };
  },

  fromRemote(object, names) {
    const notRepresented: NotCarried[] = [];
    const roleNames = new Set((object.roles ?? []).map((id) => names.key('role', id)));
    const adminRoles = (Object.entries(ROLE_NAMES) as [AdminRole, string][])
      .filter(([, name]) => roleNames.has(name))
      .map(([role]) => role);
    const licenseNames = new Set((object.licenses ?? []).map((id) => names.key('license', id)));
    const license: License = licenseNames.has(LICENSE_NAMES.premium)
      ? 'premium'
      : licenseNames.has(LICENSE_NAMES.standard)
        ? 'standard'
        : 'none';
    if (licenseNames.has(LICENSE_NAMES.premium) && licenseNames.has(LICENSE_NAMES.standard))
      notRepresented.push(notCarried('license', 'both contact-center licences: read as premium'));
    return {
      spec: defined({
        displayName: object.displayName || undefined,
        license,
        adminRoles: adminRoles.length ? adminRoles : undefined,
      }),
      notRepresented,
    };
  },
};

/**
 * The user's admin roles, and the Supervisor role a contact-center supervisor needs: Webex maps
 * a premium-licensed person to the SUPERVISOR user profile by that Control Hub role, and the
 * configuration API cannot change a user's profile type.
 */
function controlHubRoles(spec: SpecOf<'User'>): AdminRole[] {
  const { adminRoles = [], contactCenterRole = 'none' } = spec;
  const supervises = contactCenterRole === 'supervisor' || contactCenterRole === 'supervisor-agent';
  return supervises && !adminRoles.includes('supervisor')
    ? [...adminRoles, 'supervisor']
    : [...adminRoles];
}

/** The ids among `ids` that are not among the ones ccac manages (`names`): kept as they are. */
function unmanaged(
  ids: readonly string[],
  lookup: Ids,
  entity: 'role' | 'license',
  names: readonly string[],
): string[] {
  const ours = new Set(names.map((name) => lookup.id(entity, name)));
  return ids.filter((id) => !ours.has(id));
}
