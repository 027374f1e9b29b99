import type { PersonBody } from './person.js';

/**
 * A new person as a SCIM 2 user, for SCIM Bulk (POST /identity/scim/{orgId}/v2/Bulk, 100 per
 * call) where POST /people takes one person per call. SCIM carries the e-mail (`userName`), the
 * name and the roles, but no licence: Control Hub gives licences by PATCH /licenses/users, one
 * person per call, so a person with a licence goes by POST /people, which carries it.
 *
 * SCIM names a role by its CI name (`id_full_admin`) and a user by a UUID, where the People API
 * says base64url of `ciscospark://us/ROLE/id_full_admin` and `…/PEOPLE/<uuid>` (the admin spec:
 * "the raw UUID … is the last part of the Base64-decoded string").
 */
export const SCIM_BULK_MAX_OPERATIONS = 100;

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

export interface ScimUser {
  schemas: string[];
  userName: string;
  userType: 'user';
  displayName: string;
  roles: { value: string; type: 'cirole' }[];
}

/** The SCIM user of a new person; undefined when it cannot go by SCIM (a licence, a role id SCIM cannot name). */
export function scimUserOf(body: PersonBody): ScimUser | undefined {
  if ((body.licenses ?? []).length > 0) return undefined;
  const roles = (body.roles ?? []).map((id) => hubIdTail('ROLE', id));
  if (roles.some((role) => role === undefined)) return undefined;
  return {
    schemas: [SCIM_USER_SCHEMA],
    userName: body.emails[0]!,
    userType: 'user',
    displayName: body.displayName,
    roles: roles.map((value) => ({ value: value!, type: 'cirole' })),
  };
}

export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimPatch {
  schemas: string[];
  Operations: { op: 'replace'; path: 'displayName' | 'roles'; value: unknown }[];
}

/** A person's SCIM id: the UUID inside its People API id. */
export function scimIdOf(personId: string): string | undefined {
  return hubIdTail('PEOPLE', personId);
}

/**
 * The SCIM PATCH that gives a live person ccac's name and roles (the roles ccac does not manage
 * are among `body.roles` already); undefined when a role id is not one SCIM can name.
 */
export function scimPatchOf(body: PersonBody): ScimPatch | undefined {
  const roles = (body.roles ?? []).map((id) => hubIdTail('ROLE', id));
  if (roles.some((role) => role === undefined)) return undefined;
  return {
    schemas: [SCIM_PATCH_SCHEMA],
    Operations: [
      { op: 'replace', path: 'displayName', value: body.displayName },
      {
        op: 'replace',
        path: 'roles',
        value: roles.map((value) => ({ value: value!, type: 'cirole' })),
      },
    ],
  };
}

/** The People API id of the SCIM user a Bulk answer's `location` names (…/Users/<uuid>). */
export function personIdOfLocation(location: string | undefined): string | undefined {
  const uuid = location?.split('?')[0]?.match(/\/Users\/([^/]+)$/)?.[1];
  return uuid && Buffer.from(`ciscospark://us/PEOPLE/${uuid}`).toString('base64url');
}

function hubIdTail(kind: string, id: string): string | undefined {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^ciscospark:\/\/[a-z0-9]+\/([A-Z_]+)\/(.+)$/.exec(decoded);
  return match?.[1] === kind ? match[2] : undefined;
}
