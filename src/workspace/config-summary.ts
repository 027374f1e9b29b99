import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import type { Model, ModelResource } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import {
  digestTerm,
  DigestSum,
  resourcesOfScope,
  scopeDigest,
  type DigestTerm,
} from '../model/scope-digest.js';
import type { CheckedConfig } from '../config/check-config.js';
import type { DesiredScopes } from './unchanged-scopes.js';

/**
 * What checking a configuration concluded, small enough to keep: its diagnostics, what it declares
 * and each scope's digest and size. It answers `validate`, and a plan that finds every scope as
 * stored, without the model being built again (workspace/open-workspace.ts keeps it per workspace).
 */
export interface ConfigSummary {
  diagnostics: Diagnostic[];
  /** How many resources the model holds. */
  resources: number;
  /** Declared tenants, and whether organizations are declared: what planScopes needs. */
  tenants: string[];
  organizations: boolean;
  /** Scope → scopeDigest of its resources, for every scope that holds any. */
  digests: Record<string, string>;
  /** Scope → how many resources it holds. */
  counts: Record<string, number>;
}

export function summarizeConfig(checked: CheckedConfig): ConfigSummary {
  const { desired } = checked;
  const { digests, counts } = scopeFacts(desired, scopesHeld(desired), checked.declared);
  return {
    diagnostics: checked.diagnostics,
    resources: desired.size,
    tenants: desired.tenants().map((t) => t.name),
    organizations: desired.organizations().length > 0,
    digests,
    counts,
  };
}

/** Every scope that holds resources in a model: its tenants (declared or not), and organizations. */
export function scopesHeld(model: Model): string[] {
  const scopes = model.tenantNames();
  if (model.organizations().length > 0) scopes.push(GLOBAL_SCOPE);
  return scopes.sort();
}

/**
 * Digests and sizes of some scopes of a model. `declared`: what the model was built from, whose
 * digest terms the parse made (DeclaredResource.canonical): they are summed rather than made again.
 */
export function scopeFacts(
  model: Model,
  scopes: readonly string[],
  declared: readonly DeclaredResource[] = [],
): Pick<ConfigSummary, 'digests' | 'counts'> {
  const sums = declared.length > 0 ? declaredSums(model, declared) : new Map<string, DigestSum>();
  const digests: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const scope of scopes) {
    const resources = resourcesOfScope(model, scope);
    if (resources.length === 0) continue;
    const sum = sums.get(scope);
    // Summed from the declarations only when they are exactly the scope's resources.
    digests[scope] = sum?.count === resources.length ? sum.digest() : scopeDigest(resources);
    counts[scope] = resources.length;
  }
  return { digests, counts };
}

/**
 * Each scope's sum of the terms of the resources a model holds, from the declarations it was built
 * from (the first of each address: the one whose origin it kept) and the resources it added
 * itself (no origin: the system entry points); a term the parse did not make is made now.
 */
function declaredSums(model: Model, declared: readonly DeclaredResource[]): Map<string, DigestSum> {
  const sums = new Map<string, DigestSum>();
  const add = (resource: ModelResource, term: DigestTerm | undefined) => {
    const scope = scopeHolding(resource);
    if (scope === undefined) return;
    let sum = sums.get(scope);
    if (!sum) sums.set(scope, (sum = new DigestSum()));
    sum.add(term ?? digestTerm(resource));
  };
  for (const r of declared) {
    const held = model.byAddress.get(r.address);
    if (held && held.origin === r.origin) add(held, r.canonical?.term);
  }
  for (const resource of model.byAddress.values()) if (!resource.origin) add(resource, undefined);
  return sums;
}

/** The scope whose resources (resourcesOfScope) hold a resource of a model. */
function scopeHolding(resource: ModelResource): string | undefined {
  if (resource.kind === 'Organization') return GLOBAL_SCOPE;
  return (resource.kind === 'Tenant' ? resource.name : resource.tenant) ?? undefined;
}

const NOTHING = scopeDigest([]);

/** DesiredScopes of a summarized configuration: a scope it declares nothing in holds nothing. */
export function summaryScopes(summary: ConfigSummary): DesiredScopes {
  return {
    count: (scope) => summary.counts[scope] ?? 0,
    digest: (scope) => summary.digests[scope] ?? NOTHING,
  };
}
