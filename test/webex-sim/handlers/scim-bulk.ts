// SCIM 2 Bulk (POST /identity/scim/{orgId}/v2/Bulk): up to 100 operations on /Users, each
// answered with its own status (RFC 7644 §3.7; Cisco's example). The org is named by its UUID.
// An operation's `data` is a JSON text, as the published request schema types it. POST creates
// a person as POST /people would (userName is the e-mail, roles by CI role name: `id_full_admin`
// is the role whose Control Hub id is base64 of ciscospark://us/ROLE/id_full_admin); PATCH
// replaces displayName or roles; DELETE removes the person.
import type { components } from '../../../src/generated/webex-admin.js';
import { fromHubId, hubId } from '../ids.js';
import { answer, hubError } from '../server/answers.js';
import type { Person } from '../state/entities.js';
import { done, refused, type Outcome } from '../state/outcome.js';
import { createPerson, replacePerson } from '../state/people.js';
import type { SimOrg } from '../state/sim-org.js';
import { bodyOf, pathParam, type SimHandler } from './common.js';

type BulkRequest = components['schemas']['BulkUser'];
type BulkOperation = BulkRequest['operations'][number];
type BulkResult = components['schemas']['ScimBulkResponse']['Operations'][number];

/** Cisco: "The maximum number of operations in a request is 100". */
export const SCIM_BULK_MAX_OPERATIONS = 100;

interface ScimUser {
  schemas?: string[];
  userName?: string;
  userType?: string;
  displayName?: string;
  roles?: { value?: string; type?: string }[];
}

interface ScimPatch {
  schemas?: string[];
  Operations?: { op?: string; path?: string; value?: unknown }[];
}

export const scimBulk: SimHandler = (c, rc) => {
  const orgId = pathParam(c, 'orgId');
  const org = rc.sim.managedOrg(orgId);
  if (!org) return hubError(403, `The token may not manage organization ${orgId}.`);
  const request = bodyOf<BulkRequest>(c);
  if (request.operations.length > SCIM_BULK_MAX_OPERATIONS)
    return hubError(400, `At most ${SCIM_BULK_MAX_OPERATIONS} operations in a request.`);
  const results: BulkResult[] = [];
  let errors = 0;
  for (const operation of request.operations) {
    if (errors >= request.failOnErrors) break;
    const result = performed(org, operation, `${rc.sim.hubUrl}/identity/scim/${orgId}/v2`);
    if (Number(result.status) >= 400) errors++;
    results.push(result);
  }
  return answer(200, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
    Operations: results,
  });
};

function performed(org: SimOrg, operation: BulkOperation, base: string): BulkResult {
  const { method, bulkId } = operation;
  const outcome = outcomeOf(org, operation);
  const head = { method, ...(bulkId === undefined ? {} : { bulkId }) };
  if (!outcome.ok)
    return {
      ...head,
      status: String(outcome.status),
      response: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(outcome.status),
        detail: outcome.description,
      },
    };
  const person = outcome.value;
  if (!person) return { ...head, status: '204' };
  const scimId = fromHubId('PEOPLE', person.id ?? '') ?? '';
  return {
    ...head,
    status: method === 'POST' ? '201' : '200',
    location: `${base}/Users/${scimId}`,
    version: `W/"${person.lastModified ?? ''}"`,
  };
}

function outcomeOf(org: SimOrg, operation: BulkOperation): Outcome<Person | undefined> {
  const data = parsed(operation.data);
  if (operation.method === 'POST') {
    if (operation.path !== '/Users') return refused(400, `POST ${operation.path}: only /Users.`);
    if (operation.bulkId === undefined) return refused(400, 'bulkId is required for POST.');
    return data.ok ? createUser(org, data.value as ScimUser) : data;
  }
  const scimId = /^\/Users\/([^/]+)$/.exec(operation.path)?.[1];
  const person = scimId && org.people.get(hubId('PEOPLE', scimId));
  if (!person) return refused(404, `User ${operation.path} not found.`);
  if (operation.method === 'DELETE') {
    org.people.delete(person.id ?? '');
    return done(undefined);
  }
  return data.ok ? patchUser(org, person, data.value as ScimPatch) : data;
}

function parsed(data: string | undefined): Outcome<unknown> {
  if (data === undefined) return refused(400, 'data is required for POST and PATCH.');
  try {
    return done(JSON.parse(data) as unknown);
  } catch {
    return refused(400, 'data is not JSON.');
  }
}

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

function roleIds(org: SimOrg, roles: ScimUser['roles']): Outcome<string[]> {
  const ids = (roles ?? []).map((role) => hubId('ROLE', role.value ?? ''));
  const unknown = ids.find((id) => !org.roles.has(id));
  return unknown
    ? refused(400, `Role not recognized ${fromHubId('ROLE', unknown) ?? unknown}`)
    : done(ids);
}

function createUser(org: SimOrg, user: ScimUser): Outcome<Person> {
  if (!user.schemas?.includes(CORE_USER)) return refused(400, `schemas must hold ${CORE_USER}.`);
  if (!user.userName || !user.userType) return refused(400, 'userName and userType are required.');
  const roles = roleIds(org, user.roles);
  if (!roles.ok) return roles;
  return createPerson(org, {
    emails: [user.userName],
    displayName: user.displayName,
    roles: roles.value,
  });
}

function patchUser(org: SimOrg, person: Person, patch: ScimPatch): Outcome<Person> {
  if (!patch.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp'))
    return refused(400, 'schemas must hold urn:ietf:params:scim:api:messages:2.0:PatchOp.');
  let next: Person = { ...person };
  for (const change of patch.Operations ?? []) {
    if (change.op !== 'replace' && change.op !== 'add')
      return refused(400, `op ${String(change.op)} is not simulated.`);
    if (change.path === 'displayName') next = { ...next, displayName: String(change.value) };
    else if (change.path === 'roles') {
      const roles = roleIds(org, change.value as ScimUser['roles']);
      if (!roles.ok) return roles;
      next = { ...next, roles: roles.value };
    } else return refused(400, `path ${String(change.path)} is not simulated.`);
  }
  return replacePerson(org, person, next);
}
