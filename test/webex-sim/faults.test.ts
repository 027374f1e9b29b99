import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiOf, type Api } from './fetch-api.js';
import { startWebexSimulator, type WebexSimulator } from './index.js';

const ORG = '93912f11-6017-404b-bf14-5331890b1797';
const TEAMS = `/organization/${ORG}/v2/team`;
const SITES = `/organization/${ORG}/v2/site`;

let sim: WebexSimulator;
let api: Api;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG], token: 'the-token' });
  api = apiOf(sim);
});
afterEach(() => sim.close());

describe('the bearer token', () => {
  test('a request without the token, or with another, is answered 401 by both APIs', async () => {
    const bare = await fetch(`${sim.ccUrl}${TEAMS}`);
    const other = await apiOf(sim, 'another-token').hub('GET', '/people');
    expect([bare.status, other.status]).toEqual([401, 401]);
    expect((await api.cc('GET', TEAMS)).status).toBe(200);
  });
});

describe('faults on demand', () => {
  test('rate-limit: 429 with Retry-After for the next `times` matching requests, each recorded with its arrival', async () => {
    sim.fault({ kind: 'rate-limit', retryAfterSeconds: 7, times: 2, match: /listTeams/ });
    const limited = await api.cc('GET', TEAMS);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await api.cc('GET', SITES)).status).toBe(200); // not matched
    expect((await api.cc('GET', TEAMS)).status).toBe(429);
    expect((await api.cc('GET', TEAMS)).status).toBe(200);
    const calls = sim.calls();
    expect(calls.map((call) => `${call.operationId} ${call.status}`)).toEqual([
      'listTeams 429',
      'listSites 200',
      'listTeams 429',
      'listTeams 200',
    ]);
    const arrivals = calls.map((call) => call.at);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    expect(sim.invalid()).toEqual([]);
  });

  test('server-error: 500, then normal answers', async () => {
    sim.fault({ kind: 'server-error', times: 1 });
    expect((await api.hub('GET', '/roles')).status).toBe(500);
    expect((await api.hub('GET', '/roles')).status).toBe(200);
  });

  test('drop: the connection is destroyed without an answer, and recorded with status 0', async () => {
    sim.fault({ kind: 'drop', times: 1, match: /^GET .*\/v2\/team/ });
    await expect(api.cc('GET', TEAMS)).rejects.toThrow();
    expect((await api.cc('GET', TEAMS)).status).toBe(200);
    expect(sim.calls().map((call) => call.status)).toEqual([0, 200]);
  });

  test('slow: each matching answer waits', async () => {
    sim.fault({ kind: 'slow', ms: 300, times: 1 });
    const started = Date.now();
    expect((await api.cc('GET', TEAMS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  test('writes() holds the non-GET calls; resetCalls() starts the log again', async () => {
    await api.cc('GET', TEAMS);
    await api.hub('POST', '/people', { emails: ['ana@example.com'] });
    expect(sim.writes().map((call) => call.operationId)).toEqual(['createPerson']);
    sim.resetCalls();
    expect(sim.calls()).toEqual([]);
  });
});

describe('clients that go away', () => {
  test('a client gone mid-body, or before a slow answer, leaves the simulator serving', async () => {
    const port = Number(new URL(sim.ccUrl).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /hub/v1/people HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer the-token\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"emails":',
    );
    socket.destroy();
    sim.fault({ kind: 'slow', ms: 200, times: 1 });
    await expect(
      fetch(`${sim.ccUrl}${TEAMS}`, {
        headers: { authorization: 'Bearer the-token' },
        signal: AbortSignal.timeout(20),
      }),
    ).rejects.toThrow();
    await delay(300); // the slow answer is written after its client left
    expect((await api.cc('GET', TEAMS)).status).toBe(200);
    expect(sim.invalid()).toEqual([]);
  });
});
