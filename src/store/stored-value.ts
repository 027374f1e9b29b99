import type { ResourceValue } from '../model/model.js';

/**
 * What is compared and hashed of a stored value: its spec and labels, whatever else an edit
 * outside ccac left in it (a value that is not even an object reads as an empty one).
 */
export function storedValue(stored: unknown): ResourceValue {
  const value = (stored !== null && typeof stored === 'object' ? stored : {}) as ResourceValue;
  return { spec: value.spec, ...(value.labels ? { labels: value.labels } : {}) };
}
