import type { ResourceChange } from '../model/plan.js';
import type { StateReader } from '../store/state-store.js';
import type { DriftedRow } from '../model/revision.js';
import { resourceChangeOf } from './revision-plan.js';

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
