// Control Hub people: created with one email, replaced whole by PUT (Webex: "include all details
// for the person": what a PUT leaves out is cleared, licenses and roles included), licenses added
// and removed one by one by PATCH /licenses/users. Each write brings the person's CC user in line.
import type { components } from '../../../src/generated/webex-admin.js';
import { hubId, newUuid } from '../ids.js';
import { syncContactCenterUser } from './contact-center-users.js';
import type { Person } from './entities.js';
import { done, refused, type Outcome } from './outcome.js';
import type { SimOrg } from './sim-org.js';

/** A person to seed, with licenses and roles by name. */
export interface NewPerson {
  email: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  licenses?: string[];
  roles?: string[];
}

type PersonInput = Partial<Person>;
export type LicenseChange = components['schemas']['LicenseRequest'];

// The fields a PUT replaces; the rest (id, created, status, …) is the server's.
const EDITABLE: ReadonlyArray<keyof PersonInput> = [
  'phoneNumbers',
  'extension',
  'locationId',
  'displayName',
  'firstName',
  'lastName',
  'nickName',
  'avatar',
  'roles',
  'licenses',
  'department',
  'manager',
  'managerId',
  'title',
  'addresses',
  'siteUrls',
  'loginEnabled',
];

const sameEmail = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export function personByEmail(org: SimOrg, email: string): Person | undefined {
  return [...org.people.values()].find((person) => sameEmail(person.emails?.[0], email));
}

function unknownId(org: SimOrg, input: PersonInput): string | undefined {
  const license = (input.licenses ?? []).find((id) => !org.licenses.has(id));
  if (license) return `License not recognized ${license}`;
  const role = (input.roles ?? []).find((id) => !org.roles.has(id));
  return role && `Role not recognized ${role}`;
}

function editableFields(input: PersonInput): Partial<Person> {
  const fields: Partial<Person> = {};
  for (const name of EDITABLE)
    if (input[name] !== undefined) Object.assign(fields, { [name]: input[name] });
  return fields;
}

function save(org: SimOrg, before: Person | undefined, after: Person): Person {
  org.people.set(after.id ?? '', after);
  syncContactCenterUser(org, before, after);
  return after;
}

export function createPerson(org: SimOrg, input: PersonInput): Outcome<Person> {
  const emails = input.emails ?? [];
  const email = emails[0];
  if (emails.length !== 1 || !email)
    return refused(400, 'Only one email address is allowed per person.');
  if (personByEmail(org, email)) return refused(409, `A person with email ${email} exists.`);
  const domain = email.split('@').pop()?.toLowerCase() ?? '';
  if (org.claimedElsewhere.has(domain))
    return refused(409, `The email domain ${domain} is claimed by another organization.`);
  const unknown = unknownId(org, input);
  if (unknown) return refused(400, unknown);
  const now = new Date().toISOString();
  const fields = editableFields(input);
  const name = [input.firstName, input.lastName].filter(Boolean).join(' ');
  return done(
    save(org, undefined, {
      ...fields,
      id: hubId('PEOPLE', newUuid()),
      emails,
      displayName: input.displayName ?? (name || email),
      orgId: org.hubOrgId,
      roles: input.roles ?? [],
      licenses: input.licenses ?? [],
      created: now,
      lastModified: now,
      type: 'person',
      invitePending: true,
      loginEnabled: true,
    }),
  );
}

export function replacePerson(org: SimOrg, current: Person, input: PersonInput): Outcome<Person> {
  const unknown = unknownId(org, input);
  if (unknown) return refused(400, unknown);
  const emails = input.emails ?? current.emails ?? [];
  const email = emails[0];
  if (emails.length !== 1 || !email)
    return refused(400, 'Only one email address is allowed per person.');
  const other = personByEmail(org, email);
  if (other && other.id !== current.id) return refused(409, `A person with email ${email} exists.`);
  const fields = editableFields(input);
  return done(
    save(org, current, {
      id: current.id,
      emails,
      ...fields,
      // "nickName … cannot be overwritten and instead will be set to the firstName".
      ...(fields.firstName ? { nickName: fields.firstName } : {}),
      orgId: current.orgId,
      roles: input.roles ?? [],
      licenses: input.licenses ?? [],
      created: current.created,
      lastModified: new Date().toISOString(),
      type: current.type,
      invitePending: current.invitePending,
      loginEnabled: fields.loginEnabled ?? current.loginEnabled,
    }),
  );
}

export function changeLicenses(
  org: SimOrg,
  current: Person,
  changes: readonly LicenseChange[],
): Outcome<Person> {
  const unknown = changes.find((change) => !org.licenses.has(change.id));
  if (unknown) return refused(400, `License not recognized ${unknown.id}`);
  let licenses = current.licenses ?? [];
  for (const change of changes) {
    licenses = licenses.filter((id) => id !== change.id);
    if (change.operation !== 'remove') licenses = [...licenses, change.id];
  }
  return done(save(org, current, { ...current, licenses, lastModified: new Date().toISOString() }));
}
