import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan, ResourceChange } from '../model/plan.js';
import type { DriftedRow } from '../model/revision.js';
import type { ScopeIntegrity, StoredState } from '../model/stored-state.js';
import { withDiagnostics } from '../plan/with-diagnostics.js';
import type { StateReader } from '../store/state-store.js';
import { resourceChangeOf } from './revision-plan.js';

/*
 * Drift: rows of the store that are not what the recorded history wrote (changed outside ccac).
 * Read for `ccac drift` (readDrift), marked on a plan as warnings (markDrift), refused or adopted
 * by an apply under its lock (driftOf, driftErrors: operations/check-drift.ts).
 */

/** What drift detection reads: rows compared with the history, and the scopes' revisions. */
export type DriftReader = Pick<StateReader, 'driftedRows' | 'scopeRevisions'>;

export interface ScopeDrift {
  scope: string;
  /** The scope's latest revision: what the stored rows were compared with. */
  revision: number;
  changes: ResourceChange[];
  /** For each drifted address the history holds, the last revision that wrote it. */
  lastWritten: Map<string, number>;
}

/**
 * Per scope (sorted), its rows compared value by value with what the recorded history wrote
 * (store/recorded-values.ts), as changes from "recorded" (before) to "stored now" (after).
 */
export async function readDrift(
  reader: DriftReader,
  scopes: readonly string[],
): Promise<ScopeDrift[]> {
  const wanted = [...new Set(scopes)].sort();
  const rows = await reader.driftedRows(wanted);
  const revisions = await reader.scopeRevisions(wanted);
  return wanted.map((scope) => {
    const own = rows.filter((row) => row.scope === scope);
    const lastWritten = new Map<string, number>();
    for (const row of own) if (row.revision !== null) lastWritten.set(row.address, row.revision);
    return {
      scope,
      revision: revisions.get(scope) ?? 0,
      changes: own.map(driftChange),
      lastWritten,
    };
  });
}

/** A drifted row as a change: created, changed or deleted outside ccac. */
export function driftChange(row: DriftedRow): ResourceChange {
  const action = row.recorded === null ? 'create' : row.stored === null ? 'delete' : 'update';
  return resourceChangeOf({
    scope: row.scope,
    revision: row.revision ?? 0,
    address: row.address,
    kind: row.kind,
    name: row.name,
    action,
    before: row.recorded,
    after: row.stored,
  });
}

/**
 * The rows of some scopes that are not what the recorded history wrote. A scope whose rows were
 * all last written by ccac's own transactions, as many as its revisions built, cannot differ
 * (driftFree) and is not compared; the others are compared value by value.
 */
export async function driftOf(
  reader: Pick<StateReader, 'scopeSummaries' | 'driftedRows'>,
  scopes: readonly string[],
): Promise<DriftedRow[]> {
  if (scopes.length === 0) return [];
  const summaries = await reader.scopeSummaries(scopes);
  const suspect = scopes.filter((scope) => !driftFree(summaries.get(scope)));
  return reader.driftedRows(suspect);
}

/**
 * Every row last written by one of ccac's transactions (which PostgreSQL stamps on the row and no
 * SQL session can choose), and as many rows as the recorded revisions built (none deleted
 * outside ccac): comparing with the history would find nothing. Unknown counts are not trusted.
 * What this leans on — the ids ccac recorded and the counts in `scopes` — only someone who can
 * write ccac's own bookkeeping tables could forge; `history verify` and `drift` never lean on it.
 */
export function driftFree(integrity: ScopeIntegrity | undefined): boolean {
  return integrity !== undefined && integrity.intact && integrity.recorded === integrity.rows;
}

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

/**
 * The plan with a DRIFT warning for each resource of its scopes changed outside ccac: a reviewer
 * should know the plan also overwrites (or keeps) a change nobody recorded. Only scopes whose
 * rows the plan's read (`stored`) could not show as ccac's own are compared with the history:
 * the warning informs, the apply decides again under its lock. A plan stopped by configuration
 * errors read no state and is returned as it is.
 */
export async function markDrift(
  plan: Plan,
  reader: DriftReader,
  stored: StoredState,
): Promise<Plan> {
  const suspect = Object.keys(plan.tenants).filter(
    (scope) => !driftFree(stored.integrity?.get(scope)),
  );
  if (suspect.length === 0) return plan;
  return withDiagnostics(plan, driftWarnings(await readDrift(reader, suspect)));
}
