import { afterEach, beforeEach, expect, test } from 'vitest';
import { apiOf, firstMessage, type Api, type Cc, type CcError } from './fetch-api.js';
import { entryPointBody } from './fixtures.js';
import { startWebexSimulator, type WebexSimulator } from './index.js';

const ORG = 'f53c8b54-46ca-43f6-ba05-08426a46e23d';
const o = (path: string): string => `/organization/${ORG}${path}`;
type EntryPoint = Cc['EntryPointDTO'];

let sim: WebexSimulator;
let api: Api;
let live: EntryPoint;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
  // A live entry point with a field ccac does not manage.
  live = sim.org(ORG).add('entryPoints', entryPointBody('Sales', { callbackEnabled: true }));
});
afterEach(() => sim.close());

const put = (body: EntryPoint) =>
  api.cc<EntryPoint & CcError>('PUT', o(`/entry-point/${live.id}`), body);

test('a PUT with the live version replaces the object, and moves version and lastUpdatedTime on', async () => {
  const { callbackEnabled: _dropped, ...rest } = live;
  const reply = await put({ ...rest, description: 'Sales line' });
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ id: live.id, version: 1, description: 'Sales line' });
  expect(reply.body.lastUpdatedTime).toBeGreaterThan(live.lastUpdatedTime ?? 0);
  expect(reply.body.createdTime).toBe(live.createdTime);
  // PUT replaces the whole object: a field left out is gone.
  expect(reply.body).not.toHaveProperty('callbackEnabled');
  expect(sim.org(ORG).entryPoints.get(live.id ?? '')).toEqual(reply.body);
});

test('a PUT with a stale version is refused with 412 and changes nothing', async () => {
  expect((await put({ ...live, description: 'first' })).status).toBe(200);
  const stale = await put({ ...live, description: 'second' });
  expect(stale.status).toBe(412);
  expect(firstMessage(stale.body)).toBe('version: 0 is stale (current version 1).');
  expect(sim.org(ORG).entryPoints.get(live.id ?? '')?.description).toBe('first');
});

test('a PUT without a version is refused', async () => {
  const { version: _version, ...unversioned } = live;
  expect((await put(unversioned)).status).toBe(400);
});

test('a version-conflict fault: another admin saves first, the PUT gets 412, a re-read one succeeds', async () => {
  sim.fault({ kind: 'version-conflict', times: 1, match: /updateEntryPoint/ });
  const conflicted = await put({ ...live, description: 'mine' });
  expect(conflicted.status).toBe(412);
  const reread = await api.cc<EntryPoint>('GET', o(`/entry-point/${live.id}`));
  expect(reread.body.version).toBe(1);
  const retried = await put({ ...reread.body, description: 'mine' });
  expect(retried.status).toBe(200);
  expect(retried.body.version).toBe(2);
  expect(sim.invalid()).toEqual([]);
});

test('the channel type of an entry point cannot be edited', async () => {
  const reply = await put({ ...live, channelType: 'CHAT' });
  expect(reply.status).toBe(400);
  expect(firstMessage(reply.body)).toBe('channelType: cannot be modified once created.');
});

test('a change behind ccac’s back (org().edit) moves the version on, as an edit in Control Hub', async () => {
  const edited = sim.org(ORG).edit('entryPoints', live.id ?? '', { serviceLevelThreshold: 90 });
  expect(edited).toMatchObject({ version: 1, serviceLevelThreshold: 90, callbackEnabled: true });
  expect((await put({ ...live, description: 'stale' })).status).toBe(412);
});
