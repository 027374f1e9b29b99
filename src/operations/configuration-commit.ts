import { configurationCommit } from '../sources/git.js';
import { assetPath } from '../model/canonicalize.js';
import type { DeclaredResource } from '../model/resource.js';

/** The commit of a configuration, once its declared resources are known. */
export type ConfigurationCommit = (declared: readonly DeclaredResource[]) => Promise<string | null>;

/**
 * The git commit to record for a configuration read from `paths` (sources/git.ts), looked up from
 * now on: its flow definition files are part of it, wherever they are.
 */
export function commitOfConfiguration(paths: readonly string[]): ConfigurationCommit {
  const lookup = configurationCommit(paths);
  return (declared) => lookup(definitionFiles(declared));
}

function definitionFiles(declared: readonly DeclaredResource[]): string[] {
  return declared.flatMap((r) => {
    // A resource whose canonical value is known depends on no other file (DeclaredResource
    // `canonical`): such a flow names no definition file, and its spec, which a cached
    // declaration reads by parsing its YAML again, is not asked for.
    const file =
      r.kind === 'Flow' && !r.canonical
        ? (r.spec as { definitionFile?: unknown }).definitionFile
        : undefined;
    return typeof file === 'string' ? [assetPath(r.origin.file, file)] : [];
  });
}
