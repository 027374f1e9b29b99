import type { CallCounts } from '../../model/push-record.js';
import PQueue from 'p-queue';

/** The documented limit of the Webex APIs: 300 requests per minute per client (README of the specs). */
const WEBEX_RATE_LIMIT = { intervalCap: 300, interval: 60_000 };

export interface GateOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** At most `intervalCap` requests start in any `interval` ms (a sliding window). */
  intervalCap: number;
  interval: number;
}

export const DEFAULT_GATE: GateOptions = { concurrency: 8, ...WEBEX_RATE_LIMIT };

export type { CallCounts };
export type CallOutcome = keyof CallCounts;

/**
 * What a request was about: the configuration, or users (Control Hub people, licences, roles and
 * the contact-center users and their profiles), whose calls are budgeted apart (licences
 * go one person a call).
 */
export type CallArea = 'configuration' | 'users';

const USER_PATHS =
  /\/(?:people|licenses|roles)(?:[/?]|$)|\/identity\/scim\/|\/organization\/[^/]+\/(?:v2\/|v3\/)?(?:user|user-profile)(?:[/?]|$)/;

/** The area of a request by its URL path. */
export function callArea(path: string): CallArea {
  return USER_PATHS.test(path) ? 'users' : 'configuration';
}

/**
 * The one door every request to Webex goes through, shared by the Contact Center and the Control
 * Hub clients: bounded concurrency and the client-side rate limit (p-queue, strict sliding
 * window), a pause of everything when the API answers 429 (`holdFor`), and the counters.
 */
export class RequestGate {
  private readonly queue: PQueue;
  private readonly starts: number[] = [];
  private readonly counts: CallCounts = {
    ok: 0,
    clientError: 0,
    rateLimited: 0,
    serverError: 0,
    networkError: 0,
  };
  private readonly areas: Record<CallArea, number> = { configuration: 0, users: 0 };
  private heldUntil = 0;
  private resume: NodeJS.Timeout | undefined;

  constructor(private readonly options: GateOptions = DEFAULT_GATE) {
    this.queue = new PQueue({
      concurrency: options.concurrency,
      intervalCap: options.intervalCap,
      interval: options.interval,
      strict: true,
    });
  }

  /** Runs `send` when concurrency, the rate limit and any Retry-After hold allow. */
  run<T>(send: () => Promise<T>): Promise<T> {
    return this.queue.add(() => {
      this.starts.push(performance.now());
      return send();
    });
  }

  /** Nothing new starts for `ms` (the API's Retry-After); a later, longer hold extends it. */
  holdFor(ms: number): void {
    const until = performance.now() + ms;
    if (until <= this.heldUntil) return;
    this.heldUntil = until;
    this.queue.pause();
    clearTimeout(this.resume);
    this.resume = setTimeout(() => {
      this.resume = undefined;
      this.queue.start();
    }, ms);
  }

  count(outcome: CallOutcome, area: CallArea): void {
    this.counts[outcome]++;
    this.areas[area]++;
  }

  /** Requests sent so far, by outcome (retries count: each is a request the API answered or not). */
  calls(): CallCounts {
    return { ...this.counts };
  }

  /** Requests sent so far, configuration and users apart. */
  callsByArea(): Record<CallArea, number> {
    return { ...this.areas };
  }

  /** How many more requests may start now before the rate limit makes them wait: for progress. */
  callsLeft(): number {
    const since = performance.now() - this.options.interval;
    while (this.starts.length > 0 && this.starts[0]! <= since) this.starts.shift();
    return Math.max(0, this.options.intervalCap - this.starts.length);
  }
}
