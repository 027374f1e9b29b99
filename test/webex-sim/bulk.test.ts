import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiOf, firstMessage, type Api, type Cc, type CcError } from './fetch-api.js';
import { entryPointBody, queueBody, seedSite, teamBody } from './fixtures.js';
import { startWebexSimulator, type SimOrg, type WebexSimulator } from './index.js';

const ORG = 'a421e0b2-732e-46f3-a057-39160a53afb9';
const o = (path: string): string => `/organization/${ORG}${path}`;
type Bulk = Cc['BulkResponseDTO'];

let sim: WebexSimulator;
let api: Api;
let org: SimOrg;
let siteId: string;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  api = apiOf(sim);
  org = sim.org(ORG);
  siteId = seedSite(org).id ?? '';
});
afterEach(() => sim.close());

const item = (itemIdentifier: number, requestAction: string, team: object) => ({
  itemIdentifier,
  requestAction,
  item: { organizationId: ORG, ...team },
});

describe('bulk save', () => {
  test('creates, updates and deletes in one call, answering 207 with a status and href per item', async () => {
    const kept = org.add('teams', teamBody('Kept', siteId));
    const gone = org.add('teams', teamBody('Gone', siteId));
    const reply = await api.cc<Bulk>('POST', o('/team/bulk'), {
      items: [
        item(1, 'SAVE', teamBody('New', siteId)),
        item(2, 'SAVE', { ...kept, description: 'updated' }),
        item(3, 'DELETE', gone),
      ],
    });
    expect(reply.status).toBe(207);
    const created = org.byName('teams', 'New');
    expect(reply.body.items).toEqual([
      {
        itemIdentifier: 1,
        operationType: 'CREATE',
        status: 201,
        href: `/api/organization/${ORG}/team/${created?.id}`,
      },
      {
        itemIdentifier: 2,
        operationType: 'UPDATE',
        status: 200,
        href: `/api/organization/${ORG}/team/${kept.id}`,
      },
      {
        itemIdentifier: 3,
        operationType: 'DELETE',
        status: 204,
        href: `/api/organization/${ORG}/team/${gone.id}`,
      },
    ]);
    expect(org.teams.get(kept.id ?? '')).toMatchObject({ version: 1, description: 'updated' });
    expect(org.teams.has(gone.id ?? '')).toBe(false);
    expect(sim.invalid()).toEqual([]);
  });

  test('a failed item gets its own status and error; the others are done', async () => {
    const kept = org.add('teams', teamBody('Kept', siteId));
    org.edit('teams', kept.id ?? '', { description: 'changed in Control Hub' });
    const reply = await api.cc<Bulk>('POST', o('/team/bulk'), {
      items: [
        item(1, 'SAVE', { ...kept, description: 'stale' }),
        item(2, 'SAVE', teamBody('Kept', siteId)),
        { itemIdentifier: 3, requestAction: 'SAVE', item: teamBody('No_Org', siteId) },
        item(4, 'SAVE', teamBody('Fine', siteId)),
      ],
    });
    expect(reply.body.items?.map((answer) => answer.status)).toEqual([412, 409, 400, 201]);
    expect(reply.body.items?.[1]?.apiError?.error?.message?.[0]?.description).toMatch(
      /already exists/,
    );
    expect(org.byName('teams', 'Fine')).toBeDefined();
  });

  test('contact-center users cannot be created by the bulk call', async () => {
    const reply = await api.cc<Bulk>('PATCH', o('/user/bulk'), {
      items: [
        {
          itemIdentifier: 1,
          requestAction: 'SAVE',
          item: {
            organizationId: ORG,
            ciUserId: 'c1',
            email: 'ana@example.com',
            firstName: 'Ana',
            lastName: 'Lee',
            userProfileId: [...org.userProfiles.keys()][0],
            active: true,
            contactCenterEnabled: false,
          },
        },
      ],
    });
    expect(reply.body.items?.[0]?.status).toBe(400);
    expect(org.users.size).toBe(0);
  });
});

describe('delete', () => {
  test('an object another refers to is kept, with 412 naming the referrer', async () => {
    const team = org.add('teams', teamBody('Sales', siteId));
    org.add('queues', queueBody('Sales_Chat', team.id ?? ''));
    const reply = await api.cc<CcError>('DELETE', o(`/team/${team.id}`));
    expect(reply.status).toBe(412);
    expect(firstMessage(reply.body)).toContain('cc_contact_service_queue Sales_Chat');
  });

  test('an active entry point, or a system one, cannot be deleted; an inactive one can', async () => {
    const active = org.add('entryPoints', entryPointBody('Active'));
    const inactive = org.add('entryPoints', entryPointBody('Inactive', { active: false }));
    const system = org.byName('entryPoints', 'Outdial Transfer to Queue');
    expect(system?.systemDefault).toBe(true);
    const statuses = [];
    for (const id of [active.id, system?.id, inactive.id])
      statuses.push((await api.cc('DELETE', o(`/entry-point/${id}`))).status);
    expect(statuses).toEqual([412, 412, 204]);
  });

  test('a reference to something the org does not have is refused when written', async () => {
    const reply = await api.cc<CcError>(
      'POST',
      o('/v2/contact-service-queue'),
      queueBody('Q', 'no-team'),
    );
    expect(reply.status).toBe(400);
    expect(firstMessage(reply.body)).toBe(
      'callDistributionGroups.agentGroups.teamId: no-team not found for given orgId.',
    );
  });
});
