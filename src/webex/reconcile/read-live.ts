import type { ApiResult } from '../client/api-result.js';
import {
  listByLinks,
  listUntilShortPage,
  listV2Pages,
  PEOPLE_PAGE_SIZE,
  V2_PAGE_SIZE,
} from '../client/paging.js';
import type { WebexClient } from '../client/webex-client.js';
import {
  FLOW_PROJECT_ID,
  WEBEX_ENTITIES,
  type LiveObjects,
  type LiveState,
  type WebexEntity,
} from '../entities.js';
import type { LiveFlow } from '../mapping/flow.js';

export interface ReadLiveOptions {
  /** Export each flow's definition too (import): one more call per flow. */
  flowDefinitions?: boolean;
  /** Told as each entity's listing completes: for progress (with the gate's calls left). */
  onListed?: (entity: WebexEntity, count: number) => void;
}

type Lister<E extends WebexEntity> = (client: WebexClient) => Promise<ApiResult<LiveObjects[E][]>>;

/** A v2 list of the Contact Center API (`{meta, data}`, page and pageSize from 0). */
function v2<E extends WebexEntity>(
  list: (
    client: WebexClient,
    query: { page: number; pageSize: number },
  ) => Promise<ApiResult<{ meta?: { totalPages?: number }; data?: LiveObjects[E][] }>>,
): Lister<E> {
  return (client) => listV2Pages((page) => list(client, { page, pageSize: V2_PAGE_SIZE }));
}

const org = (client: WebexClient) => ({ orgid: client.orgId });

/** How each entity is listed: every page, as the API pages it. */
const LISTERS: { [E in WebexEntity]: Lister<E> } = {
  site: v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/site', { params: { path: org(c), query } })),
  ),
  'multimedia-profile': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v2/multimedia-profile', { params: { path: org(c), query } }),
    ),
  ),
  'business-hours': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v2/business-hours', { params: { path: org(c), query } }),
    ),
  ),
  'holiday-list': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v2/holiday-list', { params: { path: org(c), query } }),
    ),
  ),
  overrides: v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/overrides', { params: { path: org(c), query } })),
  ),
  'agent-profile': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v2/agent-profile', { params: { path: org(c), query } }),
    ),
  ),
  team: v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/team', { params: { path: org(c), query } })),
  ),
  'contact-service-queue': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v2/contact-service-queue', {
        params: { path: org(c), query },
      }),
    ),
  ),
  'entry-point': v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/entry-point', { params: { path: org(c), query } })),
  ),
  'dial-number': v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/dial-number', { params: { path: org(c), query } })),
  ),
  'audio-file': v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/audio-file', { params: { path: org(c), query } })),
  ),
  'user-profile': v2((c, query) =>
    c.settle(
      c.cc.GET('/organization/{orgid}/v3/user-profile', { params: { path: org(c), query } }),
    ),
  ),
  'cc-user': v2((c, query) =>
    c.settle(c.cc.GET('/organization/{orgid}/v2/user', { params: { path: org(c), query } })),
  ),
  flow: (c) =>
    listUntilShortPage((page, size) =>
      c.settle(
        c.cc.GET('/flow-store/{orgId}/project/{projectId}/flows', {
          params: { path: { orgId: c.orgId, projectId: FLOW_PROJECT_ID }, query: { page, size } },
        }),
      ),
    ),
  person: (c) =>
    listByLinks(
      () =>
        c.settle(
          c.hub.GET('/people', { params: { query: { orgId: c.hubOrgId, max: PEOPLE_PAGE_SIZE } } }),
        ),
      (next) => c.settle(c.hub.GET('/people', { querySerializer: () => next.search.slice(1) })),
      c.hubBaseUrl,
    ),
  license: async (c) =>
    items(await c.settle(c.hub.GET('/licenses', { params: { query: { orgId: c.hubOrgId } } }))),
  role: async (c) => items(await c.settle(c.hub.GET('/roles', {}))),
};

function items<T>(result: ApiResult<{ items?: T[] }>): ApiResult<T[]> {
  return result.ok ? { ...result, value: result.value.items ?? [] } : result;
}

/**
 * Everything of the organization ccac reads, every page: each entity listed once, all at the
 * same time (the gate bounds how many calls run together). A listing that fails fails the read.
 */
export async function readLive(
  client: WebexClient,
  options: ReadLiveOptions = {},
): Promise<ApiResult<LiveState>> {
  const results = await Promise.all(
    WEBEX_ENTITIES.map(async (entity) => {
      const result = await listEntity(client, entity);
      if (result.ok) options.onListed?.(entity, result.value.length);
      return result;
    }),
  );
  const live: Record<string, unknown[]> = {};
  for (const [i, entity] of WEBEX_ENTITIES.entries()) {
    const result = results[i]!;
    if (!result.ok)
      return {
        ok: false,
        failure: { ...result.failure, message: `listing ${entity}: ${result.failure.message}` },
      };
    live[entity] = result.value;
  }
  if (options.flowDefinitions) {
    const flows = await exportDefinitions(client, live.flow as LiveFlow[]);
    if (!flows.ok) return flows;
    live.flow = flows.value;
  }
  return { ok: true, value: live as unknown as LiveState, headers: new Headers() };
}

/** One entity's every object. */
export function listEntity<E extends WebexEntity>(
  client: WebexClient,
  entity: E,
): Promise<ApiResult<LiveObjects[E][]>> {
  return LISTERS[entity](client);
}

async function exportDefinitions(
  client: WebexClient,
  flows: LiveFlow[],
): Promise<ApiResult<LiveFlow[]>> {
  const out: LiveFlow[] = [];
  const exported = await Promise.all(
    flows.map((flow) =>
      flow.id === undefined
        ? Promise.resolve(undefined)
        : client.settle(
            client.cc.GET('/flow-store/{orgId}/project/{projectId}/flows/{flowId}:export', {
              params: {
                path: { orgId: client.orgId, projectId: FLOW_PROJECT_ID, flowId: flow.id },
              },
            }),
          ),
    ),
  );
  for (const [i, flow] of flows.entries()) {
    const result = exported[i];
    if (result && !result.ok)
      return {
        ok: false,
        failure: {
          ...result.failure,
          message: `exporting flow ${flow.name}: ${result.failure.message}`,
        },
      };
    out.push(result ? { ...flow, definition: `${JSON.stringify(result.value, null, 2)}\n` } : flow);
  }
  return { ok: true, value: out, headers: new Headers() };
}
