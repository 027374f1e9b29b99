import { afterEach, describe, expect, test } from 'vitest';
import { resolveConnection } from '../../../src/webex/client/connection.js';
import { createWebexClient } from '../../../src/webex/client/webex-client.js';
import type { LiveState } from '../../../src/webex/entities.js';
import type { PushEvent } from '../../../src/webex/reconcile/outcome.js';
import { pushTenant } from '../../../src/webex/reconcile/push.js';
import { CONTACT_CENTER, DEFINITIONS } from './fixtures/contact-center.js';
import { baseLive } from './fixtures/live.js';
import { modelOf, ORG, TENANT } from './fixtures/model.js';
import { startLocalServer, type Answer, type Seen } from './local-server.js';

/**
 * push against a local server that answers as Webex does (canned, not a simulator): every list
 * from an empty organization, every write accepted — but the bulk save of team "Sales", whose
 * item is answered 400 inside the 207.
 */
function answer(live: LiveState, seen: Seen, failTeam?: string): Answer {
  const url = new URL(seen.url, 'http://x');
  const path = url.pathname.replace(`/organization/${ORG}`, 'O');
  const body = jsonOf(seen.body) as {
    items?: {
      itemIdentifier: number;
      item: { name?: string; id?: string; dialledNumber?: string; email?: string };
    }[];
  };
  const list = (data: readonly unknown[]) => ({
    status: 200,
    body: { meta: { page: 0, totalPages: 1 }, data },
  });
  if (seen.method === 'GET') {
    const v2 = /^O\/v[23]\/(.+)$/.exec(path)?.[1];
    const entities: Record<string, keyof LiveState> = {
      site: 'site',
      'multimedia-profile': 'multimedia-profile',
      'business-hours': 'business-hours',
      'holiday-list': 'holiday-list',
      overrides: 'overrides',
      'agent-profile': 'agent-profile',
      team: 'team',
      'contact-service-queue': 'contact-service-queue',
      'entry-point': 'entry-point',
      'dial-number': 'dial-number',
      'audio-file': 'audio-file',
      'user-profile': 'user-profile',
    };
    if (v2 === 'user')
      // Webex made the contact-center user of the person licensed a moment ago.
      return list(
        seen.url.includes('page=0') && licensed.size
          ? [...licensed].map((email) => ({
              id: `cc-${email}`,
              email,
              ciUserId: 'ci',
              firstName: 'A',
              lastName: 'B',
              active: true,
              userProfileId: 'up-std',
              contactCenterEnabled: false,
            }))
          : [],
      );
    if (v2 && entities[v2]) return list(live[entities[v2]]);
    if (path.endsWith('/flows')) return { status: 200, body: [] };
    if (path === '/v1/people') return { status: 200, body: { items: [] } };
    if (path === '/v1/licenses') return { status: 200, body: { items: live.license } };
    if (path === '/v1/roles') return { status: 200, body: { items: live.role } };
  }
  if (seen.method === 'POST' && path === 'O/site')
    return { status: 201, body: { id: 'site-1', name: TENANT } };
  if (seen.method === 'POST' && path === '/v1/people') {
    const person = JSON.parse(seen.body) as { emails: string[]; licenses?: string[] };
    if (person.licenses?.length) licensed.add(person.emails[0]!);
    return { status: 200, body: { ...person, id: `person-${person.emails[0]}` } };
  }
  if (path.endsWith('flows:import'))
    return { status: 201, body: { id: 'flow-1', name: 'Main_Routing', version: 1 } };
  if (path.endsWith(':publish')) return { status: 200, body: { id: 'flow-1', version: 2 } };
  if (path.endsWith('/bulk'))
    return {
      status: 207,
      body: {
        items: (body.items ?? []).map(({ itemIdentifier, item }) =>
          path === 'O/team/bulk' && item.name === failTeam
            ? {
                itemIdentifier,
                status: 400,
                apiError: {
                  error: { key: '400', message: [{ description: 'Team name is taken' }] },
                },
              }
            : {
                itemIdentifier,
                status: 201,
                href: `https://x${path}/${item.id ?? `${item.name ?? item.dialledNumber ?? item.email}-id`}`,
              },
        ),
      },
    };
  return { status: 404, body: { message: `no ${seen.method} ${path}` } };
}

