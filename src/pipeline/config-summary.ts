import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { resourcesOfScope, scopeDigest } from '../model/scope-digest.js';
import type { CheckedConfig } from './check-config.js';

/**
 * What checking a configuration concluded, small enough to keep: its diagnostics, what it declares
 * and the digest of each scope. It answers `validate`, and a plan that finds every scope as stored,
 * without the model being built again (cli/load-desired.ts keeps it per configuration).
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
}

export function summarizeConfig(checked: CheckedConfig): ConfigSummary {
  const { desired } = checked;
  const scopes = desired.tenantNames();
  if (desired.organizations().length > 0) scopes.push(GLOBAL_SCOPE);
  const digests: Record<string, string> = {};
  // Digests only matter to a plan, which a configuration with errors never reaches.
  if (!hasErrors(checked.diagnostics))
    for (const scope of scopes.sort())
      digests[scope] = scopeDigest(resourcesOfScope(desired, scope));
  return {
    diagnostics: checked.diagnostics,
    resources: desired.size,
    tenants: desired.tenants().map((t) => t.name),
    organizations: desired.organizations().length > 0,
    digests,
  };
}

const NOTHING = scopeDigest([]);

/** The digest of a scope the configuration declares nothing in is that of no resources. */
export function summaryDigest(summary: ConfigSummary, scope: string): string {
  return summary.digests[scope] ?? NOTHING;
}
