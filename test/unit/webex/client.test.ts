import { inspect } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { resolveConnection, type WebexConnection } from '../../../src/webex/client/connection.js';
import {
  listByLinks,
  listUntilShortPage,
  listV2Pages,
  nextLink,
} from '../../../src/webex/client/paging.js';
import { createWebexClient, type ClientOptions } from '../../../src/webex/client/webex-client.js';
import { startLocalServer, type Answer, type Seen } from './local-server.js';

const ORG = '0f5e1f6c-8c1d-4bfa-9b43-2d1f0a7c4e11';
const TOKEN = 'tok-SECRET-0123456789';
const WEBEX = { orgId: ORG, region: 'eu1' as const };
const FAST = { retries: 3, minTimeout: 40, factor: 2, maxTimeout: 1000 };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  vi.unstubAllEnvs();
});

async function serve(answer: (request: Seen, index: number) => Answer) {
  const server = await startLocalServer(answer);
  close = server.close;
  const resolved = resolveConnection('acme', WEBEX, {
    CCAC_WEBEX_TOKEN: TOKEN,
    CCAC_WEBEX_BASE_URL: server.url,
    CCAC_WEBEX_HUB_URL: `${server.url}/v1`,
  });
  if (resolved.status !== 'connected') throw new Error('not connected');
  return { ...server, connection: resolved.connection };
}

function clientOf(connection: WebexConnection, options: ClientOptions = {}) {
  return createWebexClient(connection, { retry: FAST, ...options });
}

function listTeams(client: ReturnType<typeof clientOf>, page = 0) {
  return client.settle(
    client.cc.GET('/organization/{orgid}/v2/team', {
      params: { path: { orgid: client.orgId }, query: { page, pageSize: 1000 } },
    }),
  );
}

const EMPTY_PAGE = { status: 200, body: { meta: { page: 0, totalPages: 1 }, data: [] } };

describe('the connection (SPEC §7)', () => {
  test('a tenant without spec.webex is ledger-only', () => {
    expect(resolveConnection('acme', undefined, { CCAC_WEBEX_TOKEN: TOKEN })).toEqual({
      status: 'ledger-only',
    });
  });

  test('the per-tenant token wins over the shared one; the region picks the base URL', () => {
    const resolved = resolveConnection('acme-eu', WEBEX, {
      CCAC_WEBEX_TOKEN: 'shared',
      CCAC_WEBEX_TOKEN_ACME_EU: 'own',
    });
    expect(resolved.status).toBe('connected');
    if (resolved.status !== 'connected') return;
    expect(resolved.connection.token.reveal()).toBe('own');
    expect(resolved.connection.ccBaseUrl).toBe('https://api.wxcc-eu1.cisco.com');
    expect(resolved.connection.hubBaseUrl).toBe('https://webexapis.com/v1');
  });

  test('no token is unusable and names both variables, never a value', () => {
    expect(resolveConnection('acme-eu', WEBEX, { CCAC_WEBEX_TOKEN: '  ' })).toEqual({
      status: 'unusable',
      message:
        'no Webex token for tenant acme-eu: set CCAC_WEBEX_TOKEN_ACME_EU or CCAC_WEBEX_TOKEN',
    });
  });

  test('base URL overrides must be plain http(s) URLs and are not echoed', () => {
    const bad = resolveConnection('acme', WEBEX, {
      CCAC_WEBEX_TOKEN: TOKEN,
      CCAC_WEBEX_BASE_URL: `https://user:${TOKEN}@proxy.example`,
    });
    expect(bad.status).toBe('unusable');
    expect(JSON.stringify(bad)).not.toContain(TOKEN);
    const good = resolveConnection('acme', WEBEX, {
      CCAC_WEBEX_TOKEN: TOKEN,
      CCAC_WEBEX_BASE_URL: 'http://127.0.0.1:9/',
      CCAC_WEBEX_HUB_URL: 'http://127.0.0.1:9/hub/',
    });
    expect(
      good.status === 'connected' && [good.connection.ccBaseUrl, good.connection.hubBaseUrl],
    ).toEqual(['http://127.0.0.1:9', 'http://127.0.0.1:9/hub']);
  });

  test('the token shows nowhere in the connection value', () => {
    const resolved = resolveConnection('acme', WEBEX, { CCAC_WEBEX_TOKEN: TOKEN });
    expect(JSON.stringify(resolved)).not.toContain(TOKEN);
    expect(inspect(resolved, { depth: 10 })).not.toContain(TOKEN);
    expect(`${resolved.status === 'connected' ? resolved.connection.token : ''}`).not.toContain(
      TOKEN,
    );
  });
});