const licensed = new Set<string>();

/** A JSON request body; {} for none or another kind (the flow import's multipart file). */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  licensed.clear();
});

/** A first push of the contact center to an empty organization, answered by `answer`. */
async function firstPush(failTeam?: string) {
  const live = baseLive();
  const server = await startLocalServer((seen) => answer(live, seen, failTeam));
  close = server.close;
  const resolved = resolveConnection(
    TENANT,
    { orgId: ORG, region: 'eu1' },
    {
      CCAC_WEBEX_TOKEN: 'token',
      CCAC_WEBEX_BASE_URL: server.url,
      CCAC_WEBEX_HUB_URL: `${server.url}/v1`,
    },
  );
  if (resolved.status !== 'connected') throw new Error('not connected');
  const client = createWebexClient(resolved.connection, {
    retry: { retries: 0, attemptTimeoutMs: 5000 },
  });
  const events: PushEvent[] = [];
  const result = await pushTenant(
    client,
    { tenant: TENANT, model: modelOf(CONTACT_CENTER, DEFINITIONS), recorded: new Map() },
    { onEvent: (event) => events.push(event) },
  );
  if (!result.ok) throw new Error(result.failure.message);
  const outcomes = Object.fromEntries(result.value.outcomes.map((o) => [o.address, o]));
  return { server, events, result: result.value, outcomes };
}

/** A write as the test names it: method and path, the org and the flow store shortened. */
function write(seen: Seen): string {
  const path = new URL(seen.url, 'http://x').pathname
    .replace(`/organization/${ORG}`, 'O')
    .replace(/^\/flow-store\/.*\/flows/, 'flows');
  return `${seen.method} ${path}`;
}

