import { GLOBAL_SCOPE } from '../model/address.js';
import { Model } from '../model/model.js';
import type { ResourceChange } from '../plan/plan.js';
import type { StoredState } from '../store/state-store.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { findDrift } from './find-drift.js';
import { replayChanges } from './replay-changes.js';

/** What drift detection reads: the stored state and the recorded changes of a scope. */
export type DriftReader = Pick<SqlStateStore, 'readState' | 'readChanges'>;

export interface ScopeDrift {
  scope: string;
  /** The scope's latest revision: what the recorded changes were replayed up to. */
  revision: number;
  changes: ResourceChange[];
  /** For each drifted address the recorded changes know, the last revision that wrote it. */
  lastWritten: Map<string, number>;
}

/**
 * Per scope, the recorded changes replayed against the stored resources. One scope at a time,
 * so memory stays bounded by the largest tenant's history.
 */
export async function readDrift(
  reader: DriftReader,
  scopes: readonly string[],
  alreadyRead?: StoredState,
): Promise<ScopeDrift[]> {
  const out: ScopeDrift[] = [];
  for (const scope of [...new Set(scopes)].sort()) {
    const recorded = await reader.readChanges(scope);
    // A plan has just read these scopes: comparing with that state saves reading them twice.
    const { model, revisions } = alreadyRead?.revisions.has(scope)
      ? { model: scopeModel(alreadyRead.model, scope), revisions: alreadyRead.revisions }
      : await reader.readState([scope]);
    const changes = findDrift(replayChanges(recorded), model);
    const drifted = new Set(changes.map((change) => change.address));
    const lastWritten = new Map<string, number>();
    for (const change of recorded)
      if (drifted.has(change.address)) lastWritten.set(change.address, change.revision);
    out.push({ scope, revision: revisions.get(scope) ?? 0, changes, lastWritten });
  }
  return out;
}

function scopeModel(model: Model, scope: string): Model {
  return new Model(scope === GLOBAL_SCOPE ? model.organizations() : model.inTenant(scope));
}
