import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { createWebexClient, type ClientOptions } from '../webex/client/webex-client.js';
import type { FieldChange } from '../webex/mapping/mapping.js';
import type { ResourceObservation } from '../webex/reconcile/observation.js';
import { observeTenant } from '../webex/reconcile/push.js';
import { prepareTenant, sharedGate, tenantsToReach } from './webex-tenant.js';

export interface LiveDriftRequest {
  tenants: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  client?: ClientOptions;
}

/** A resource whose live objects are not what its stored state says. */
export interface LiveDrift {
  address: string;
  /**
   * `changed`: fields differ; `missing`: no live object (deleted in Control Hub, or never pushed);
   * `extra`: live objects of a resource the stored state no longer has.
   */
  drift: 'changed' | 'missing' | 'extra';
  /** Field by field, live against stored, in ccac's terms. */
  changes: FieldChange[];
  /** Whether a push recorded ids for it: a missing resource with ids was deleted live. */
  pushedBefore: boolean;
}

export interface TenantLiveDrift {
  tenant: string;
  status: 'ledger-only' | 'refused' | 'compared' | 'failed';
  problems: Diagnostic[];
  revision?: number;
  /** Resources that drifted, by address. */
  resources: LiveDrift[];
}

/**
 * `ccac drift --live`: each tenant's live organization read and compared with its stored state,
 * resource by resource and field by field (the same observation push starts from, so the next
 * push restores exactly this). Reads only.
 */
export async function driftLive(
  store: SqlStateStore,
  request: LiveDriftRequest,
): Promise<TenantLiveDrift[]> {
  const gate = sharedGate(request.client);
  const results: TenantLiveDrift[] = [];
  for (const tenant of await tenantsToReach(store, request.tenants)) {
    const prepared = await prepareTenant(store, tenant, request.env, undefined);
    if (prepared.status !== 'ready') {
      const problems = prepared.status === 'refused' ? prepared.problems : [];
      results.push({ tenant, status: prepared.status, problems, resources: [] });
      continue;
    }
    const { state } = prepared;
    const client = createWebexClient(state.connection, { ...request.client, gate });
    const observed = await observeTenant(client, {
      tenant,
      model: state.model,
      recorded: state.recorded,
    });
    if (!observed.ok) {
      const message = `reading tenant ${tenant}'s organization: ${observed.failure.message}`;
      const address = addressOf('Tenant', tenant, null);
      results.push({
        tenant,
        status: 'failed',
        problems: [error('WEBEX', message, { address })],
        resources: [],
      });
      continue;
    }
    results.push({
      tenant,
      status: 'compared',
      problems: [],
      revision: state.revision,
      resources: observed.value.observation.resources.flatMap((resource) =>
        driftOf(resource, state.recorded.has(resource.address)),
      ),
    });
  }
  return results;
}

function driftOf(resource: ResourceObservation, pushedBefore: boolean): LiveDrift[] {
  const drift = { create: 'missing', update: 'changed', delete: 'extra' } as const;
  if (resource.status !== 'create' && resource.status !== 'update' && resource.status !== 'delete')
    return [];
  return [
    {
      address: resource.address,
      drift: drift[resource.status],
      changes: resource.changes,
      pushedBefore,
    },
  ];
}
