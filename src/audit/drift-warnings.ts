import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ScopeDrift } from './read-drift.js';

/**
 * A DRIFT warning per drifted resource, for `plan`: the revision named is the last one that wrote
 * the resource (the scope's latest when no revision did), the point since which it was changed.
 */
export function driftWarnings(drift: readonly ScopeDrift[]): Diagnostic[] {
  return drift.flatMap(({ revision, changes, lastWritten }) =>
    changes.map((change) =>
      warning(
        'DRIFT',
        `changed outside ccac since revision ${lastWritten.get(change.address) ?? revision}`,
        { address: change.address },
      ),
    ),
  );
}