describe('the client', () => {
  test('sends the bearer token and reads a typed answer', async () => {
    const { seen, connection } = await serve(() => ({
      status: 200,
      body: { meta: { totalPages: 1 }, data: [{ id: 't1', name: 'Sales' }] },
    }));
    const client = clientOf(connection);
    const result = await listTeams(client);
    expect(result.ok && result.value.data).toEqual([{ id: 't1', name: 'Sales' }]);
    expect(seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.url).toBe(`/organization/${ORG}/v2/team?page=0&pageSize=1000`);
    expect(client.gate.calls()).toMatchObject({ ok: 1, clientError: 0 });
  });

  test('a 4xx is a failure value with the API message, sent once', async () => {
    const { seen, connection } = await serve(() => ({
      status: 400,
      body: { trackingId: 'x', error: { key: '400', message: [{ description: 'name is taken' }] } },
    }));
    const client = clientOf(connection);
    const result = await listTeams(client);
    expect(result).toEqual({
      ok: false,
      failure: { status: 400, message: 'HTTP 400 Bad Request: name is taken' },
    });
    expect(seen).toHaveLength(1);
    expect(client.gate.calls()).toMatchObject({ clientError: 1 });
  });

  test('a message that echoes the token is redacted', async () => {
    const { connection } = await serve(() => ({
      status: 401,
      body: { message: `bad token ${TOKEN}` },
    }));
    const result = await listTeams(clientOf(connection));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(!result.ok && result.failure.message).toBe(
      'HTTP 401 Unauthorized: bad token [redacted]',
    );
  });

  test('5xx is retried with a growing backoff, then succeeds', async () => {
    const { seen, connection } = await serve((_, i) => (i < 2 ? { status: 503 } : EMPTY_PAGE));
    const client = clientOf(connection);
    const result = await listTeams(client);
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(3);
    expect(seen[1]!.arrived - seen[0]!.answered).toBeGreaterThanOrEqual(FAST.minTimeout);
    expect(seen[2]!.arrived - seen[1]!.answered).toBeGreaterThanOrEqual(
      FAST.minTimeout * FAST.factor,
    );
    expect(client.gate.calls()).toMatchObject({ ok: 1, serverError: 2 });
  });

  test('5xx retries are bounded: the last answer is the failure', async () => {
    const { seen, connection } = await serve(() => ({
      status: 500,
      body: { error: { key: '500', message: [{ description: 'boom' }] } },
    }));
    const result = await listTeams(clientOf(connection));
    expect(result).toEqual({
      ok: false,
      failure: { status: 500, message: 'HTTP 500 Internal Server Error: boom' },
    });
    expect(seen).toHaveLength(FAST.retries + 1);
  });

  test('a dropped connection is retried; one that never answers is a failure value', async () => {
    const once = await serve((_, i) => (i === 0 ? 'drop' : EMPTY_PAGE));
    const client = clientOf(once.connection);
    expect((await listTeams(client)).ok).toBe(true);
    expect(client.gate.calls()).toMatchObject({ ok: 1, networkError: 1 });
    await close?.();

    const always = await serve(() => 'drop');
    const result = await listTeams(clientOf(always.connection));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.status).toBeUndefined();
    expect(!result.ok && result.failure.message).toMatch(/^no answer from Webex/);
    expect(always.seen).toHaveLength(FAST.retries + 1);
  });

  test('a slow answer past the time limit counts as no answer and is retried', async () => {
    // A limit of a second: the answer that comes at once must come within it on a loaded machine.
    const { seen, connection } = await serve((_, i) =>
      i === 0 ? { ...EMPTY_PAGE, delayMs: 3000 } : EMPTY_PAGE,
    );
    const client = clientOf(connection, { retry: { ...FAST, attemptTimeoutMs: 1000 } });
    expect((await listTeams(client)).ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(client.gate.calls()).toMatchObject({ networkError: 1, ok: 1 });
  });
});

