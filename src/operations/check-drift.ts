import { driftOf } from '../audit/drift-of.js';
import { driftErrors } from '../audit/drift-warnings.js';
import { driftChange } from '../audit/read-drift.js';
import { tamperedReads } from '../audit/tampered-reads.js';
import { authorize } from '../authz/index.js';
import { authorizationReads } from '../authz/authorization-reads.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { scopeOf } from '../model/address.js';
import type { Plan } from '../model/plan.js';
import type { StateTransaction } from '../store/state-store.js';
import type { DriftedRow } from '../model/revision.js';
import { scopesToRead } from '../plan/plan-scopes.js';

/**
 * Under the apply's lock, before anything is written: the rows of every scope the apply writes
 * must be what the recorded history left there, or the apply would record changes made on top of
 * edits nobody recorded (and take a value it never wrote for its own). Without `accept`, drift
 * refuses the apply (DRIFT). With it, the drift is adopted: as if the actor made those edits, so
 * they must be ones the actor may make, decided from rows that are themselves as recorded.
 */
export async function checkDrift(
  tx: StateTransaction,
  plan: Plan,
  { actor, accept }: { actor: string; accept: boolean },
): Promise<{ diagnostics: Diagnostic[] } | { adopted: DriftedRow[] }> {
  const written = new Set(plan.changes.map((c) => scopeOf(c.kind, c.name, c.tenant)));
  const rows = await driftOf(tx, [...written].sort());
  if (rows.length === 0) return { adopted: [] };
  if (!accept) {
    const revisions = Object.entries(plan.tenants).map(([scope, t]) => [scope, t.baseRevision]);
    return { diagnostics: driftErrors(rows, new Map(revisions as [string, number][])) };
  }
  const denied = await adoptionDenied(tx, rows, actor);
  return denied.length > 0 ? { diagnostics: denied } : { adopted: rows };
}

/** Why the actor may not adopt the drift: the edits, as changes, judged as any change is. */
async function adoptionDenied(
  tx: StateTransaction,
  rows: readonly DriftedRow[],
  actor: string,
): Promise<Diagnostic[]> {
  const scopes = new Set(rows.map((row) => row.scope));
  const { model } = await tx.readState(scopesToRead(scopes));
  const tampered = await tamperedReads(
    tx,
    model,
    authorizationReads({ actor, stored: model, scopes }),
  );
  if (tampered.length > 0) return tampered;
  const { diagnostics } = authorize({
    actor,
    stored: model,
    desired: model,
    changes: rows.map(driftChange),
  });
  return diagnostics.map((d) => ({ ...d, message: `adopting drift: ${d.message}` }));
}
