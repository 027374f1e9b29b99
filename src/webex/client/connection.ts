import type { SpecOf } from '../../model/kinds.js';
import { Secret } from './secret.js';

export type WebexSettings = NonNullable<SpecOf<'Tenant'>['webex']>;
export type WebexRegion = WebexSettings['region'];

/** Where and as whom a tenant's Webex organization is reached (SPEC §7). */
export interface WebexConnection {
  tenant: string;
  orgId: string;
  /** Contact Center configuration API, e.g. https://api.wxcc-us1.cisco.com (no trailing slash). */
  ccBaseUrl: string;
  /** Control Hub API, https://webexapis.com/v1 (no trailing slash). */
  hubBaseUrl: string;
  token: Secret;
}

export type ConnectionResult =
  | { status: 'connected'; connection: WebexConnection }
  /** The tenant declares no `spec.webex`: ccac keeps its record and reaches nothing live. */
  | { status: 'ledger-only' }
  | { status: 'unusable'; message: string };

const HUB_BASE_URL = 'https://webexapis.com/v1';

function ccBaseUrlOf(region: WebexRegion): string {
  return `https://api.wxcc-${region}.cisco.com`;
}

/** `CCAC_WEBEX_TOKEN_<TENANT>`: the tenant's name upper-cased, `-` → `_` (SPEC §7). */
export function tenantTokenVariable(tenant: string): string {
  return `CCAC_WEBEX_TOKEN_${tenant.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * A tenant's connection from its `spec.webex` and the environment: the per-tenant token before
 * the shared one, the base URLs from the region unless CCAC_WEBEX_BASE_URL / CCAC_WEBEX_HUB_URL
 * override them (a proxy, a test server). Pure: the caller hands in `process.env`.
 */
export function resolveConnection(
  tenant: string,
  webex: WebexSettings | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConnectionResult {
  if (!webex) return { status: 'ledger-only' };
  const variable = tenantTokenVariable(tenant);
  const token = nonEmpty(env[variable]) ?? nonEmpty(env.CCAC_WEBEX_TOKEN);
  if (token === undefined)
    return {
      status: 'unusable',
      message: `no Webex token for tenant ${tenant}: set ${variable} or CCAC_WEBEX_TOKEN`,
    };
  const cc = baseUrl('CCAC_WEBEX_BASE_URL', env.CCAC_WEBEX_BASE_URL, ccBaseUrlOf(webex.region));
  const hub = baseUrl('CCAC_WEBEX_HUB_URL', env.CCAC_WEBEX_HUB_URL, HUB_BASE_URL);
  if (typeof cc !== 'string') return cc;
  if (typeof hub !== 'string') return hub;
  return {
    status: 'connected',
    connection: {
      tenant,
      orgId: webex.orgId,
      ccBaseUrl: cc,
      hubBaseUrl: hub,
      token: new Secret(token),
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** An override must be an http(s) URL; kept without its trailing slash so paths join cleanly. */
function baseUrl(
  variable: string,
  override: string | undefined,
  fallback: string,
): string | { status: 'unusable'; message: string } {
  const value = nonEmpty(override);
  if (value === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { status: 'unusable', message: `${variable} is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { status: 'unusable', message: `${variable} must be an http or https URL` };
  if (url.username || url.password || url.search || url.hash)
    return {
      status: 'unusable',
      message: `${variable} must be a plain base URL (no credentials, query or fragment)`,
    };
  return value.replace(/\/+$/, '');
}
