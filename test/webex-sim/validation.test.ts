import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiOf, firstMessage, type Api, type Cc, type CcError } from './fetch-api.js';
import { entryPointBody, seedSite, teamBody } from './fixtures.js';
import { FLOW_PROJECT_ID, startWebexSimulator, type WebexSimulator } from './index.js';

const ORG = '6705c69d-4585-42ad-bfc3-79cc485dfb15';
const o = (path: string): string => `/organization/${ORG}${path}`;

let sim: WebexSimulator;
let api: Api;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
});
afterEach(() => sim.close());

describe('requests are validated against the published spec', () => {
  test('an entry point without the fields the spec requires is refused with the API’s 400, and recorded', async () => {
    const { assetId: _a, overflowNumber: _o, imiOrgType: _i, ...partial } = entryPointBody('Sales');
    const reply = await api.cc<CcError>('POST', o('/entry-point'), partial);
    expect(reply.status).toBe(400);
    expect(firstMessage(reply.body)).toContain("must have required property 'assetId'");
    expect(sim.invalid()).toEqual([
      expect.stringMatching(/^createEntryPoint: request invalid: .*assetId/),
    ]);
    expect(sim.org(ORG).byName('entryPoints', 'Sales')).toBeUndefined();
  });

  test('an entry point as published (placeholders included) is created, and nothing is recorded', async () => {
    const reply = await api.cc<Cc['EntryPointDTO']>(
      'POST',
      o('/entry-point'),
      entryPointBody('Sales'),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Sales', organizationId: ORG, version: 0 });
    expect(sim.invalid()).toEqual([]);
  });

  test('a query parameter the operation does not have is refused', async () => {
    const reply = await api.cc('GET', o('/v2/team?page=0&limit=5'));
    expect(reply.status).toBe(400);
    expect(sim.invalid()).toEqual([expect.stringContaining('additional properties: limit')]);
  });

  test('a path the spec does not have is refused and recorded', async () => {
    const reply = await api.cc('GET', o('/v2/skill-profile'));
    expect(reply.status).toBe(404);
    expect(sim.invalid()).toEqual([
      expect.stringContaining('/v2/skill-profile: no such operation'),
    ]);
  });

  test('an operation of the spec the simulator does not serve is refused and recorded', async () => {
    const reply = await api.cc('DELETE', '/v1/dialer/campaign/spring-sale');
    expect(reply.status).toBe(400);
    expect(sim.invalid()).toEqual(['stopCampaign: this operation is not simulated.']);
  });

  test('a team is created from the teamDTO query parameter, exploded (the default style) or deep', async () => {
    const site = seedSite(sim.org(ORG));
    const query = (team: object, name: (key: string) => string): URLSearchParams =>
      new URLSearchParams(
        Object.entries(team).map(([k, v]): [string, string] => [name(k), String(v)]),
      );
    const exploded = query(teamBody('Sales', site.id ?? ''), (key) => key);
    const deep = query(teamBody('Support', site.id ?? ''), (key) => `teamDTO[${key}]`);
    expect((await api.cc('POST', o(`/team?${exploded}`))).status).toBe(201);
    expect((await api.cc('POST', o(`/team?${deep}`))).status).toBe(201);
    expect((await api.cc('POST', o('/team'), teamBody('Body', site.id ?? ''))).status).toBe(400);
    expect([...sim.org(ORG).teams.values()].map((team) => team.name)).toEqual(['Sales', 'Support']);
    expect(sim.invalid()).toEqual([
      expect.stringMatching(
        /^createTeam: request invalid: \/query must have required property 'teamDTO'/,
      ),
    ]);
  });

  test('flows:import needs the Content-Length header the spec requires', async () => {
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify({ name: 'Main_Flow' })]), 'main-flow.json');
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const url = `${sim.ccUrl}/flow-store/${ORG}/project/${FLOW_PROJECT_ID}/flows:import`;
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': type },
      body: new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect(sim.invalid()).toEqual([
      expect.stringContaining("must have required property 'content-length'"),
    ]);
    const sized = await api.cc(
      'POST',
      `/flow-store/${ORG}/project/${FLOW_PROJECT_ID}/flows:import`,
      form,
    );
    expect(sized.status).toBe(201);
  });
});

describe('answers are validated against the spec’s response schemas', () => {
  test('an object that contradicts its schema is answered, and recorded as invalid', async () => {
    const site = seedSite(sim.org(ORG));
    // Seeded behind the API's back with a field of the wrong type: the answer cannot be valid.
    const broken = sim.org(ORG).add('teams', {
      ...teamBody('Broken', site.id ?? ''),
      capacity: 'lots' as unknown as number,
    });
    const reply = await api.cc('GET', o(`/team/${broken.id}`));
    expect(reply.status).toBe(200);
    expect(sim.invalid()).toEqual(['getTeam 200: response invalid: /capacity must be integer']);
  });

  test('the answers of a valid exchange are all valid', async () => {
    const site = seedSite(sim.org(ORG));
    const team = sim.org(ORG).add('teams', teamBody('Sales', site.id ?? ''));
    await api.cc('GET', o('/v2/team'));
    await api.cc('GET', o(`/team/${team.id}`));
    await api.cc('GET', o('/team/no-such-team'));
    await api.hub('GET', '/licenses');
    expect(sim.calls().map((call) => call.status)).toEqual([200, 200, 404, 200]);
    expect(sim.invalid()).toEqual([]);
  });
});
