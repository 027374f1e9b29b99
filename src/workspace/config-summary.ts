import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import type { Model } from '../model/model.js';
import { resourcesOfScope, scopeDigest } from '../model/scope-digest.js';
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
  const { digests, counts } = scopeFacts(desired, scopesHeld(desired));
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

/** Digests and sizes of some scopes of a model. */
export function scopeFacts(
  model: Model,
  scopes: readonly string[],
): Pick<ConfigSummary, 'digests' | 'counts'> {
  const digests: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (const scope of scopes) {
    const resources = resourcesOfScope(model, scope);
    if (resources.length === 0) continue;
    digests[scope] = scopeDigest(resources);
    counts[scope] = resources.length;
  }
  return { digests, counts };
}

const NOTHING = scopeDigest([]);

/** DesiredScopes of a summarized configuration: a scope it declares nothing in holds nothing. */
export function summaryScopes(summary: ConfigSummary): DesiredScopes {
  return {
    count: (scope) => summary.counts[scope] ?? 0,
    digest: (scope) => summary.digests[scope] ?? NOTHING,
  };
}