describe('push through the client: bulk answers item by item', () => {
  test('a team refused inside the bulk answer', async () => {
    const { server, events, result, outcomes } = await firstPush('Sales');
    const status = (address: string) => outcomes[`${TENANT}/${address}`]?.status;

    expect(outcomes['acme/Team/Sales']).toMatchObject({
      status: 'failed',
      failures: ['HTTP 400: Team name is taken'],
    });
    // What refers to the team, and what refers to those, fails with the reason.
    expect(outcomes['acme/Queue/Sales_Voice']?.failures).toEqual([
      'depends on acme/Team/Sales, which failed',
    ]);
    expect(status('User/ann@acme.example')).toBe('failed');
    expect(outcomes['acme/Queue/Callbacks']?.failures).toEqual([
      'depends on acme/User/ann@acme.example, which failed',
    ]);
    expect(outcomes['acme/EntryPoint/Outbound']?.failures).toEqual([
      'depends on acme/Queue/Callbacks, which failed',
    ]);
    // The rest is created, and its ids are recorded.
    for (const address of [
      'BusinessHours/Store_Hours',
      'DesktopProfile/Agent_Desk',
      'Flow/Main_Routing',
      'EntryPoint/Sales_Line',
      'User/bob@acme.example',
    ])
      expect(status(address), address).toBe('created');
    expect(
      outcomes['acme/EntryPoint/Sales_Line']?.refs.map((r) => `${r.entity} ${r.key} ${r.id}`),
    ).toEqual([
      'entry-point Sales_Line Sales_Line-id',
      'dial-number +31201234500 +31201234500-id',
      'dial-number +31201234501 +31201234501-id',
    ]);
    expect(outcomes['acme/Flow/Main_Routing']?.refs).toEqual([
      { entity: 'flow', id: 'flow-1', key: 'Main_Routing', digest: expect.any(String), version: 2 },
    ]);
    expect(status('Campaign/Spring')).toBe('not-pushed');

    // Every id was reported as its call returned; every failure too.
    const reported = new Set(events.filter((e) => e.type === 'refs').map((e) => e.address));
    expect(reported).toEqual(
      new Set([
        'acme/BusinessHours/Store_Hours',
        'acme/DesktopProfile/Agent_Desk',
        // adopted by name: recorded before anything is written
        'acme/EntryPoint/Outdial Transfer to Queue',
        'acme/Flow/Main_Routing',
        'acme/EntryPoint/Sales_Line',
        'acme/User/bob@acme.example',
      ]),
    );
    expect(
      events
        .filter((e) => e.type === 'failed')
        .map((e) => e.address)
        .sort(),
    ).toEqual([
      'acme/EntryPoint/Outbound',
      'acme/Queue/Callbacks',
      'acme/Queue/Sales_Voice',
      'acme/Team/Sales',
      'acme/User/ann@acme.example',
    ]);

    // Bulk items carry the org; a new team goes on the site created first.
    const teamBulk = server.seen.find((s) => s.url.endsWith('/team/bulk'))!;
    expect(JSON.parse(teamBulk.body).items[0]).toMatchObject({
      requestAction: 'SAVE',
      item: { name: 'Sales', siteId: 'site-1', organizationId: ORG },
    });
    const siteAt = server.seen.findIndex((s) => s.url.endsWith('/site'));
    expect(siteAt).toBeLessThan(server.seen.indexOf(teamBulk));
    // The whole push: one listing per entity (17), then the writes, users apart.
    const writes = server.seen.filter((s) => s.method !== 'GET').map(write);
    expect(writes).toEqual([
      'POST O/site',
      'POST O/holiday-list/bulk',
      'POST O/overrides/bulk',
      'POST O/business-hours/bulk',
      'POST O/agent-profile/bulk',
      'POST O/team/bulk',
      'POST /v1/people',
      'POST flows:import',
      'POST flows/flow-1:publish',
      'POST O/entry-point/bulk',
      'POST O/dial-number/bulk',
    ]);
    expect(server.seen.filter((s) => s.method === 'GET')).toHaveLength(17);
    // The flow's definition file goes as a multipart file, then is published as Live.
    const flowImport = server.seen.find((s) => s.url.includes('flows:import'))!;
    expect(flowImport.url).toContain('overwrite=yes');
    expect(flowImport.body).toContain('filename="Main_Routing.json"');
    expect(flowImport.body).toContain('{"name":"Main_Routing","activities":[]}');
    expect(JSON.parse(server.seen.find((s) => s.url.includes(':publish'))!.body)).toMatchObject({
      tagIds: ['Live'],
    });
    expect(result.calls).toMatchObject({ ok: 28, clientError: 0, serverError: 0 });
    // users: the people, licences, roles, CC users and user profiles listed, and the person created
    expect(result.callsByArea).toEqual({ configuration: 22, users: 6 });
  });

  test('licences given: the contact-center users Webex made are listed before queues name them', async () => {
    const { server, outcomes } = await firstPush();
    expect(Object.values(outcomes).filter((o) => o.status === 'failed')).toEqual([]);
    const writes = server.seen.map((s) =>
      s.method === 'GET' && s.url.includes('/v2/user') ? 'GET O/v2/user' : write(s),
    );
    // Listed once at the start (none yet), once more after the people.
    expect(writes.filter((w) => w === 'GET O/v2/user')).toHaveLength(2);
    expect(writes.lastIndexOf('GET O/v2/user')).toBeGreaterThan(writes.indexOf('POST /v1/people'));
    expect(writes.lastIndexOf('GET O/v2/user')).toBeLessThan(
      writes.indexOf('POST O/contact-service-queue/v2/bulk'),
    );
    const queues = JSON.parse(
      server.seen.find((s) => s.url.endsWith('/contact-service-queue/v2/bulk'))!.body,
    ) as { items: { item: { name: string; agents?: { id: string }[] } }[] };
    expect(queues.items.find((i) => i.item.name === 'Callbacks')?.item.agents).toEqual([
      { id: 'cc-ann@acme.example' },
    ]);
    const users = JSON.parse(server.seen.find((s) => s.url.endsWith('/user/bulk'))!.body) as {
      items: { item: object }[];
    };
    expect(users.items).toEqual([
      {
        itemIdentifier: 0,
        requestAction: 'SAVE',
        item: expect.objectContaining({
          email: 'ann@acme.example',
          contactCenterEnabled: true,
          userProfileId: 'up-prem',
          teamIds: ['Sales-id'],
          agentProfileId: 'Agent_Desk-id',
          siteId: 'site-1',
        }),
      },
    ]);
    expect(outcomes['acme/User/ann@acme.example']?.refs.map((r) => r.entity)).toEqual([
      'person',
      'cc-user',
    ]);
  });
});
