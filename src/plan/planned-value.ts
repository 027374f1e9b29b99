import type { ModelResource, ResourceValue } from '../model/model.js';

/** Where a planned value came from: never enumerable, so never in a plan's JSON, copies or equality. */
const SOURCE = Symbol('model resource');

type Sourced = ResourceValue & { [SOURCE]?: ModelResource };

/** What is compared and stored of a resource (no hash, no origin), remembering its resource. */
export function plannedValue(resource: ModelResource): ResourceValue {
  const value: ResourceValue = resource.labels
    ? { labels: resource.labels, spec: resource.spec }
    : { spec: resource.spec };
  Object.defineProperty(value, SOURCE, { value: resource });
  return value;
}

/**
 * The content hash of a value plannedValue made, while it holds its resource's own spec and
 * labels: a plan of 100,000 creates is not written out again to hash it, nor looked up by address.
 * Undefined for any other value (a saved plan's, read back from its JSON).
 */
export function knownHash(value: ResourceValue): string | undefined {
  const resource = (value as Sourced)[SOURCE];
  return resource && resource.spec === value.spec && resource.labels === value.labels
    ? resource.hash
    : undefined;
}
