import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import type { PushRecord } from '../store/push-record.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { StoreError } from '../store/state-store.js';
import { WebexRecords } from '../store/webex-records.js';
import type { CallCounts, RequestGate } from '../webex/client/request-gate.js';
import { createWebexClient, type ClientOptions } from '../webex/client/webex-client.js';
import type { PlannedCall } from '../webex/reconcile/live-plan.js';
import type { ResourceOutcome } from '../webex/reconcile/outcome.js';
import { difference, observeTenant, pushTenant } from '../webex/reconcile/push.js';
import { RemoteRefWriter } from './remote-ref-writer.js';
import {
  prepareTenant,
  sharedGate,
  tenantsToReach,
  type WebexTenantState,
} from './webex-tenant.js';

export interface PushRequest {
  /** Tenants to push; every stored tenant when empty. */
  tenants: readonly string[];
  actor: string | undefined;
  /** The live plan only: nothing is written, to Webex or to the store. */
  dryRun: boolean;
  /** Where the token and base URLs come from (process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** The HTTP client's settings (tests and the bench); one gate is shared by every tenant. */
  client?: ClientOptions;
  /** Told as each tenant starts and as each resource's write is answered. */
  onProgress?: (event: PushProgress) => void;
}

export type PushProgress =
  | { type: 'tenant'; tenant: string; resources: number }
  | { type: 'resource'; tenant: string; address: string };

export type TenantPushStatus =
  /** No `spec.webex`: reported, not an error. */
  | 'ledger-only'
  /** Not reached: unknown, unauthorized, tampered, no token, another push running. */
  | 'refused'
  /** --dry-run: the calls a push would make. */
  | 'planned'
  /** Live matches the stored state (every resource in sync, created, updated or deleted). */
  | 'converged'
  /** Some resource failed (or Webex could not be read). */
  | 'failed';

export interface TenantPush {
  tenant: string;
  status: TenantPushStatus;
  /** Why the tenant was refused, or what failed beyond single resources. */
  problems: Diagnostic[];
  /** The stored revision pushed (or planned). */
  revision?: number;
  /** The writes, in order: what was planned (--dry-run) or what the push set out to make. */
  plan?: PlannedCall[];
  /** Per resource: what happened (a push; not a dry run). */
  outcomes?: ResourceOutcome[];
  /** Requests sent for this tenant, by outcome. */
  calls?: CallCounts;
  /** The audit record written. */
  record?: PushRecord;
}

/**
 * `ccac push`: each tenant's live configuration made to match its stored state at the latest
 * revision, one tenant after the other (one gate for all: the rate limit is the client's).
 * Plain values in and out; nothing printed.
 */
export async function push(store: SqlStateStore, request: PushRequest): Promise<TenantPush[]> {
  const gate = sharedGate(request.client);
  const results: TenantPush[] = [];
  for (const tenant of await tenantsToReach(store, request.tenants))
    results.push(await pushOne(store, tenant, request, gate));
  return results;
}

async function pushOne(
  store: SqlStateStore,
  tenant: string,
  request: PushRequest,
  gate: RequestGate,
): Promise<TenantPush> {
  const prepared = await prepareTenant(store, tenant, request.env, { actor: request.actor });
  if (prepared.status === 'ledger-only') return { tenant, status: 'ledger-only', problems: [] };
  if (prepared.status === 'refused')
    return { tenant, status: 'refused', problems: prepared.problems };
  const { state } = prepared;
  const client = createWebexClient(state.connection, { ...request.client, gate });
  const input = { tenant, model: state.model, recorded: state.recorded };
  if (request.dryRun) {
    const observed = await observeTenant(client, input);
    if (!observed.ok) return unreachable(tenant, state, observed.failure.message);
    return {
      tenant,
      status: 'planned',
      problems: [],
      revision: state.revision,
      plan: observed.value.plan,
    };
  }
  const records = new WebexRecords(store.db);
  if (!(await records.lockTenant(tenant)))
    return {
      tenant,
      status: 'refused',
      problems: [
        error('WEBEX', `another push of tenant ${tenant} is running; try again when it ends`, {
          address: addressOf('Tenant', tenant, null),
        }),
      ],
    };
  try {
    return await pushLocked(records, client, state, request);
  } finally {
    await records.unlockTenant(tenant).catch(() => undefined);
  }
}

async function pushLocked(
  records: WebexRecords,
  client: ReturnType<typeof createWebexClient>,
  state: WebexTenantState,
  request: PushRequest,
): Promise<TenantPush> {
  const { tenant } = state;
  const started = await records.startPush({
    scope: tenant,
    actor: request.actor ?? '',
    actorRole: state.role ?? '',
    revision: state.revision,
  });
  const writer = new RemoteRefWriter(records, tenant);
  const before = client.gate.calls();
  request.onProgress?.({ type: 'tenant', tenant, resources: state.model.inTenant(tenant).length });
  const pushed = await pushTenant(
    client,
    { tenant, model: state.model, recorded: state.recorded },
    {
      onEvent: (event) => {
        if (event.type === 'refs') writer.report(event.address, event.refs);
        request.onProgress?.({ type: 'resource', tenant, address: event.address });
      },
    },
  );
  const problems: Diagnostic[] = [];
  let outcomes: ResourceOutcome[] = [];
  if (pushed.ok) {
    outcomes = pushed.value.outcomes;
    // Every resource's refs as the push ends: versions and adopted ids of in-sync ones too.
    for (const outcome of outcomes) writer.report(outcome.address, outcome.refs);
  } else
    problems.push(
      error('WEBEX', `reading tenant ${tenant}'s organization: ${pushed.failure.message}`, {
        address: addressOf('Tenant', tenant, null),
      }),
    );
  try {
    await writer.flush();
  } catch (cause) {
    const message = cause instanceof StoreError ? cause.message : String(cause);
    problems.push(error('STORE', `recording Webex ids: ${message}`));
  }
  const calls = difference(client.gate.calls(), before);
  const failed = problems.length > 0 || outcomes.some(isFailure);
  const record = await records.finishPush(started, {
    result: failed ? 'failed' : 'converged',
    calls,
    resources: countStatuses(outcomes),
  });
  return {
    tenant,
    status: failed ? 'failed' : 'converged',
    problems,
    revision: state.revision,
    ...(pushed.ok ? { plan: pushed.value.plan } : {}),
    outcomes,
    calls,
    record,
  };
}

function unreachable(tenant: string, state: WebexTenantState, message: string): TenantPush {
  return {
    tenant,
    status: 'failed',
    revision: state.revision,
    problems: [
      error('WEBEX', `reading tenant ${tenant}'s organization: ${message}`, {
        address: addressOf('Tenant', tenant, null),
      }),
    ],
  };
}

/** Live does not match the stored state for it: it failed, or Webex cannot take it as it is. */
export function isFailure(outcome: ResourceOutcome): boolean {
  return outcome.status === 'failed' || outcome.status === 'refused';
}

function countStatuses(outcomes: readonly ResourceOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of outcomes) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
