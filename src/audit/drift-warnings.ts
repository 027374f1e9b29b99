import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DriftedRow } from '../model/revision.js';
import type { ScopeDrift } from './read-drift.js';

/**
 * A DRIFT warning per drifted resource, for `plan`: the revision named is the last one that wrote
 * the resource (the scope's latest when no revision did), the point since which it was changed.
 */
export function driftWarnings(drift: readonly ScopeDrift[]): Diagnostic[] {
  return drift.flatMap(({ revision, changes, lastWritten }) =>
    changes.map((change) =>
      warning('DRIFT', since(lastWritten.get(change.address) ?? revision), {
        address: change.address,
      }),
    ),
  );
}

/**
 * A DRIFT error per row an apply would build on that is not what the history recorded: the apply
 * does not take such a row for ccac's unless told to adopt it. `revisions`: each scope's latest.
 */
export function driftErrors(
  rows: readonly DriftedRow[],
  revisions: ReadonlyMap<string, number>,
): Diagnostic[] {
  return rows.map((row) =>
    error(
      'DRIFT',
      `${since(row.revision ?? revisions.get(row.scope) ?? 0)}; apply does not build on it: ` +
        'restore it, or adopt it with --accept-drift (the revision records it)',
      { address: row.address },
    ),
  );
}

function since(revision: number): string {
  return `changed outside ccac since revision ${revision}`;
}
