import { afterEach, expect, test } from 'vitest';
import { resolveConnection } from '../../../src/webex/client/connection.js';
import { createWebexClient } from '../../../src/webex/client/webex-client.js';
import { WEBEX_ENTITIES, type WebexEntity } from '../../../src/webex/entities.js';
import { importTenant } from '../../../src/webex/reconcile/import-tenant.js';
import { ORG, TENANT } from './fixtures/model.js';
import { SPEC_FIXTURES as SPEC } from './fixtures/spec-examples.js';
import { startLocalServer } from './local-server.js';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

test('import webex: every entity listed (progress told), each flow’s definition exported', async () => {
  const flow = SPEC.flow();
  const exported = { name: flow.name, flowId: flow.id, process: { activities: {} } };
  const server = await startLocalServer((seen) => {
    const path = new URL(seen.url, 'http://x').pathname;
    if (path.endsWith('/flows')) return { status: 200, body: [flow] };
    if (path.endsWith(`/flows/${flow.id}:export`)) return { status: 200, body: exported };
    if (path.startsWith('/v1/')) return { status: 200, body: { items: [] } };
    return { status: 200, body: { meta: { totalPages: 1 }, data: [] } };
  });
  close = server.close;
  const resolved = resolveConnection(
    TENANT,
    { orgId: ORG, region: 'eu1' },
    {
      CCAC_WEBEX_TOKEN: 't',
      CCAC_WEBEX_BASE_URL: server.url,
      CCAC_WEBEX_HUB_URL: `${server.url}/v1`,
    },
  );
  if (resolved.status !== 'connected') throw new Error('not connected');
  const listed: WebexEntity[] = [];
  const result = await importTenant(
    createWebexClient(resolved.connection),
    { tenant: TENANT, tenantTimezone: 'UTC' },
    { onListed: (entity) => listed.push(entity) },
  );
  if (!result.ok) throw new Error(result.failure.message);
  expect([...listed].sort()).toEqual([...WEBEX_ENTITIES].sort());
  const definition = `${JSON.stringify(exported, null, 2)}\n`;
  expect(result.value.resources).toEqual([
    {
      kind: 'Flow',
      name: 'TestFlow',
      spec: { type: 'routing', definition },
      refs: [expect.objectContaining({ entity: 'flow', id: flow.id })],
    },
  ]);
  expect(server.seen.filter((s) => s.url.includes(':export'))).toHaveLength(1);
});
