import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf } from '../model/address.js';
import type { Model } from '../model/model.js';
import { actorInTenant, describeActor, normalizeActor } from './actor.js';
import type { ChangeItem } from './change-items.js';
import { matchingRows, rowLabel } from './matching-rows.js';

/**
 * What a push asks of a role: that it may write the tenant's contact-center configuration (a
 * queue is the probe). A push carries no change of its own — it makes Webex match the stored
 * state, which an authorized apply wrote — so the question is who may write to the tenant at all.
 */
const PROBE = {
  kind: 'Queue',
  action: 'create',
  change: { address: '', kind: 'Queue', name: '', tenant: '', action: 'create' },
} as unknown as ChangeItem;

export type PushPermission = { role: string } | { diagnostic: Diagnostic };

/**
 * SPEC §3 for a push: the actor must be a stored user of the tenant holding a role that may write
 * to it (full-admin, cc-service-admin, provisioning-admin). Roles come from the stored state only,
 * as for an apply. Pure.
 */
export function pushPermission(
  actor: string | undefined,
  tenant: string,
  stored: Model,
): PushPermission {
  const address = addressOf('Tenant', tenant, null);
  const email = normalizeActor(actor);
  if (!email)
    return {
      diagnostic: error('AUTHZ_NO_ACTOR', 'push needs an actor: --actor EMAIL or CCAC_ACTOR'),
    };
  const lookup = actorInTenant(email, tenant, stored, stored);
  if (!lookup.found)
    return { diagnostic: error('AUTHZ_UNKNOWN_ACTOR', lookup.reason, { address }) };
  const rows = matchingRows(lookup.actor).filter((row) => row.allows(PROBE));
  if (rows.length === 0)
    return {
      diagnostic: error(
        'AUTHZ_DENIED',
        `${describeActor(lookup.actor)} may not push tenant ${tenant}: pushing needs a role that may write to it`,
        { address },
      ),
    };
  return { role: rows.map((row) => rowLabel(row, lookup.actor)).join(', ') };
}
