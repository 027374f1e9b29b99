import { usersToCsv } from '../csv/users-to-csv.js';
import { compare, error, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import { exportFiles } from '../export/export-files.js';
import { exportStream } from '../export/export-stream.js';
import { selectTenants } from '../export/select-tenants.js';
import { ExportPathError, writeExportDir, type WriteReport } from '../export/write-export-dir.js';
import type { Model } from '../model/model.js';
import { unknownTenants } from '../model/unknown-tenants.js';
import { liveState, stateAtRevision } from '../sources/state-at-revision.js';
import type { SqlStateStore } from '../store/sql-state-store.js';

export interface ExportRequest {
  /** Only these tenants (CSV: exactly one); every stored tenant when empty. */
  tenants: readonly string[];
  /** The state as of this global revision; the latest when undefined. */
  revision: number | undefined;
  format: 'yaml' | 'csv';
  /** YAML: write the canonical layout into this directory; one YAML stream when undefined. */
  out: string | undefined;
}

export type ExportResult =
  | { refused: Diagnostic[] }
  /** One tenant's users as Control Hub's bulk user CSV. */
  | { csv: string }
  /** The state as one YAML stream. */
  | { stream: string }
  /** What writing the layout into `out` wrote, removed and found beside it. */
  | { written: WriteReport };

/** ` as of revision N` when the export is of a past revision: how its messages name the state. */
export function asOfRevision(revision: number | undefined): string {
  return revision === undefined ? '' : ` as of revision ${revision}`;
}

/**
 * `ccac export`: the stored state (or the state as of a revision) of the tenants asked for, as
 * CSV, as one YAML stream, or written into a directory in the canonical layout.
 */
export async function exportState(
  store: SqlStateStore,
  request: ExportRequest,
): Promise<ExportResult> {
  const state = await stateToExport(store, request.revision);
  if ('refused' in state) return state;
  const stored = state.model.tenants().map((t) => t.name);
  const where = `stored${asOfRevision(request.revision)}`;
  const unknown = unknownTenants(request.tenants, stored, where);
  if (unknown.length > 0) return { refused: unknown };
  const selected = selectTenants(state.model, request.tenants);
  if (request.format === 'csv') {
    const users = selected.list('User', request.tenants[0]!);
    const rows = users.map((u) => [u.name, u.spec] as const);
    return { csv: usersToCsv(rows.sort(([a], [b]) => compare(a, b))) };
  }
  const layout = exportFiles(selected);
  if ('refused' in layout) return { refused: [layout.refused] };
  if (request.out === undefined) {
    const stream = exportStream(layout.files);
    if ('assets' in stream)
      return refused(
        'USAGE',
        `the state holds flow definitions (${stream.assets.length} file(s)), which a single YAML stream cannot carry; write the export to a directory with --out DIR`,
      );
    return { stream: stream.text };
  }
  try {
    return { written: await writeExportDir(request.out, layout.files) };
  } catch (cause) {
    if (!(cause instanceof ExportPathError)) throw cause;
    return refused('FILE', `nothing exported: ${cause.message}`);
  }
}

async function stateToExport(
  store: SqlStateStore,
  revision: number | undefined,
): Promise<{ model: Model } | { refused: Diagnostic[] }> {
  if (revision === undefined) return { model: await liveState(store) };
  const at = await stateAtRevision(store, revision);
  return 'diagnostic' in at ? { refused: [at.diagnostic] } : { model: at.model };
}

function refused(code: DiagnosticCode, message: string): { refused: Diagnostic[] } {
  return { refused: [error(code, message)] };
}
