import { afterEach, beforeEach, expect, test } from 'vitest';
import { apiOf, type Api, type Cc, type Hub, type Page } from './fetch-api.js';
import { seedSite, teamBody } from './fixtures.js';
import { FLOW_PROJECT_ID, startWebexSimulator, type WebexSimulator } from './index.js';

const ORG = 'bde75a64-f4d5-4ffc-a239-feb607c17ef8';
const o = (path: string): string => `/organization/${ORG}${path}`;

let sim: WebexSimulator;
let api: Api;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
  const org = sim.org(ORG);
  const site = seedSite(org);
  for (let n = 1; n <= 25; n += 1) org.add('teams', teamBody(`Team_${n}`, site.id ?? ''));
});
afterEach(() => sim.close());

const teamsPage = (query: string) =>
  api.cc<Page<Cc['TeamResponseDTO']>>('GET', o(`/v2/team${query}`));

test('a v2 list pages from 0 with page and pageSize, and says so in meta with links', async () => {
  const second = await teamsPage('?page=1&pageSize=10');
  expect(second.body.data.map((team) => team.name)).toEqual(
    Array.from({ length: 10 }, (_, i) => `Team_${i + 11}`),
  );
  expect(second.body.meta).toEqual({
    orgid: ORG,
    page: 1,
    pageSize: 10,
    totalPages: 3,
    totalRecords: 25,
    links: {
      self: o('/v2/team?page=1&pageSize=10'),
      first: o('/v2/team?page=0&pageSize=10'),
      last: o('/v2/team?page=2&pageSize=10'),
      next: o('/v2/team?page=2&pageSize=10'),
      prev: o('/v2/team?page=0&pageSize=10'),
    },
  });
  const last = await teamsPage('?page=2&pageSize=10');
  expect(last.body.data).toHaveLength(5);
  expect(last.body.meta.links).not.toHaveProperty('next');
  expect(sim.invalid()).toEqual([]);
});

test('without paging parameters a list answers page 0 of 100', async () => {
  const all = await teamsPage('');
  expect(all.body.meta).toMatchObject({ page: 0, pageSize: 100, totalPages: 1, totalRecords: 25 });
  expect(all.body.data).toHaveLength(25);
});

test('small pages on demand: a larger pageSize is cut to the maximum, as Webex does', async () => {
  sim.pageSizeMax(7);
  const first = await teamsPage('?pageSize=100');
  expect(first.body.data).toHaveLength(7);
  expect(first.body.meta).toMatchObject({ pageSize: 7, totalPages: 4, totalRecords: 25 });
});

test('Control Hub pages people by max, with the next page in the Link header', async () => {
  const org = sim.org(ORG);
  for (const name of ['ana', 'ben', 'cy', 'dee', 'eve'])
    org.addPerson({ email: `${name}@example.com` });
  const emails: string[] = [];
  let url: string | undefined = `${sim.hubUrl}/people?max=2`;
  let pages = 0;
  while (url) {
    const response: Response = await fetch(url, {
      headers: { authorization: `Bearer ${sim.token}` },
    });
    const body = (await response.json()) as Hub['PersonCollectionResponse'];
    emails.push(...(body.items ?? []).map((person) => person.emails?.[0] ?? ''));
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    pages += 1;
  }
  expect(pages).toBe(3);
  expect(emails).toEqual(['ana', 'ben', 'cy', 'dee', 'eve'].map((name) => `${name}@example.com`));
  expect(sim.invalid()).toEqual([]);
});

test('flows are listed as a plain array, 10 a page unless size says otherwise', async () => {
  const org = sim.org(ORG);
  for (let n = 1; n <= 12; n += 1)
    org.flows.set(`flow${n}`, { id: `flow${n}`, name: `Flow_${n}`, flowType: 'FLOW' });
  const flows = `/flow-store/${ORG}/project/${FLOW_PROJECT_ID}/flows`;
  const first = await api.cc<Cc['BasicFlowDTO'][]>('GET', flows);
  const second = await api.cc<Cc['BasicFlowDTO'][]>('GET', `${flows}?page=1`);
  const all = await api.cc<Cc['BasicFlowDTO'][]>('GET', `${flows}?size=50`);
  expect([first.body.length, second.body.length, all.body.length]).toEqual([10, 2, 12]);
  expect(sim.invalid()).toEqual([]);
});
