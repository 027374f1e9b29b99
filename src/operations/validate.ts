import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { openWorkspace } from '../workspace/open-workspace.js';

/** What `ccac validate` found: the configuration's diagnostics and how many resources it declares. */
export interface ValidateResult {
  diagnostics: readonly Diagnostic[];
  resources: number;
}

/** `ccac validate`: the checks that need no store, answered from the workspace's last check when no file changed. */
export async function validate(paths: readonly string[]): Promise<ValidateResult> {
  const { diagnostics, resources } = (await openWorkspace(paths)).summary;
  return { diagnostics, resources };
}
