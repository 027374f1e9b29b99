import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkConfig, loadConfig } from '../../src/config/check-config.js';

/**
 * Loads and checks an in-memory configuration, as `ccac validate` would, without touching disk.
 * Files ending in .yaml/.yml are configuration; any other file is an asset (a flow definition).
 */
export function checkYaml(files: Record<string, string>): Diagnostic[] {
  const entries = Object.entries(files);
  const sources = entries
    .filter(([path]) => /\.ya?ml$/.test(path))
    .map(([path, text]) => ({ path, text }));
  const assets = new Map(entries.filter(([path]) => !/\.ya?ml$/.test(path)));
  const loaded = loadConfig(sources);
  return checkConfig(loaded.resources, loaded.diagnostics, assets).diagnostics;
}

/** Only the diagnostics of one code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}
