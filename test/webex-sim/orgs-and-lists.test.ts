import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiOf, type Api, type Cc, type Hub, type Page } from './fetch-api.js';
import { entryPointBody, seedSite, teamBody } from './fixtures.js';
import { startWebexSimulator, type SimOrg, type WebexSimulator } from './index.js';
import { hubId } from './ids.js';

const ORG = '57efb0e6-5af0-4245-a67d-d3c5045cdb6e';
const OTHER = '96abc2aa-3dcc-11e5-a152-fe34819cdc9a';
const o = (path: string): string => `/organization/${ORG}${path}`;
type Team = Cc['TeamResponseDTO'];

let sim: WebexSimulator;
let api: Api;
let org: SimOrg;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG, OTHER] });
  api = apiOf(sim);
  org = sim.org(ORG);
});
afterEach(() => sim.close());

describe('orgs', () => {
  test('an org the token does not manage is forbidden', async () => {
    const stranger = 'c1a4fcef-aee2-4dea-8977-29f594760552';
    expect((await api.cc('GET', `/organization/${stranger}/v2/team`)).status).toBe(403);
    expect((await api.hub('GET', `/people?orgId=${hubId('ORGANIZATION', stranger)}`)).status).toBe(
      403,
    );
    expect(sim.invalid()).toEqual([]);
  });

  test('Control Hub answers for the token’s own org, or the one orgId names', async () => {
    org.addPerson({ email: 'own@example.com' });
    sim.org(OTHER).addPerson({ email: 'other@example.com' });
    const emails = async (query: string) =>
      (await api.hub<Hub['PersonCollectionResponse']>('GET', `/people${query}`)).body.items?.map(
        (person) => person.emails?.[0],
      );
    expect(await emails('')).toEqual(['own@example.com']);
    expect(await emails(`?orgId=${hubId('ORGANIZATION', OTHER)}`)).toEqual(['other@example.com']);
    expect((await api.hub('GET', `/people?orgId=${OTHER}`)).status).toBe(400); // a UUID is not a Control Hub id
  });

  test('a new org has only what Webex makes itself', () => {
    const fresh = sim.org(OTHER);
    const names = (map: Map<string, { name?: string }>) =>
      [...map.values()].map((item) => item.name);
    expect(names(fresh.multimediaProfiles)).toEqual([
      'Default_Telephony_Profile',
      'Default_Multimedia_Profile',
    ]);
    expect(names(fresh.entryPoints)).toEqual(['Outdial Transfer to Queue']);
    expect(
      new Set([...fresh.userProfiles.values()].map((profile) => profile.profileType)).size,
    ).toBe(8);
    expect(
      [fresh.sites, fresh.teams, fresh.queues, fresh.users, fresh.people].map((map) => map.size),
    ).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('narrowing a v2 list', () => {
  let teams: Team[];
  beforeEach(() => {
    const site = seedSite(org);
    teams = ['Sales', 'Support', 'Billing'].map((name) =>
      org.add('teams', teamBody(name, site.id ?? '', { description: `${name} desk` })),
    );
  });
  const names = async (query: string) =>
    (await api.cc<Page<Team>>('GET', o(`/v2/team?${query}`))).body.data.map((team) => team.name);

  test('filter (RSQL ==, =in=, !=), search and attributes', async () => {
    const [sales, support] = teams;
    expect(await names(new URLSearchParams({ filter: 'name=="Sales"' }).toString())).toEqual([
      'Sales',
    ]);
    const both = `id=in=(${sales?.id},${support?.id})`;
    expect(await names(new URLSearchParams({ filter: both }).toString())).toEqual([
      'Sales',
      'Support',
    ]);
    expect(
      await names(new URLSearchParams({ filter: 'name!=Sales;name!=Billing' }).toString()),
    ).toEqual(['Support']);
    expect(await names('search=bill')).toEqual(['Billing']);
    const picked = await api.cc<Page<Team>>('GET', o('/v2/team?attributes=name'));
    expect(picked.body.data[0]).toEqual({ id: sales?.id, name: 'Sales' });
    expect(picked.body.data[0]).not.toHaveProperty('siteName');
    expect(sim.invalid()).toEqual([]);
  });

  test('a filter the simulator does not understand is refused and recorded', async () => {
    const reply = await api.cc(
      'GET',
      o(`/v2/team?${new URLSearchParams({ filter: 'name=like=Sal*' })}`),
    );
    expect(reply.status).toBe(400);
    expect(sim.invalid()).toEqual([
      expect.stringMatching(/^listTeams: filter: the simulator does not understand/),
    ]);
  });
});

test('an entry point with a number mapped to it is kept until the mapping goes', async () => {
  const entryPoint = org.add('entryPoints', entryPointBody('Hotline', { active: false }));
  const mapping = (
    await api.cc<Cc['DialledNumberEntryPointDTO']>('POST', o('/dial-number'), {
      dialledNumber: '+31201234567',
      entryPointId: entryPoint.id,
      entryPointName: entryPoint.name,
    })
  ).body;
  expect((await api.cc('DELETE', o(`/entry-point/${entryPoint.id}`))).status).toBe(412);
  expect((await api.cc('DELETE', o(`/dial-number/${mapping.id}`))).status).toBe(200); // as documented
  expect((await api.cc('DELETE', o(`/entry-point/${entryPoint.id}`))).status).toBe(204);
  expect(sim.invalid()).toEqual([]);
});
