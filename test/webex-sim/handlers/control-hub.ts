// Control Hub (webexapis.com/v1): people, licenses, roles. The org is the token's own unless the
// request names another by `orgId` (a Control Hub org id: base64 of ciscospark://us/ORGANIZATION/…).
import type { Context } from 'openapi-backend';
import type { components } from '../../../src/generated/webex-admin.js';
import { fromHubId, hubTrackingId } from '../ids.js';
import { answer, hubError } from '../server/answers.js';
import type { RequestContext } from '../server/context.js';
import type { Person } from '../state/entities.js';
import { done, refused, type Outcome } from '../state/outcome.js';
import {
  changeLicenses,
  createPerson,
  personByEmail,
  replacePerson,
  type LicenseChange,
} from '../state/people.js';
import type { SimOrg } from '../state/sim-org.js';
import type { SimAnswer } from '../types.js';
import {
  answered,
  bodyOf,
  pathParam,
  queryOf,
  type OrgHandler,
  type SimHandler,
} from './common.js';
import { peoplePage, type PeopleQuery } from './people-paging.js';

function orgNamed(rc: RequestContext, hubOrgId: string | undefined): Outcome<SimOrg> {
  const orgId = hubOrgId === undefined ? rc.sim.orgIds[0] : fromHubId('ORGANIZATION', hubOrgId);
  if (orgId === undefined)
    return refused(400, `orgId: ${String(hubOrgId)} is not an organization id.`);
  const org = rc.sim.managedOrg(orgId);
  return org ? done(org) : refused(403, `The token may not manage organization ${orgId}.`);
}

/** Runs a handler with the org named by the query's or the body's `orgId`, else the token's. */
const withHubOrg =
  (where: 'query' | 'body', handler: OrgHandler): SimHandler =>
  (c, rc) => {
    const source =
      where === 'query' ? queryOf<{ orgId?: string }>(c) : bodyOf<{ orgId?: string }>(c);
    const org = orgNamed(rc, source.orgId);
    return org.ok ? handler(c, rc, org.value) : hubError(org.status, org.description);
  };

/** A person of any org the token manages. */
function findPerson(
  rc: RequestContext,
  personId: string,
): { org: SimOrg; person: Person } | undefined {
  for (const orgId of rc.sim.orgIds) {
    const org = rc.sim.managedOrg(orgId);
    const person = org?.people.get(personId);
    if (org && person) return { org, person };
  }
  return undefined;
}

const withPerson =
  (
    handler: (c: Context, rc: RequestContext, org: SimOrg, person: Person) => SimAnswer,
  ): SimHandler =>
  (c, rc) => {
    const found = findPerson(rc, pathParam(c, 'personId'));
    return found ? handler(c, rc, found.org, found.person) : hubError(404, 'Person not found.');
  };

export const listPeople = withHubOrg('query', (c, rc, org) => {
  const page = peoplePage([...org.people.values()], queryOf<PeopleQuery>(c), rc);
  return page.ok
    ? answer(200, page.value.body, page.value.headers)
    : hubError(page.status, page.description);
});

const minimal = (c: Context): boolean => queryOf<{ minResponse?: boolean }>(c).minResponse === true;

export const createPersonHandler = withHubOrg('body', (c, rc, org) => {
  const outcome = createPerson(org, bodyOf<Person>(c));
  if (outcome.ok && minimal(c)) return answer(200, { id: outcome.value.id });
  return answered(c, rc, outcome);
});

export const getPerson = withPerson((_c, _rc, _org, person) => answer(200, person));

export const updatePerson = withPerson((c, rc, org, person) => {
  const outcome = replacePerson(org, person, bodyOf<Person>(c));
  if (outcome.ok && minimal(c)) return answer(204);
  return answered(c, rc, outcome);
});

export const listLicenses = withHubOrg('query', (_c, _rc, org) => {
  const holders = (id: string): number =>
    [...org.people.values()].filter((person) => person.licenses?.includes(id)).length;
  const items = [...org.licenses.values()].map((license) => ({
    ...license,
    consumedUnits: holders(license.id ?? ''),
    consumedByUsers: holders(license.id ?? ''),
    consumedByWorkspaces: 0,
  }));
  return answer(200, { items });
});

type LicensePatch = components['schemas']['PatchUserLicenses'];

/** LicenseError: errorCode 400000 is "License not recognized {licenses}". */
function licenseError(description: string): SimAnswer {
  return answer(400, {
    message: 'License assignment failed',
    errors: [{ errorCode: 400000, description }],
    trackingId: hubTrackingId(),
  });
}

export const assignLicenses = withHubOrg('body', (c, _rc, org) => {
  const patch = bodyOf<LicensePatch>(c);
  const person = patch.personId
    ? org.people.get(patch.personId)
    : patch.email
      ? personByEmail(org, patch.email)
      : undefined;
  if (!patch.personId && !patch.email)
    return hubError(400, 'Either personId or email is required.');
  if (!person) return hubError(404, 'Person not found.');
  const outcome = changeLicenses(org, person, (patch.licenses ?? []) as LicenseChange[]);
  if (!outcome.ok) return licenseError(outcome.description);
  return answer(200, {
    orgId: org.hubOrgId,
    personId: outcome.value.id,
    email: outcome.value.emails?.[0],
    licenses: outcome.value.licenses,
    siteUrls: [],
  });
});

export const listRoles = withHubOrg('query', (_c, _rc, org) =>
  answer(200, { items: [...org.roles.values()] }),
);