describe('429 and Retry-After', () => {
  test('no request goes out before Retry-After (seconds), not even another one', async () => {
    const { seen, connection } = await serve((request, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : EMPTY_PAGE,
    );
    const client = clientOf(connection);
    const first = listTeams(client, 0);
    // Let the 429 arrive, then ask for something else: it waits with the retry.
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = listTeams(client, 1);
    expect((await first).ok && (await second).ok).toBe(true);
    expect(seen).toHaveLength(3);
    for (const later of seen.slice(1))
      expect(later.arrived - seen[0]!.answered).toBeGreaterThanOrEqual(1000);
    expect(client.gate.calls()).toMatchObject({ rateLimited: 1, ok: 2 });
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    let until = 0;
    const { seen, connection } = await serve((_, i) => {
      if (i > 0) return EMPTY_PAGE;
      const date = new Date(Date.now() + 2000);
      until = performance.now() + (Math.floor(date.getTime() / 1000) * 1000 - Date.now());
      return { status: 429, headers: { 'retry-after': date.toUTCString() } };
    });
    expect((await listTeams(clientOf(connection))).ok).toBe(true);
    expect(seen[1]!.arrived).toBeGreaterThanOrEqual(until - 5);
    expect(seen[1]!.arrived - seen[0]!.answered).toBeGreaterThanOrEqual(900);
  });

  test('a 429 storm does not use up the 5xx retries; its own bound ends it', async () => {
    const { seen, connection } = await serve((_, i) =>
      i < FAST.retries + 2 ? { status: 429, headers: { 'retry-after': '0' } } : EMPTY_PAGE,
    );
    expect((await listTeams(clientOf(connection))).ok).toBe(true);
    expect(seen).toHaveLength(FAST.retries + 3);
    await close?.();

    const storm = await serve(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    const client = clientOf(storm.connection, { retry: { ...FAST, rateLimitWaits: 2 } });
    const result = await listTeams(client);
    expect(!result.ok && result.failure.status).toBe(429);
    expect(storm.seen).toHaveLength(3);
  });
});

describe('the gate', () => {
  test('bounds concurrency and the requests per interval; reports calls left', async () => {
    let inFlight = 0;
    let most = 0;
    const { connection } = await serve(() => ({ ...EMPTY_PAGE, delayMs: 30 }));
    // When the gate lets each request go: the network below it sees them then.
    const starts: number[] = [];
    const client = clientOf(connection, {
      gate: { concurrency: 2, intervalCap: 3, interval: 300 },
      fetch: async (request) => {
        starts.push(performance.now());
        most = Math.max(most, ++inFlight);
        try {
          return await fetch(request);
        } finally {
          inFlight--;
        }
      },
    });
    expect(client.gate.callsLeft()).toBe(3);
    await Promise.all([0, 1, 2, 3, 4].map((page) => listTeams(client, page)));
    expect(most).toBe(2);
    // Any 3 starts fit in the window; the 4th waits for the first to leave it.
    // (p-queue keeps time with Date.now: a few ms either way of performance.now)
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(290);
    expect(client.gate.callsLeft()).toBeLessThan(3);
  });
});

describe('debug log (CCAC_DEBUG)', () => {
  test('every call: method, path, status, ms — never the token', async () => {
    vi.stubEnv('CCAC_DEBUG', '1');
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { connection } = await serve((_, i) => (i === 0 ? { status: 500 } : EMPTY_PAGE));
      await listTeams(clientOf(connection));
    } finally {
      write.mockRestore();
    }
    const calls = lines.filter((line) => line.includes('webex:'));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(
      new RegExp(
        `^ccac: webex: GET /organization/${ORG}/v2/team\\?page=0&pageSize=1000 → 500 \\(\\d+ ms\\)\\n$`,
      ),
    );
    expect(calls[1]).toContain('→ 200');
    expect(lines.join('')).not.toContain(TOKEN);
  });
});

describe('paging', () => {
  test('v2 lists: every page by page/pageSize until totalPages, items in order', async () => {
    const { seen, connection } = await serve((request) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
      return { status: 200, body: { meta: { page, totalPages: 3 }, data: [{ id: `t${page}` }] } };
    });
    const client = clientOf(connection);
    const result = await listV2Pages((page) => listTeams(client, page));
    expect(result.ok && result.value).toEqual([{ id: 't0' }, { id: 't1' }, { id: 't2' }]);
    expect(seen).toHaveLength(3);
  });

  test('flows: page/size until a short page', async () => {
    const { seen, connection } = await serve((request) => {
      const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
      return {
        status: 200,
        body: page < 2 ? [{ id: `f${page}a` }, { id: `f${page}b` }] : [{ id: 'f2a' }],
      };
    });
    const client = clientOf(connection);
    const result = await listUntilShortPage(
      (page, size) =>
        client.settle(
          client.cc.GET('/flow-store/{orgId}/project/{projectId}/flows', {
            params: { path: { orgId: ORG, projectId: 'p' }, query: { page, size } },
          }),
        ),
      2,
    );
    expect(result.ok && result.value.map((f) => f.id)).toEqual(['f0a', 'f0b', 'f1a', 'f1b', 'f2a']);
    expect(seen.map((s) => s.url)).toEqual([
      `/flow-store/${ORG}/project/p/flows?page=0&size=2`,
      `/flow-store/${ORG}/project/p/flows?page=1&size=2`,
      `/flow-store/${ORG}/project/p/flows?page=2&size=2`,
    ]);
  });

  test('people: follows Link rel="next" under the hub URL, and nowhere else', async () => {
    let base = '';
    const { seen, connection, url } = await serve((request) => {
      const cursor = new URL(request.url, 'http://x').searchParams.get('cursor');
      if (cursor === null)
        return {
          status: 200,
          body: { items: [{ id: 'p1' }] },
          headers: { link: `<${base}/v1/people?max=1&cursor=b>; rel="next"` },
        };
      if (cursor === 'b')
        return {
          status: 200,
          body: { items: [{ id: 'p2' }] },
          headers: { link: '<https://elsewhere.example/v1/people?cursor=c>; rel="next"' },
        };
      return { status: 500 };
    });
    base = url;
    const client = clientOf(connection);
    const list = () =>
      listByLinks(
        () => client.settle(client.hub.GET('/people', { params: { query: { max: 1 } } })),
        (next) =>
          client.settle(client.hub.GET('/people', { querySerializer: () => next.search.slice(1) })),
        client.hubBaseUrl,
      );
    const result = await list();
    expect(result).toEqual({
      ok: false,
      failure: { message: 'Control Hub gave a next-page link ccac does not follow' },
    });
    expect(seen.map((s) => s.url)).toEqual(['/v1/people?max=1', '/v1/people?max=1&cursor=b']);
    expect(seen.every((s) => s.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  test('Link headers: rel="next" among others', () => {
    expect(nextLink('<https://a/x?c=1>; rel="prev", <https://a/x?c=3>; rel="next"')).toBe(
      'https://a/x?c=3',
    );
    expect(nextLink('<https://a/x?c=3>; rel=next')).toBe('https://a/x?c=3');
    expect(nextLink('<https://a/x?c=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
