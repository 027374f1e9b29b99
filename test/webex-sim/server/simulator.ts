// The HTTP server: each request is recorded, may meet a fault, must carry the token, is routed and
// validated by openapi-backend against the vendored spec, answered by a handler from the org's
// state, and the answer is checked against the spec before it is sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { OpenAPIBackend } from 'openapi-backend';
import { HANDLERS } from '../handlers/index.js';
import { newUuid } from '../ids.js';
import { CC_PAGE_MAX } from '../handlers/paging.js';
import { SimOrg } from '../state/sim-org.js';
import type { SimAnswer, SimCall, SimFault, SimulatorOptions, WebexSimulator } from '../types.js';
import { apiError } from './answers.js';
import type { RequestContext, SimulatorState } from './context.js';
import { FaultBook } from './faults.js';
import {
  apiOf,
  BASE_PATHS,
  headersOf,
  parsedBody,
  rawBody,
  type ApiRequest,
} from './http-request.js';
import { explodedObjectsGathered } from './object-query.js';
import { backendFor, type ApiName } from './openapi-backends.js';
import { Recorder } from './recorder.js';
import { responseProblems } from './response-check.js';

type Backends = Record<ApiName, OpenAPIBackend>;

function faultAnswer(api: ApiName, fault: SimFault): SimAnswer {
  const answer =
    fault.kind === 'rate-limit'
      ? {
          ...apiError(api, 429, 'Too many requests.'),
          headers: { 'Retry-After': String(fault.retryAfterSeconds) },
        }
      : apiError(api, 500, 'Internal server error.');
  return { ...answer, unchecked: true };
}

function send(response: ServerResponse, answer: SimAnswer): void {
  if (response.destroyed) return; // the client is gone (killed, or timed out): nobody to answer
  const headers = { ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  response.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

class Simulator implements WebexSimulator, SimulatorState {
  readonly faults = new FaultBook();
  readonly recorder = new Recorder();
  readonly ccUrl: string;
  readonly hubUrl: string;
  readonly orgIds: string[];
  private readonly orgs = new Map<string, SimOrg>();
  private pageLimit = CC_PAGE_MAX;

  constructor(
    private readonly server: Server,
    private readonly backends: Backends,
    readonly token: string,
    orgIds: readonly string[],
  ) {
    const { port } = server.address() as AddressInfo;
    this.ccUrl = `http://127.0.0.1:${port}${BASE_PATHS.cc}`;
    this.hubUrl = `http://127.0.0.1:${port}${BASE_PATHS.hub}`;
    this.orgIds = [];
    for (const orgId of orgIds) this.org(orgId);
  }

  calls(): SimCall[] {
    return this.recorder.answered();
  }

  writes(): SimCall[] {
    return this.calls().filter((call) => call.method !== 'GET');
  }

  resetCalls(): void {
    this.recorder.reset();
  }

  invalid(): string[] {
    return this.recorder.invalidSoFar();
  }

  fault(fault: SimFault): void {
    this.faults.add(fault);
  }

  pageSizeMax(n: number): void {
    this.pageLimit = n;
  }

  pageMax(): number {
    return this.pageLimit;
  }

  org(orgId: string): SimOrg {
    const known = this.orgs.get(orgId);
    if (known) return known;
    const org = new SimOrg(orgId);
    this.orgs.set(orgId, org);
    this.orgIds.push(orgId);
    return org;
  }

  managedOrg(orgId: string): SimOrg | undefined {
    return this.orgs.get(orgId);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const target = apiOf(request.url ?? '/');
    if (!target) return this.refuseUnknownApi(method, request, response);
    const backend = this.backends[target.api];
    const [pathname = '', search = ''] = target.path.split(/(?=\?)/);
    const operation = this.operationOf(backend, method, pathname);
    const call = this.recorder.arrived(method, target.path, operation?.operationId ?? '');
    const raw = await rawBody(request);
    const slow = this.faults.take(['slow'], call);
    if (slow?.kind === 'slow') await delay(slow.ms);
    const fault = this.faults.take(['drop', 'rate-limit', 'server-error'], call);
    if (fault?.kind === 'drop') {
      call.status = 0;
      request.socket.destroy();
      return;
    }
    const headers = headersOf(request);
    const answer = fault
      ? faultAnswer(target.api, fault)
      : await this.answer(
          backend,
          { sim: this, api: target.api, call },
          {
            api: target.api,
            method,
            path: pathname + explodedObjectsGathered(operation?.parameters ?? [], search),
            headers,
            body: await parsedBody(headers['content-type'], raw),
          },
        );
    call.status = answer.status;
    send(response, answer);
  }

  private refuseUnknownApi(
    method: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const call = this.recorder.arrived(method, request.url ?? '/', '');
    this.recorder.invalid(
      `${method} ${call.path}: not under ${BASE_PATHS.cc} or ${BASE_PATHS.hub}`,
    );
    call.status = 404;
    request.resume(); // its body is not read
    send(response, { status: 404, body: { message: 'No such API.' } });
  }

  private operationOf(backend: OpenAPIBackend, method: string, path: string) {
    try {
      return backend.router.matchOperation({ method, path, headers: {} }, true);
    } catch {
      return undefined;
    }
  }

  private async answer(
    backend: OpenAPIBackend,
    rc: RequestContext,
    request: ApiRequest,
  ): Promise<SimAnswer> {
    if (request.headers.authorization !== `Bearer ${this.token}`)
      return {
        ...apiError(request.api, 401, 'Authentication credentials were missing or incorrect.'),
        unchecked: true,
      };
    let answer: SimAnswer;
    try {
      answer = (await backend.handleRequest(request, rc)) as SimAnswer;
    } catch (error) {
      this.recorder.invalid(`${rc.call.operationId}: the simulator failed: ${String(error)}`);
      return { ...apiError(request.api, 500, 'Internal server error.'), unchecked: true };
    }
    if (!answer.unchecked) {
      const problems = responseProblems(backend, rc.call.operationId, answer);
      if (problems.length > 0)
        this.recorder.invalid(
          `${rc.call.operationId} ${answer.status}: response invalid: ${problems.join('; ')}`,
        );
    }
    return answer;
  }
}

function listening(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** Starts a simulator of Webex Contact Center and Control Hub on 127.0.0.1. */
export async function startWebexSimulator(options: SimulatorOptions = {}): Promise<WebexSimulator> {
  const backends: Backends = {
    cc: await backendFor('cc', HANDLERS.cc),
    hub: await backendFor('hub', HANDLERS.hub),
  };
  const server = createServer();
  await listening(server, options.port ?? 0);
  const token = options.token ?? `sim-token-${newUuid()}`;
  const simulator = new Simulator(server, backends, token, options.orgs ?? [newUuid()]);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    simulator.serve(request, response).catch((error: unknown) => {
      // A client that goes away mid-request (kill -9 in a test) is not the simulator's failure.
      if (request.destroyed || response.destroyed) return;
      simulator.recorder.invalid(
        `${request.method} ${request.url}: the simulator failed: ${String(error)}`,
      );
      send(response, { status: 500, body: { message: 'Internal server error.' } });
    });
  });
  return simulator;
}
