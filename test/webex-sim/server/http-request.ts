// Turning an HTTP request into what openapi-backend routes and validates: which API (by the base
// path the simulator gives each), the API path with its query, the body parsed as sent.
import type { IncomingMessage } from 'node:http';
import type { ApiName } from './openapi-backends.js';

/** The base paths under which the simulator serves each API. */
export const BASE_PATHS: Record<ApiName, string> = { cc: '/cc', hub: '/hub/v1' };

export interface ApiRequest {
  api: ApiName;
  method: string;
  /** The path as the API's spec has it, with the query string. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Control Hub's SCIM 2 API lives beside its /v1, not under it (Cisco's examples:
 * https://webexapis.com/identity/scim/{orgId}/v2/…): served at /hub/identity/…, refused under
 * /hub/v1 as Webex would.
 */
const IDENTITY = { base: '/hub', paths: '/identity/' };

export function apiOf(url: string): { api: ApiName; path: string } | undefined {
  if (url.startsWith(`${IDENTITY.base}${IDENTITY.paths}`))
    return { api: 'hub', path: url.slice(IDENTITY.base.length) };
  for (const api of Object.keys(BASE_PATHS) as ApiName[]) {
    const base = BASE_PATHS[api];
    const path = url.slice(base.length);
    if (url.startsWith(`${base}/`))
      return api === 'hub' && path.startsWith(IDENTITY.paths) ? undefined : { api, path };
  }
  return undefined;
}

export async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/** Multipart parts by name (files as their text); JSON as a value; anything else as text. */
export async function parsedBody(contentType: string | undefined, raw: Buffer): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const parts: Record<string, string> = {};
    for (const [name, value] of form)
      parts[name] = typeof value === 'string' ? value : await value.text();
    return parts;
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // the validator reports a body that is not the JSON the operation takes
  }
}
