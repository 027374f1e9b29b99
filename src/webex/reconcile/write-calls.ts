import type {
  components as HubComponents,
  operations as HubOperations,
} from '../../generated/webex-admin.js';
import type { components } from '../../generated/webex-contact-center.js';
import type { ApiResult } from '../client/api-result.js';
import type { WebexClient } from '../client/webex-client.js';
import {
  FLOW_PROJECT_ID,
  type BulkResponse,
  type Flow,
  type Person,
  type Site,
  type WebexEntity,
} from '../entities.js';
import type { FlowImport } from '../mapping/flow.js';
import type { PersonBody } from '../mapping/person.js';
import type { ScimPatch, ScimUser } from '../mapping/scim-user.js';

type Cc = components['schemas'];

export interface BulkItem {
  itemIdentifier: number;
  item: object;
  requestAction: 'SAVE' | 'DELETE';
}

type BulkCall = (client: WebexClient, items: BulkItem[]) => Promise<ApiResult<BulkResponse>>;

const path = (client: WebexClient) => ({ path: { orgid: client.orgId } });

/**
 * The bulk call of each entity that has one: many creates, updates or deletes in one request,
 * answered 207 with a status per item. Items are built by the mappings; typed here at the edge.
 */
export const BULK_CALLS: Partial<Record<WebexEntity, BulkCall>> = {
  'holiday-list': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/holiday-list/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOHolidayListDTO'][] },
      }),
    ),
  overrides: (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/overrides/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOOverridesDTO'][] },
      }),
    ),
  'business-hours': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/business-hours/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOBusinessHoursDTO'][] },
      }),
    ),
  'agent-profile': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/agent-profile/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOAgentProfileDTO'][] },
      }),
    ),
  team: (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/team/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOTeamDTO'][] },
      }),
    ),
  'contact-service-queue': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/contact-service-queue/v2/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOContactServiceQueueDTO'][] },
      }),
    ),
  'entry-point': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/entry-point/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOEntryPointDTO'][] },
      }),
    ),
  'dial-number': (c, items) =>
    c.settle(
      c.cc.POST('/organization/{orgid}/dial-number/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTODialledNumberEntryPointDTO'][] },
      }),
    ),
  'cc-user': (c, items) =>
    c.settle(
      c.cc.PATCH('/organization/{orgid}/user/bulk', {
        params: path(c),
        body: { items: items as Cc['BulkRequestItemDTOUserDTO'][] },
      }),
    ),
};

export function createSite(
  client: WebexClient,
  tenant: string,
  multimediaProfileId: string,
): Promise<ApiResult<Site>> {
  return client.settle(
    client.cc.POST('/organization/{orgid}/site', {
      params: path(client),
      body: { name: tenant, active: true, multimediaProfileId },
    }),
  );
}

export function createPerson(client: WebexClient, body: PersonBody): Promise<ApiResult<Person>> {
  const { emails, displayName, roles, licenses } = body;
  return client.settle(
    client.hub.POST('/people', {
      body: { emails, displayName, roles, licenses, orgId: client.hubOrgId },
    }),
  );
}

export type ScimBulkAnswer = HubComponents['schemas']['ScimBulkResponse'];

/** One SCIM Bulk operation on a user: a new one (POST) or a change to a live one (PATCH). */
export type ScimOperation =
  { method: 'POST'; user: ScimUser } | { method: 'PATCH'; scimId: string; patch: ScimPatch };

/**
 * People by SCIM 2 Bulk: one operation per user, its `bulkId` the operation's index.
 * `failOnErrors` lets every operation run (one refused user fails alone). Each operation's
 * `data` is JSON text, as the published request schema types it.
 */
export function scimBulk(
  client: WebexClient,
  operations: readonly ScimOperation[],
): Promise<ApiResult<ScimBulkAnswer>> {
  return client.settle(
    client.hub.POST('/identity/scim/{orgId}/v2/Bulk', {
      baseUrl: client.identityBaseUrl,
      params: { path: { orgId: client.orgId } },
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        failOnErrors: Math.max(1, operations.length),
        operations: operations.map((operation, index) =>
          operation.method === 'POST'
            ? {
                method: 'POST' as const,
                path: '/Users',
                bulkId: String(index),
                data: JSON.stringify(operation.user),
              }
            : {
                method: 'PATCH' as const,
                path: `/Users/${operation.scimId}`,
                bulkId: String(index),
                data: JSON.stringify(operation.patch),
              },
        ),
      },
    }),
  );
}

/**
 * A Bulk operation's answer, found by its bulkId (else, for a PATCH, by the user's location):
 * the location on success, else the status and the SCIM error's detail.
 */
