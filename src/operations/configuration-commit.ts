import { configurationCommit } from '../sources/git.js';
import { assetPath } from '../model/canonicalize.js';
import type { DeclaredResource } from '../model/resource.js';

/**
 * The git commit to record for a configuration read from `paths` (sources/git.ts): its flow
 * definition files are part of it, wherever they are.
 */
export function commitOfConfiguration(
  paths: readonly string[],
  declared: readonly DeclaredResource[],
): Promise<string | null> {
  const definitions = declared.flatMap((r) => {
    const file =
      r.kind === 'Flow' ? (r.spec as { definitionFile?: unknown }).definitionFile : undefined;
    return typeof file === 'string' ? [assetPath(r.origin.file, file)] : [];
  });
  return configurationCommit(paths, definitions);
}
