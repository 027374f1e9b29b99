import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadConfig } from './load-config.js';
import type { SourceFile } from './source-file.js';
import { assetPath, buildDesiredModel, type Assets } from '../model/canonicalize.js';
import type { Model } from '../model/model.js';
import type { DeclaredResource } from '../model/resource.js';
import { CONFIG_RULES } from '../rules/registry.js';
import { runRules, type ConfigRule } from '../rules/rule.js';

export interface CheckedConfig {
  desired: Model;
  declared: readonly DeclaredResource[];
  diagnostics: Diagnostic[];
}

/** Files referenced by the configuration that the caller must read (flow definitions). */
export function assetsNeeded(declared: readonly DeclaredResource[]): string[] {
  const paths = new Set<string>();
  for (const r of declared) {
    // A resource with its canonical value already known reads no file (selfContainedCanonical).
    const file =
      r.kind === 'Flow' && !r.canonical
        ? (r.spec as { definitionFile?: string }).definitionFile
        : undefined;
    if (file !== undefined) paths.add(assetPath(r.origin.file, file));
  }
  return [...paths].sort();
}

/**
 * load → validate → model → rules: everything `ccac validate` checks, with no IO. `rules`: all
 * config rules, or fewer when only some findings are wanted (recheck-scopes.ts).
 */
export function checkConfig(
  declared: readonly DeclaredResource[],
  loadDiagnostics: readonly Diagnostic[],
  assets: Assets,
  rules: readonly ConfigRule[] = CONFIG_RULES,
): CheckedConfig {
  const { model, diagnostics } = buildDesiredModel(declared, assets);
  const ruleDiagnostics = runRules(rules, { desired: model, declared });
  return {
    desired: model,
    declared,
    diagnostics: sortDiagnostics([...loadDiagnostics, ...diagnostics, ...ruleDiagnostics]),
  };
}

export { loadConfig, type SourceFile };
