/** What every request sent came back as: the audit record's "calls by outcome". */
export interface CallCounts {
  /** 2xx and 3xx. */
  ok: number;
  /** 4xx but 429: the resource fails with the API's message. */
  clientError: number;
  /** 429: waited for Retry-After, then sent again. */
  rateLimited: number;
  /** 5xx: sent again after a backoff, a bounded number of times. */
  serverError: number;
  /** No answer (connection refused, reset, timed out): sent again like a 5xx. */
  networkError: number;
}

/** How a push ended; `running` until it does (a push killed mid-way stays so). */
export type PushResult = 'running' | 'converged' | 'failed';

/** The audit record of one push of one tenant (table webex_pushes). */
export interface PushRecord {
  scope: string;
  /** Per tenant: 1, 2, 3, … without gaps. */
  push: number;
  actor: string;
  /** The actor's role(s) that allowed the push, as a revision records them. */
  actorRole: string;
  /** The revision of the tenant whose stored state was pushed. */
  revision: number;
  /** That revision's hash: binds the push to the revision chain. */
  revisionHash: string | null;
  startedAt: string;
  finishedAt: string | null;
  result: PushResult;
  /** Requests sent, by outcome (reads, writes and retries). */
  calls: CallCounts | null;
  /** Resources by what happened to them (in-sync, created, updated, deleted, failed, …). */
  resources: Record<string, number> | null;
  prevHash: string | null;
  hash: string;
}
