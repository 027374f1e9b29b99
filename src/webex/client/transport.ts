import pRetry from 'p-retry';
import { debug } from '../../support/debug.js';
import { callArea, type RequestGate } from './request-gate.js';
import { retryAfterMs } from './retry-after.js';
import type { Secret } from './secret.js';

export interface RetryOptions {
  /** Times a request answered 5xx, or not answered, is sent again. */
  retries: number;
  /** Backoff: the first wait, its growth factor and its ceiling, in ms. */
  minTimeout: number;
  factor: number;
  maxTimeout: number;
  /** Times one request may be answered 429 and sent again after its Retry-After. */
  rateLimitWaits: number;
  /** A Retry-After longer than this is not waited for: the request fails as rate-limited. */
  maxRetryAfterMs: number;
  /** Wait when a 429 carries no readable Retry-After. */
  defaultRetryAfterMs: number;
  /** A request unanswered after this long is abandoned and counts as a network error. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 4,
  minTimeout: 500,
  factor: 2,
  maxTimeout: 10_000,
  rateLimitWaits: 10,
  maxRetryAfterMs: 600_000,
  defaultRetryAfterMs: 1000,
  attemptTimeoutMs: 60_000,
};

export interface TransportOptions {
  gate: RequestGate;
  token: Secret;
  retry: RetryOptions;
  /** The network below (tests hand in their own); globalThis.fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Answered, but to be sent again: its response is what the caller gets if retries run out. */
class RetryableAnswer extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

class RateLimited extends RetryableAnswer {}

/** No answer at all; the message is already redacted. */
class NoAnswer extends Error {}

/**
 * The `fetch` the openapi-fetch clients use: the one place the Authorization header is built, and
 * where every request is gated (concurrency, rate limit), retried (429 after Retry-After, 5xx and
 * network errors with exponential backoff, bounded), counted and logged under CCAC_DEBUG
 * (method, path, status, ms — never the token). A 4xx, or a 5xx once retries run out, comes back
 * as the response for the caller to read; no answer at all is thrown (openapi-fetch passes it on).
 */
export function gatedFetch(options: TransportOptions): (request: Request) => Promise<Response> {
  const { gate, token, retry } = options;
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return async (request) => {
    let rateLimitWaits = 0;
    // The answer being retried: its body is let go when the next attempt starts, and read by
    // the caller when there is no next attempt.
    let previous: Response | undefined;
    try {
      return await pRetry(
        () => {
          void previous?.body?.cancel();
          return attempt(request);
        },
        {
          retries: retry.retries,
          minTimeout: retry.minTimeout,
          factor: retry.factor,
          maxTimeout: retry.maxTimeout,
          // A 429's wait is the gate's hold, not the backoff; it has its own bound.
          shouldConsumeRetry: ({ error }) => !(error instanceof RateLimited),
          shouldRetry: ({ error }) =>
            !(error instanceof RateLimited) || ++rateLimitWaits <= retry.rateLimitWaits,
          onFailedAttempt: ({ error }) => {
            previous = error instanceof RetryableAnswer ? error.response : undefined;
          },
        },
      );
    } catch (error) {
      // Retries ran out on an answer: the caller reads it (status and the API's message).
      if (error instanceof RetryableAnswer) return error.response;
      throw error;
    }
  };

  async function attempt(request: Request): Promise<Response> {
    const path = pathOf(request.url);
    const what = `${request.method} ${path}`;
    const area = callArea(path);
    let started = performance.now();
    let response: Response;
    try {
      // Authorized when it starts: the time limit (and the time logged) run from then, not
      // from joining the queue.
      response = await gate.run(() => {
        started = performance.now();
        return send(authorized(request, token, retry.attemptTimeoutMs));
      });
    } catch (error) {
      gate.count('networkError', area);
      const reason = token.redact(error instanceof Error ? describeNetworkError(error) : 'failed');
      log(`${what} → no answer: ${reason}`, started);
      throw new NoAnswer(reason);
    }
    log(`${what} → ${response.status}`, started);
    const { status } = response;
    if (status === 429) {
      gate.count('rateLimited', area);
      const wait = retryAfterMs(response.headers.get('retry-after'), Date.now());
      if (wait !== undefined && wait > retry.maxRetryAfterMs) return response;
      gate.holdFor(wait ?? retry.defaultRetryAfterMs);
      throw new RateLimited(response);
    }
    if (status >= 500) {
      gate.count('serverError', area);
      throw new RetryableAnswer(response);
    }
    gate.count(status >= 400 ? 'clientError' : 'ok', area);
    return response;
  }

  function log(message: string, started: number): void {
    debug(token.redact(`webex: ${message} (${Math.round(performance.now() - started)} ms)`));
  }
}

/** A copy of the request with the bearer token and a time limit; the original stays unsent. */
function authorized(request: Request, token: Secret, timeoutMs: number): Request {
  const copy = request.clone();
  const headers = new Headers(copy.headers);
  headers.set('Authorization', `Bearer ${token.reveal()}`);
  return new Request(copy, { headers, signal: AbortSignal.timeout(timeoutMs) });
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** undici says "fetch failed" and puts the reason (ECONNRESET, …) in `cause`. */
function describeNetworkError(error: Error): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (error.name === 'TimeoutError') return 'timed out';
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error.message;
}
