import path from 'node:path';
import { checkConfig, loadConfig } from '../config/check-config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * What `ccac validate` would say of an import's files, checked before they are written: the YAML
 * read back (schema, references, rules) with the flow definitions beside it. An org configured by
 * hand can hold what ccac's rules refuse; the import says so rather than hand over a surprise.
 */
export function checkImportedFiles(files: ReadonlyMap<string, string>): Diagnostic[] {
  const yaml = [...files].filter(([file]) => /\.ya?ml$/.test(file));
  const loaded = loadConfig(yaml.map(([file, text]) => ({ path: file, text })));
  const assets = new Map(
    [...files]
      .filter(([file]) => !/\.ya?ml$/.test(file))
      .map(([file, text]) => [path.normalize(file), text]),
  );
  return checkConfig(loaded.resources, loaded.diagnostics, assets).diagnostics;
}
