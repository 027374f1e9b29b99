import type { Model } from '../../model/model.js';
import type { ApiResult } from '../client/api-result.js';
import type { CallCounts } from '../client/request-gate.js';
import type { WebexClient } from '../client/webex-client.js';
import type { LiveState } from '../entities.js';
import type { RecordedRemotes } from '../remote-refs.js';
import { execute, type ExecuteOptions } from './execute.js';
import type { ResourceOutcome } from './outcome.js';
import { TenantView } from './live-index.js';
import { livePlan, type PlannedCall } from './live-plan.js';
import type { Observation } from './observation.js';
import { observeView } from './observe.js';
import { readLive, type ReadLiveOptions } from './read-live.js';

/** A tenant as push, drift and import see it: its stored state and what was recorded of it. */
export interface TenantState {
  tenant: string;
  /** The stored state at the latest revision. */
  model: Model;
  recorded: RecordedRemotes;
}

export interface Observed {
  live: LiveState;
  observation: Observation;
  /** The writes push would make: what push --dry-run shows (it sends none). */
  plan: PlannedCall[];
}

/**
 * Everything live, read and compared with the stored state: push --dry-run and drift --live
 * (no write is sent). The first step of push.
 */
export async function observeTenant(
  client: WebexClient,
  state: TenantState,
  options: ReadLiveOptions = {},
): Promise<ApiResult<Observed>> {
  const live = await readLive(client, options);
  if (!live.ok) return live;
  const observation = observeView(
    new TenantView(state.tenant, state.model, state.recorded, live.value),
  );
  return {
    ok: true,
    value: { live: live.value, observation, plan: livePlan(observation, client.orgId) },
    headers: live.headers,
  };
}

export interface PushResult extends Observed {
  /** Per resource: what happened, and the refs to record. */
  outcomes: ResourceOutcome[];
  /** Requests sent in this push (reads, writes and retries), by outcome and by area. */
  calls: CallCounts;
  callsByArea: { configuration: number; users: number };
}

/**
 * Makes the tenant's live configuration match its stored state: read, observe, write. Ids are
 * reported through `onEvent` as calls return, so an interrupted push loses none; the next one
 * matches by those ids, or adopts by name what it had no time to record.
 */
export async function pushTenant(
  client: WebexClient,
  state: TenantState,
  options: ExecuteOptions = {},
): Promise<ApiResult<PushResult>> {
  const before = { calls: client.gate.calls(), areas: client.gate.callsByArea() };
  const observed = await observeTenant(client, state);
  if (!observed.ok) return observed;
  // A fresh view for the writes: the observation's lookup holds placeholders for planned objects.
  const view = new TenantView(state.tenant, state.model, state.recorded, observed.value.live);
  const outcomes = await execute(client, view, observed.value.observation, options);
  return {
    ok: true,
    value: {
      ...observed.value,
      outcomes,
      calls: difference(client.gate.calls(), before.calls),
      callsByArea: difference(client.gate.callsByArea(), before.areas),
    },
    headers: observed.headers,
  };
}

/** Counters after less counters before: what one push (or one tenant) sent. */
export function difference<T extends object>(after: T, before: T): T {
  const out = { ...after } as Record<string, number>;
  for (const [key, value] of Object.entries(before) as [string, number][]) out[key]! -= value;
  return out as T;
}
