import type { Model } from '../model/model.js';
import { actorInTenant, isStoredTenant, normalizeActor } from './actor.js';
import { matchingRows } from './matching-rows.js';

/**
 * Whether the actor may run `plan` on a tenant: false only for a stored user whose every role
 * forbids planning — a customer-org read-only-admin with no other admin role, who has no
 * contact-center access at all (seed 000, table 1; SPEC §3 row 7). Planning without an actor,
 * or on a tenant not stored yet, is allowed: plans write nothing.
 */
export function mayPlan(actor: string | undefined, stored: Model, tenant: string): boolean {
  const email = normalizeActor(actor);
  if (!email || !isStoredTenant(stored, tenant)) return true;
  const lookup = actorInTenant(email, tenant, stored, stored);
  if (!lookup.found) return true;
  const rows = matchingRows(lookup.actor);
  return rows.length === 0 || rows.some((row) => row.mayPlan);
}
