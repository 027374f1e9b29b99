import createClient, { type Client } from 'openapi-fetch';
import type { paths as HubPaths } from '../../generated/webex-admin.js';
import type { paths as CcPaths } from '../../generated/webex-contact-center.js';
import { settle, type ApiResult, type FetchOutcome } from './api-result.js';
import type { WebexConnection } from './connection.js';
import { hubOrgIdOf } from './hub-org-id.js';
import { DEFAULT_GATE, RequestGate, type GateOptions } from './request-gate.js';
import { DEFAULT_RETRY, gatedFetch, type RetryOptions } from './transport.js';

export type CcClient = Client<CcPaths>;
export type HubClient = Client<HubPaths>;

/** A tenant's way into Webex: typed clients for both APIs behind one gate. */
export interface WebexClient {
  orgId: string;
  /** The same organization as Control Hub names it: the `orgId` of people and licence calls. */
  hubOrgId: string;
  hubBaseUrl: string;
  /**
   * Where Control Hub's SCIM 2 API lives: beside /v1, not under it (Cisco's examples:
   * https://webexapis.com/identity/scim/{orgId}/v2/…). The hub base URL without its /v1.
   */
  identityBaseUrl: string;
  /** Contact Center configuration API (operations of webex-contact-center.subset.json). */
  cc: CcClient;
  /** Control Hub people, licenses, roles (webex-admin.subset.json). */
  hub: HubClient;
  /** Concurrency, rate limit, counters: shared by both clients (and by several tenants' clients). */
  gate: RequestGate;
  /** A call's outcome as a value: the data, or the status and the API's message. */
  settle<T>(call: Promise<FetchOutcome<T>>): Promise<ApiResult<T>>;
}

export interface ClientOptions {
  /** A gate to share (one per push, for every tenant), or the settings of a new one. */
  gate?: RequestGate | GateOptions;
  retry?: Partial<RetryOptions>;
  /** The network below the transport (tests); globalThis.fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

export function createWebexClient(
  connection: WebexConnection,
  options: ClientOptions = {},
): WebexClient {
  const gate =
    options.gate instanceof RequestGate
      ? options.gate
      : new RequestGate(options.gate ?? DEFAULT_GATE);
  const fetch = gatedFetch({
    gate,
    token: connection.token,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const redact = (text: string) => connection.token.redact(text);
  return {
    orgId: connection.orgId,
    hubOrgId: hubOrgIdOf(connection.orgId),
    hubBaseUrl: connection.hubBaseUrl,
    identityBaseUrl: connection.hubBaseUrl.replace(/\/v1$/, ''),
    cc: createClient<CcPaths>({ baseUrl: connection.ccBaseUrl, fetch }),
    hub: createClient<HubPaths>({ baseUrl: connection.hubBaseUrl, fetch }),
    gate,
    settle: (call) => settle(call, redact),
  };
}
