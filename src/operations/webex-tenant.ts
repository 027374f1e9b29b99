import { pushPermission } from '../authz/push-permission.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf, GLOBAL_SCOPE } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { WebexRecords } from '../store/webex-records.js';
import { resolveConnection, type WebexConnection } from '../webex/client/connection.js';
import { RequestGate } from '../webex/client/request-gate.js';
import type { ClientOptions } from '../webex/client/webex-client.js';
import type { RemoteRef } from '../webex/remote-refs.js';

/** A tenant ready to be compared with, or pushed to, its Webex organization. */
export interface WebexTenantState {
  tenant: string;
  /** The stored state (the tenant and the organizations). */
  model: Model;
  /** The tenant's latest revision. */
  revision: number;
  connection: WebexConnection;
  recorded: Map<string, RemoteRef[]>;
  /** The actor's role(s) that allow the push; absent when no actor was asked for. */
  role?: string;
}

export type PreparedTenant =
  | { status: 'ready'; state: WebexTenantState }
  /** No `spec.webex`: ccac keeps its record and reaches nothing live. Not an error. */
  | { status: 'ledger-only' }
  | { status: 'refused'; problems: Diagnostic[] };

/** Every stored tenant, when none is named. */
export async function tenantsToReach(
  store: SqlStateStore,
  named: readonly string[],
): Promise<string[]> {
  if (named.length > 0) return [...new Set(named)].sort();
  return (await store.listScopes()).filter((scope) => scope !== GLOBAL_SCOPE).sort();
}

/**
 * A tenant's stored state, connection and recorded refs, or why it cannot be reached: not
 * stored, rows changed outside ccac (pushing them would carry what no apply authorized), no
 * token, or — when `actor` is asked for — an actor without a role that may write to it.
 */
export async function prepareTenant(
  store: SqlStateStore,
  tenant: string,
  env: Readonly<Record<string, string | undefined>>,
  authorize: { actor: string | undefined } | undefined,
): Promise<PreparedTenant> {
  const address = addressOf('Tenant', tenant, null);
  const refuse = (code: Diagnostic['code'], message: string): PreparedTenant => ({
    status: 'refused',
    problems: [error(code, message, { address })],
  });
  const stored = await store.readState([tenant, GLOBAL_SCOPE]);
  const resource = stored.model.get('Tenant', tenant);
  if (!resource) return refuse('USAGE', `there is no stored tenant ${tenant}`);
  const connection = resolveConnection(tenant, resource.spec.webex, env);
  if (connection.status === 'ledger-only') return { status: 'ledger-only' };
  if (connection.status === 'unusable') return refuse('WEBEX', connection.message);
  let role: string | undefined;
  if (authorize) {
    const permission = pushPermission(authorize.actor, tenant, stored.model);
    if ('diagnostic' in permission) return { status: 'refused', problems: [permission.diagnostic] };
    role = permission.role;
  }
  const integrity = stored.integrity?.get(tenant);
  if (
    integrity &&
    (!integrity.intact || (integrity.recorded !== null && integrity.rows !== integrity.recorded))
  )
    return refuse(
      'STORE_TAMPERED',
      `the stored state of tenant ${tenant} was changed outside ccac (see ccac drift): it is not pushed`,
    );
  const recorded = await new WebexRecords(store.db).readRemoteRefs(tenant);
  return {
    status: 'ready',
    state: {
      tenant,
      model: stored.model,
      revision: stored.revisions.get(tenant) ?? 0,
      connection: connection.connection,
      recorded,
      ...(role === undefined ? {} : { role }),
    },
  };
}

/** One gate for every tenant of a run: the rate limit is the client's, not the tenant's. */
export function sharedGate(options: ClientOptions | undefined): RequestGate {
  return options?.gate instanceof RequestGate ? options.gate : new RequestGate(options?.gate);
}
