import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { readConfigFiles } from '../workspace/read-config-files.js';
import type { DeclaredResource } from '../model/resource.js';

/**
 * The resources a folder declares already (what an import keeps of them), read and schema-checked
 * as `ccac validate` reads them; nothing when the folder does not exist yet. Errors come back as
 * diagnostics: an import does not write over YAML it cannot read.
 */
export async function readExistingConfig(
  dir: string,
): Promise<{ declared: DeclaredResource[]; diagnostics: Diagnostic[] }> {
  if (!existsSync(dir)) return { declared: [], diagnostics: [] };
  const read = await readConfigFiles([dir]);
  const loaded = loadConfig(read.files);
  const diagnostics = [...read.diagnostics, ...loaded.diagnostics];
  return { declared: hasErrors(diagnostics) ? [] : loaded.resources, diagnostics };
}
