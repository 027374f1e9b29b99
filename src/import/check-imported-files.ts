import path from 'node:path';
import { checkConfig, loadConfig, type CheckedConfig } from '../config/check-config.js';

/**
 * The import's files as `ccac validate` and `ccac plan` would read them, checked before they are
 * written: the YAML read back (schema, references, rules) with the flow definitions beside it. An
 * org configured by hand can hold what ccac's rules refuse; the import says so rather than hand
 * over a surprise. The model is what `--adopt` plans and records, so what it stores is what a
 * plan of the written folder reads.
 */
export function checkImportedFiles(files: ReadonlyMap<string, string>): CheckedConfig {
  const yaml = [...files].filter(([file]) => /\.ya?ml$/.test(file));
  const loaded = loadConfig(yaml.map(([file, text]) => ({ path: file, text })));
  const assets = new Map(
    [...files]
      .filter(([file]) => !/\.ya?ml$/.test(file))
      .map(([file, text]) => [path.normalize(file), text]),
  );
  return checkConfig(loaded.resources, loaded.diagnostics, assets);
}
