import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiOf, type Api, type Hub } from './fetch-api.js';
import { hubId } from './ids.js';
import { startWebexSimulator, type SimOrg, type WebexSimulator } from './index.js';

const ORG = '3c1b2a4d-4b73-4ee6-a59c-dc2b67d1b6c4';
const BULK = `/identity/scim/${ORG}/v2/Bulk`;
type Answer = Hub['ScimBulkResponse'];

let sim: WebexSimulator;
let api: Api;
let org: SimOrg;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
  org = sim.org(ORG);
});
afterEach(() => sim.close());

const user = (email: string, roles: string[] = []) =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email,
    userType: 'user',
    displayName: email.split('@')[0],
    roles: roles.map((value) => ({ value, type: 'cirole' })),
  });

const bulk = (operations: object[], failOnErrors = 100) =>
  api.hub<Answer>('POST', BULK, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
    failOnErrors,
    operations,
  });

describe('SCIM 2 Bulk', () => {
  test('creates people with their roles; a status per operation; a refused one fails alone', async () => {
    const answer = await bulk([
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'a',
        data: user('ann@example.com', ['id_full_admin']),
      },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'b',
        data: user('bob@example.com', ['no_such_role']),
      },
      { method: 'POST', path: '/Users', bulkId: 'c', data: user('ann@example.com') },
      { method: 'POST', path: '/Users', bulkId: 'd', data: user('cid@example.com') },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.Operations.map((o) => [o.bulkId, o.status])).toEqual([
      ['a', '201'],
      ['b', '400'],
      ['c', '409'],
      ['d', '201'],
    ]);
    expect(answer.body.Operations[1]?.response?.detail).toBe('Role not recognized no_such_role');
    const uuid = answer.body.Operations[0]?.location?.split('/').pop() ?? '';
    const ann = org.people.get(hubId('PEOPLE', uuid));
    expect(ann).toMatchObject({
      emails: ['ann@example.com'],
      roles: [hubId('ROLE', 'id_full_admin')],
    });
    expect(org.people.size).toBe(2);

    const patched = await bulk([
      {
        method: 'PATCH',
        path: `/Users/${uuid}`,
        bulkId: 'p',
        data: JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Ann Lee' }],
        }),
      },
    ]);
    expect(patched.body.Operations.map((o) => o.status)).toEqual(['200']);
    expect(org.people.get(hubId('PEOPLE', uuid))?.displayName).toBe('Ann Lee');
    expect(sim.invalid()).toEqual([]);
  });

  test('stops after failOnErrors errors; refuses more than 100 operations', async () => {
    const stopped = await bulk(
      [
        { method: 'POST', path: '/Users', bulkId: 'a', data: 'not json' },
        { method: 'POST', path: '/Users', bulkId: 'b', data: user('bob@example.com') },
      ],
      1,
    );
    expect(stopped.body.Operations.map((o) => o.status)).toEqual(['400']);
    expect(org.people.size).toBe(0);
    const many = Array.from({ length: 101 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: String(i),
      data: user(`u${i}@example.com`),
    }));
    expect((await bulk(many)).status).toBe(400);
    expect(org.people.size).toBe(0);
    expect(sim.invalid()).toEqual([]);
  });

  test('is served beside /v1, as Webex serves SCIM, not under it', async () => {
    const underV1 = await fetch(`${sim.hubUrl}${BULK}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schemas: [], failOnErrors: 1, operations: [] }),
    });
    expect(underV1.status).toBe(404);
    expect((await bulk([])).status).toBe(200);
  });

  test('a request that breaks the published schema (no failOnErrors) is refused as invalid', async () => {
    const answer = await api.hub('POST', BULK, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      operations: [],
    });
    expect(answer.status).toBe(400);
    expect(sim.invalid().length).toBeGreaterThan(0);
  });
});