export function scimAnswer(
  answer: ScimBulkAnswer,
  bulkId: string,
  scimId?: string,
): ApiResult<string | undefined> {
  const operation =
    answer.Operations.find((o) => o.bulkId === bulkId) ??
    (scimId === undefined
      ? undefined
      : answer.Operations.find((o) => o.location?.endsWith(`/Users/${scimId}`)));
  if (!operation)
    return { ok: false, failure: { message: 'the SCIM Bulk answer says nothing of this user' } };
  const status = Number(operation.status);
  if (!(status >= 200 && status < 300)) {
    const detail = operation.response?.detail;
    return {
      ok: false,
      failure: { status, message: `HTTP ${operation.status}${detail ? `: ${detail}` : ''}` },
    };
  }
  return { ok: true, value: operation.location, headers: new Headers() };
}

type PersonPut = NonNullable<
  HubOperations['updatePerson']['requestBody']
>['content']['application/json'];

/** What PUT /people takes of a person (the rest of a GET — status, sipAddresses… — it does not). */
const PERSON_PUT_FIELDS = [
  'emails',
  'extension',
  'locationId',
  'displayName',
  'firstName',
  'lastName',
  'nickName',
  'avatar',
  'orgId',
  'roles',
  'licenses',
  'department',
  'manager',
  'managerId',
  'title',
  'addresses',
  'siteUrls',
  'loginEnabled',
] as const satisfies readonly (keyof PersonPut)[];

/**
 * PUT /people replaces the person: every field it takes is sent as it is live, with ccac's
 * changed. Its phone numbers: only "work" ones, the only type the PUT schema takes.
 */
export function personPutBody(body: PersonBody): PersonPut {
  const out: Record<string, unknown> = {};
  for (const field of PERSON_PUT_FIELDS) if (body[field] !== undefined) out[field] = body[field];
  const work = (body.phoneNumbers ?? [])
    .filter((p) => p.type === 'work')
    .map((p) => ({ type: 'work' as const, value: p.value }));
  if (work.length) out.phoneNumbers = work;
  return out as PersonPut;
}

export function updatePerson(
  client: WebexClient,
  id: string,
  body: PersonPut,
): Promise<ApiResult<Person | undefined>> {
  return client.settle(
    client.hub.PUT('/people/{personId}', { params: { path: { personId: id } }, body }),
  );
}

export function assignLicenses(
  client: WebexClient,
  personId: string,
  add: readonly string[],
  remove: readonly string[],
): Promise<ApiResult<unknown>> {
  const licenses = [
    ...add.map((id) => ({ id, operation: 'add' as const })),
    ...remove.map((id) => ({ id, operation: 'remove' as const })),
  ];
  return client.settle(
    client.hub.PATCH('/licenses/users', {
      body: { personId, licenses, orgId: client.hubOrgId },
    }),
  );
}

/**
 * flows:import takes the definition as a multipart file and wants its Content-Length as a header
 * parameter: the multipart body is made here, so its length is known.
 */
export async function importFlow(client: WebexClient, flow: FlowImport): Promise<ApiResult<Flow>> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([flow.definition], { type: 'application/json' }),
    `${flow.name}.json`,
  );
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return client.settle(
    client.cc.POST('/flow-store/{orgId}/project/{projectId}/flows:import', {
      params: {
        path: { orgId: client.orgId, projectId: FLOW_PROJECT_ID },
        query: { overwrite: 'yes' },
        header: { 'Content-Length': bytes.byteLength },
      },
      headers: { 'Content-Type': contentType },
      body: { file: '' },
      bodySerializer: () => bytes,
    }),
  );
}

export function publishFlow(
  client: WebexClient,
  flowId: string,
): Promise<ApiResult<{ version?: number } | undefined>> {
  return client.settle(
    client.cc.POST('/flow-store/{orgId}/project/{projectId}/flows/{flowId}:publish', {
      params: { path: { orgId: client.orgId, projectId: FLOW_PROJECT_ID, flowId } },
      body: { tagIds: ['Live'], comment: 'published by ccac push' },
    }),
  );
}

/** A 207 item's answer: the id of what it saved (the last segment of its href), or why not. */
export function itemAnswer(response: BulkResponse, index: number): ApiResult<string | undefined> {
  const answer = response.items?.find((item) => item.itemIdentifier === index);
  if (!answer)
    return { ok: false, failure: { message: 'the bulk answer says nothing of this item' } };
  const status = answer.status ?? 0;
  if (status < 200 || status >= 300) {
    const described = (answer.apiError?.error?.message ?? [])
      .map((m) => m.description)
      .filter(Boolean)
      .join('; ');
    return {
      ok: false,
      failure: { status, message: `HTTP ${status}${described ? `: ${described}` : ''}` },
    };
  }
  const id = answer.href?.split('/').filter(Boolean).pop();
  return { ok: true, value: id, headers: new Headers() };
}
