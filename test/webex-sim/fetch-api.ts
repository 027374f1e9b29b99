// Plain fetch against a simulator, for the simulator's own tests (ccac's connector is tested
// against it through the CLI).
import type { components as cc } from '../../src/generated/webex-contact-center.js';
import type { components as hub } from '../../src/generated/webex-admin.js';
import type { WebexSimulator } from './types.js';

export type Cc = cc['schemas'];
export type Hub = hub['schemas'];
/** A Contact Center v2 list page. */
export interface Page<T> {
  meta: Cc['MetaDataWithPagingInfo'] & { links: Record<string, string> };
  data: T[];
}
/** The Contact Center's error: the description of its first message. */
export type CcError = Cc['ApiErrorResponse'];
export const firstMessage = (error: CcError): string =>
  error.error?.message?.[0]?.description ?? '';

/** The answer, its body typed as the test expects it (the simulator checked it against the spec). */
export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Api {
  /** A Contact Center request: `path` after the base URL, e.g. `/organization/{org}/v2/team`. */
  cc<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  /**
   * A Control Hub request: `path` after `/v1`, e.g. `/people`; SCIM's `/identity/…` beside
   * `/v1`, where Webex serves it.
   */
  hub<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export function apiOf(sim: WebexSimulator, token = sim.token): Api {
  const send = async <T>(
    url: string,
    method: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> =>
    reply<T>(
      await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined || body instanceof FormData
            ? {}
            : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined || body instanceof FormData ? body : JSON.stringify(body),
      }),
    );
  return {
    cc: <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      send<T>(`${sim.ccUrl}${path}`, method, body, headers),
    hub: <T>(method: string, path: string, body?: unknown) =>
      send<T>(
        path.startsWith('/identity/')
          ? `${sim.hubUrl.replace(/\/v1$/, '')}${path}`
          : `${sim.hubUrl}${path}`,
        method,
        body,
      ),
  };
}
