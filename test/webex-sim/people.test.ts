import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  apiOf,
  firstMessage,
  type Api,
  type Cc,
  type CcError,
  type Hub,
  type Page,
} from './fetch-api.js';
import { seedSite, teamBody } from './fixtures.js';
import {
  CC_LICENSES,
  ROLE_NAMES,
  startWebexSimulator,
  type SimOrg,
  type WebexSimulator,
} from './index.js';

const ORG = '1dd9fd5b-4b73-4ee6-a59c-dc2b67d1b6c4';
const o = (path: string): string => `/organization/${ORG}${path}`;
type Person = Hub['Person'];
type User = Cc['UserResponseDTO'];

let sim: WebexSimulator;
let api: Api;
let org: SimOrg;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
  org = sim.org(ORG);
});
afterEach(() => sim.close());

const profileName = (user: User | undefined): string | undefined =>
  org.userProfiles.get(user?.userProfileId ?? '')?.name;

async function license(personId: string, name: string, operation: 'add' | 'remove') {
  return api.hub('PATCH', '/licenses/users', {
    personId,
    licenses: [{ id: org.licenseId(name), operation }],
  });
}

describe('a person given a contact-center license appears as a contact-center user', () => {
  test('created without a license it is no CC user; a standard license makes a Standard Agent', async () => {
    const person = (
      await api.hub<Person>('POST', '/people', {
        emails: ['ana@example.com'],
        displayName: 'Ana Lee',
      })
    ).body;
    expect((await api.cc<Page<User>>('GET', o('/v2/user'))).body.data).toEqual([]);
    expect((await license(person.id ?? '', CC_LICENSES.standard, 'add')).status).toBe(200);
    const users = (await api.cc<Page<User>>('GET', o('/v2/user'))).body.data;
    expect(users).toEqual([
      expect.objectContaining({
        email: 'ana@example.com',
        firstName: 'Ana',
        lastName: 'Lee',
        ciUserId: person.id && Buffer.from(person.id, 'base64url').toString().split('/').pop(),
        contactCenterEnabled: false,
        active: true,
        userProfileType: 'STANDARD_AGENT',
      }),
    ]);
    expect(profileName(users[0])).toBe('Standard Agent User Profile');
    const licenses = (await api.hub<Hub['LicenseCollectionResponse']>('GET', '/licenses')).body
      .items;
    expect(licenses?.find((item) => item.name === CC_LICENSES.standard)?.consumedUnits).toBe(1);
    expect(sim.invalid()).toEqual([]);
  });

  test('the license and the Control Hub role choose the profile; removing the license deactivates the user', async () => {
    const person = org.addPerson({ email: 'ben@example.com', licenses: [CC_LICENSES.premium] });
    expect(profileName(org.userOf(person.id ?? ''))).toBe('Premium Agent User Profile');
    const admin = await api.hub<Person>('PUT', `/people/${person.id}`, {
      displayName: 'Ben',
      licenses: person.licenses,
      roles: [org.roleId(ROLE_NAMES.fullAdmin)],
    });
    expect(admin.status).toBe(200);
    expect(profileName(org.userOf(person.id ?? ''))).toBe('Administrator Profile');
    await license(person.id ?? '', CC_LICENSES.premium, 'remove');
    expect(org.userOf(person.id ?? '')).toMatchObject({
      active: true,
      userProfileType: 'ADMINISTRATOR_ONLY',
    });
    await api.hub('PUT', `/people/${person.id}`, { displayName: 'Ben', roles: [] });
    expect(org.userOf(person.id ?? '')?.active).toBe(false);
  });

  test('PUT /people replaces the person: licenses and roles left out are removed', async () => {
    const person = org.addPerson({
      email: 'cy@example.com',
      licenses: [CC_LICENSES.standard, 'Messaging'],
      roles: [ROLE_NAMES.fullAdmin],
    });
    const replaced = await api.hub<Person>('PUT', `/people/${person.id}`, {
      displayName: 'Cy Renamed',
    });
    expect(replaced.body).toMatchObject({
      displayName: 'Cy Renamed',
      licenses: [],
      roles: [],
      emails: ['cy@example.com'],
    });
  });
});

describe('contact-center users are updated, never created, through the configuration API', () => {
  let user: User;
  let siteId: string;
  beforeEach(() => {
    const person = org.addPerson({ email: 'dee@example.com', licenses: [CC_LICENSES.premium] });
    user = org.userOf(person.id ?? '') as User;
    siteId = seedSite(org).id ?? '';
  });

  const put = (changes: Partial<User>) =>
    api.cc<User & CcError>('PUT', o(`/user/${user.id}`), { ...user, ...changes });

  test('teams set on the user appear in the team’s userIds', async () => {
    const team = org.add('teams', teamBody('Sales', siteId));
    const reply = await put({ teamIds: [team.id ?? ''], siteId, contactCenterEnabled: true });
    expect(reply.status).toBe(200);
    expect(org.teams.get(team.id ?? '')?.userIds).toEqual([user.id]);
    expect(sim.invalid()).toEqual([]);
  });

  test('a contact-center enabled user needs a site', async () => {
    const reply = await put({ contactCenterEnabled: true });
    expect(reply.status).toBe(400);
    expect(firstMessage(reply.body)).toBe('siteId: is required when contactCenterEnabled is true.');
  });

  test('its profile type is Control Hub’s: another profile of the same type is fine, another type is not', async () => {
    const custom = org.add('userProfiles', {
      name: 'Night Shift Agents',
      profileType: 'PREMIUM_AGENT',
      active: true,
      permissionAccessLevel: 'ALL',
      resourceAccessLevel: 'ALL',
    });
    const supervisor = org.byName('userProfiles', 'Supervisor Profile');
    expect((await put({ userProfileId: supervisor?.id })).status).toBe(400);
    expect((await put({ userProfileId: custom.id })).status).toBe(200);
  });
});
