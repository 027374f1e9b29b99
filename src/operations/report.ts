import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { readReportData, type ReportReads } from './read-report-data.js';
import { unstoredTenants } from './unstored-tenants.js';

/**
 * `ccac report`: what the audit page shows, of every scope or only `tenants` (readReportData);
 * refused when a named tenant is not stored. The page itself is rendered by the command.
 */
export async function report(
  store: SqlStateStore,
  request: { tenants: readonly string[]; generatedAt: string },
): Promise<ReportReads | { refused: Diagnostic[] }> {
  const refused = await unstoredTenants(request.tenants, store);
  if (refused.length > 0) return { refused };
  return readReportData(store, request.tenants, request.generatedAt);
}
