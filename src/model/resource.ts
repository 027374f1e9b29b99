import type { Place } from '../diagnostics/diagnostic.js';
import type { Locate, ValuePath } from './value-path.js';
import type { Kind, SpecOf } from './kinds.js';
import type { ResourceValue } from './model.js';

/** Where a declared resource came from, and how to point into it. */
export interface Origin {
  file: string;
  /** Place of a value inside this resource document, e.g. ['spec', 'flow']. */
  locate: (path: ValuePath, target?: 'value' | 'key') => Place;
}

/** A resource as declared in a configuration file, after schema validation. */
export interface DeclaredResource<K extends Kind = Kind> {
  kind: K;
  name: string;
  /** null for the global kinds (Organization, Tenant). */
  tenant: string | null;
  address: string;
  labels?: Record<string, string>;
  spec: SpecOf<K>;
  origin: Origin;
  /**
   * The canonical value and its hash, when already known (from the parse cache). Set only for
   * resources whose canonical form depends on nothing outside their own document.
   */
  canonical?: { value: ResourceValue<K>; hash: string; digestTerm?: string };
}

export function originOf(file: string, locate: Locate, prefix: ValuePath): Origin {
  return {
    file,
    locate: (path, target) => locate([...prefix, ...path], target),
  };
}
