import { readDrift, type ScopeDrift } from '../audit/drift.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { assemblePlan } from '../plan/make-plan.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { driftLive, type TenantLiveDrift } from './drift-live.js';
import { unstoredTenants } from './unstored-tenants.js';

export interface DriftRequest {
  /** Only these scopes; every stored one when empty. */
  tenants: readonly string[];
  /** Compare live Webex with the stored state (driftLive) rather than the rows with the revisions. */
  live: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export type DriftResult =
  | { refused: Diagnostic[] }
  /** The rows changed outside ccac, as a plan from "recorded" to "stored now". */
  | { plan: Plan }
  | { live: TenantLiveDrift[] };

/** `ccac drift`: what changed outside ccac, in the store (the default) or in Webex (`live`). */
export async function drift(store: SqlStateStore, request: DriftRequest): Promise<DriftResult> {
  const refused = await unstoredTenants(request.tenants, store);
  if (refused.length > 0) return { refused };
  if (request.live)
    return { live: await driftLive(store, { tenants: request.tenants, env: request.env }) };
  const scopes = request.tenants.length > 0 ? request.tenants : await store.listScopes();
  return { plan: driftPlan(await readDrift(store, scopes)) };
}

/** Every scope's drift in one plan, each scope at the revision its recorded changes were replayed to. */
export function driftPlan(drift: readonly ScopeDrift[]): Plan {
  return assemblePlan({
    scopes: Object.fromEntries(drift.map((d) => [d.scope, { baseRevision: d.revision }])),
    changes: drift.flatMap((d) => d.changes),
    diagnostics: [],
  });
}
