import type { ScopeVerification } from '../audit/verify-chain.js';
import type { TenantGraph } from '../graph/routing-graph.js';
import type { StoredChange } from '../store/read-revisions.js';
import type { RevisionRecord } from '../store/state-store.js';

export interface ReportRevision extends RevisionRecord {
  /** Sorted by address. */
  changes: StoredChange[];
}

/** Everything the audit report shows; read at the edge, rendered by pure functions. */
export interface ReportData {
  /** The one line that differs between two reports of the same store. */
  generatedAt: string;
  /** The tenants the report was limited to; empty for the whole store. */
  tenants: string[];
  /** Newest first (by global id). */
  revisions: ReportRevision[];
  /** One per scope, sorted by scope. */
  chains: ScopeVerification[];
  /** The routing picture of the stored state now, one graph per tenant. */
  graphs: TenantGraph[];
}
