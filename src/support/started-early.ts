import { debug } from './debug.js';

/**
 * A promise started before anyone awaits it, so its work overlaps other work (the store opening,
 * the writes). Until it is awaited a rejection must not count as unhandled, which would end the
 * process: this is the one place that says so. The rejection stays on the promise returned (the
 * same one) for whoever awaits it. `note`: said under CCAC_DEBUG once it is done.
 */
export function startedEarly<T>(promise: Promise<T>, note?: string): Promise<T> {
  promise.then(
    () => (note === undefined ? undefined : debug(note)),
    () => undefined,
  );
  return promise;
}

/** Settles when `promise` does, never rejecting: to wait for work whose failure is told elsewhere. */
export function settled(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}
