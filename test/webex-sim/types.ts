// The simulator's interface, agreed between it and the connector's tests (issue #19): a test
// starts a simulator, points ccac at ccUrl/hubUrl with its token, then inspects calls and state.
import type { SimOrg } from './state/sim-org.js';

/** One request the simulator answered; `status` 0 means the connection was dropped (a fault). */
export interface SimCall {
  method: string;
  /** The API path without the base URL, with its query string: `/organization/…/v2/team?page=1`. */
  path: string;
  /** ccac's operationId (src/webex/openapi/operations.json); '' when no operation matched. */
  operationId: string;
  status: number;
  /** When the request arrived (Date.now()). */
  at: number;
}

/**
 * Faults on demand. A fault applies to the next `times` requests it matches, in order of arrival;
 * `match` is tested against the operationId and against `METHOD /path?query` (no match: every
 * request). A version conflict applies only to Contact Center updates (PUT, and bulk items that
 * update): another admin saves the object first, so the request's version is stale and it is
 * answered 412, the status the spec documents for PUT (a bulk item gets 412 in the 207).
 */
export type SimFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number; times: number; match?: RegExp }
  | { kind: 'server-error'; times: number; match?: RegExp }
  | { kind: 'drop'; times: number; match?: RegExp }
  | { kind: 'slow'; ms: number; times?: number; match?: RegExp }
  | { kind: 'version-conflict'; times: number; match?: RegExp };

export interface WebexSimulator {
  /** Value for CCAC_WEBEX_BASE_URL (stands for https://api.wxcc-{region}.cisco.com). */
  ccUrl: string;
  /** Value for CCAC_WEBEX_HUB_URL (stands for https://webexapis.com/v1). */
  hubUrl: string;
  /** The bearer token it accepts; any other gets 401. */
  token: string;
  /** The orgs the token may manage; the first is the token's own org (Control Hub's default). */
  orgIds: string[];
  calls(): SimCall[];
  writes(): SimCall[];
  resetCalls(): void;
  /** Every request or response that failed validation against the spec, or that the simulator
   * could not serve as the API would: a test asserts this is []. */
  invalid(): string[];
  fault(fault: SimFault): void;
  /** The largest page any list answers from now on (small pages on demand). */
  pageSizeMax(n: number): void;
  /** The org's live state (created as Webex provisions a new tenant, if unknown). */
  org(orgId: string): SimOrg;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
  /** Contact Center org ids (UUIDs); default: one random org. */
  orgs?: string[];
}

/** What a handler answers; the server validates it against the operation's responses. */
export interface SimAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Not checked against the operation's response schemas (validation failures, faults). */
  unchecked?: boolean;
}
