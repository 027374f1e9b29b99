import { sha256 } from '../model/canonical-json.js';
import { canonicalText } from '../model/canonical-text.js';
import type { Model, ModelResource, ResourceValue } from '../model/model.js';

/** What is compared and stored of a resource (no hash, no origin): its own labels and spec. */
export function plannedValue(resource: ModelResource): ResourceValue {
  return resource.labels
    ? { labels: resource.labels, spec: resource.spec }
    : { spec: resource.spec };
}

/**
 * The hash of the value at an address when it is known without hashing it again, else undefined:
 * a plan of 100,000 creates is not written out again to hash it.
 */
export type KnownHash = (address: string, value: ResourceValue) => string | undefined;

/** Nothing known: every hash is made from the value (a saved plan's, read back from its JSON). */
export const NO_KNOWN_HASHES: KnownHash = () => undefined;

/**
 * The hashes of values planned from these models' resources (plannedValue): a value's is its
 * resource's while it holds that resource's own spec and labels, and only then (a copy or an
 * edited value is hashed again).
 */
export function knownHashes(...models: readonly Model[]): KnownHash {
  return (address, value) => {
    for (const model of models) {
      const resource = model.byAddress.get(address);
      if (resource && resource.spec === value.spec && resource.labels === value.labels)
        return resource.hash;
    }
    return undefined;
  };
}

/** The content hash of a value, as the store keeps it (canonicalize.ts): known, or made now. */
export function valueHash(
  value: ResourceValue,
  address: string,
  known: KnownHash = NO_KNOWN_HASHES,
): string {
  return known(address, value) ?? sha256(canonicalText(value));
}
