import { afterEach, beforeEach, expect, test } from 'vitest';
import { apiOf, type Api, type Cc } from './fetch-api.js';
import { FLOW_PROJECT_ID, startWebexSimulator, type WebexSimulator } from './index.js';

const ORG = '8eb7da9a-c81c-4d13-b08b-38fdeb7330d8';
const FLOWS = `/flow-store/${ORG}/project/${FLOW_PROJECT_ID}/flows`;
type Flow = Cc['BasicFlowDTO'];
type FlowVersion = Cc['FlowVersionRes'];

let sim: WebexSimulator;
let api: Api;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
});
afterEach(() => sim.close());

function fileForm(content: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'application/json' }), 'flow.json');
  return form;
}

const importFlow = (definition: object, query = '') =>
  api.cc<Flow>('POST', `${FLOWS}:import${query}`, fileForm(JSON.stringify(definition)));

test('import creates a flow named by its definition; a same-named import needs overwrite=yes', async () => {
  const created = await importFlow({ name: 'Main_Routing', description: 'v1' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    name: 'Main_Routing',
    flowType: 'FLOW',
    version: 1,
    orgId: ORG,
  });
  expect((await importFlow({ name: 'Main_Routing', description: 'v2' })).status).toBe(409);
  const replaced = await importFlow({ name: 'Main_Routing', description: 'v2' }, '?overwrite=yes');
  expect(replaced.status).toBe(201);
  expect(replaced.body).toMatchObject({ id: created.body.id, version: 2, description: 'v2' });
  expect((await api.cc<Flow[]>('GET', FLOWS)).body.map((flow) => flow.name)).toEqual([
    'Main_Routing',
  ]);
  expect(sim.invalid()).toEqual([]);
});

test('publish tags the last version; export gives the published one, or the draft when asked', async () => {
  const flow = (await importFlow({ name: 'Main_Routing', description: 'v1' })).body;
  const published = await api.cc<Cc['FlowRes']>('POST', `${FLOWS}/${flow.id}:publish`, {
    tagIds: ['Live'],
  });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({
    status: 'PUBLISHED',
    tags: [expect.objectContaining({ id: 'Live', versionNumber: 1 })],
  });
  await importFlow({ name: 'Main_Routing', description: 'v2' }, '?overwrite=yes');
  const latest = await api.cc<FlowVersion>('GET', `${FLOWS}/${flow.id}:export`);
  const draft = await api.cc<FlowVersion>('GET', `${FLOWS}/${flow.id}:export?version=draft`);
  expect([latest.body.description, draft.body.description]).toEqual(['v1', 'v2']);
  expect(draft.body).toMatchObject({ flowId: flow.id, name: 'Main_Routing', version: 2 });
  expect(sim.invalid()).toEqual([]);
});

test('publishing with a tag the API does not know is refused', async () => {
  const flow = (await importFlow({ name: 'Main_Routing' })).body;
  expect(
    (await api.cc('POST', `${FLOWS}/${flow.id}:publish`, { tagIds: ['Production'] })).status,
  ).toBe(400);
});

test('a file that is not a FlowVersionRes is refused and recorded', async () => {
  expect((await api.cc('POST', `${FLOWS}:import`, fileForm('not json'))).status).toBe(400);
  expect((await importFlow({ name: 'Bad', variables: 'none' })).status).toBe(400);
  expect(sim.invalid()).toEqual([
    'importFlow: request invalid: file: is not a JSON object (a FlowVersionRes).',
    'importFlow: request invalid: file: /variables must be array',
  ]);
});

test('the flow store answers only in its one project', async () => {
  const other = `/flow-store/${ORG}/project/000000000000000000000000/flows`;
  expect((await api.cc('GET', other)).status).toBe(404);
});

test('includePagination=true, whose answer the published schema does not describe, is refused and recorded', async () => {
  expect((await api.cc('GET', `${FLOWS}?includePagination=true`)).status).toBe(400);
  expect(sim.invalid()).toEqual([
    expect.stringMatching(/^listFlows: includePagination=true answers an object/),
  ]);
});
