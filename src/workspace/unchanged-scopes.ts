import type { Model, ModelResource } from '../model/model.js';
import { resourcesOfScope, scopeDigest } from '../model/scope-digest.js';
import { NOTHING_STORED, type ScopeSummary, type StoredState } from '../model/stored-state.js';

/** What the configuration declares in each scope: how many resources, and their scopeDigest. */
export interface DesiredScopes {
  count(scope: string): number;
  digest(scope: string): string;
}

/**
 * Scopes whose stored rows need not be read: all of them written by ccac's own transactions (which
 * no SQL session can pass for: migration 004), as many as their revisions built, and exactly what
 * the configuration declares there (as many, same digest; the digest is only computed when the
 * sizes agree). Such a scope's stored state is the configuration's, value for value. A hint for
 * speed, never the last word: what authorization reads of it is checked against the history
 * (audit/tampered-reads.ts), and an apply checks the scopes it writes again under its lock
 * (operations/check-drift.ts). Pure.
 */
export function unchangedScopes(
  scopes: readonly string[],
  summaries: ReadonlyMap<string, ScopeSummary>,
  desired: DesiredScopes,
): Map<string, ScopeSummary> {
  const out = new Map<string, ScopeSummary>();
  for (const scope of scopes) {
    // Summaries of every stored scope leave out those never stored.
    const summary = summaries.get(scope) ?? NOTHING_STORED;
    if (!summary.intact || summary.recorded !== summary.rows) continue;
    if (summary.rows !== desired.count(scope)) continue;
    if (summary.digest === desired.digest(scope)) out.set(scope, summary);
  }
  return out;
}

/** DesiredScopes of a model. */
export function modelScopes(model: Model): DesiredScopes {
  return {
    count: (scope) => resourcesOfScope(model, scope).length,
    digest: (scope) => scopeDigest(resourcesOfScope(model, scope)),
  };
}

/**
 * The stored state of the scopes read, completed with the unchanged ones: their resources are
 * the configuration's (without origins, as stored resources have none), their revisions and
 * integrity those of their summaries. `read` is extended in place.
 *
 * When no row was read and every scope of the configuration is unchanged (a pipeline's plan of
 * nothing changed), the stored model is the configuration's model itself rather than a copy of
 * its 100,000 resources: the two are the same resources with the same values, so a plan against
 * it has no change (plan/make-plan.ts knows it at once), and nothing reports on a stored resource
 * — where alone an origin would show.
 */
export function withUnchangedScopes(
  read: StoredState,
  desired: Model,
  unchanged: ReadonlyMap<string, ScopeSummary>,
): StoredState {
  const integrity = new Map(read.integrity);
  for (const [scope, summary] of unchanged) {
    read.revisions.set(scope, summary.revision);
    integrity.set(scope, summary);
  }
  if (read.model.size === 0 && holdsOnly(desired, unchanged))
    return { ...read, model: desired, integrity };
  for (const scope of unchanged.keys())
    for (const resource of resourcesOfScope(desired, scope)) read.model.add(storedView(resource));
  return { ...read, integrity };
}

/** Whether every resource of a model is in one of `scopes`. */
function holdsOnly(model: Model, scopes: ReadonlyMap<string, unknown>): boolean {
  let held = 0;
  for (const scope of scopes.keys()) held += resourcesOfScope(model, scope).length;
  return held === model.size;
}

function storedView(resource: ModelResource): ModelResource {
  const { kind, name, tenant, address, hash, spec, labels } = resource;
  return labels
    ? { kind, name, tenant, address, hash, spec, labels }
    : { kind, name, tenant, address, hash, spec };
}
