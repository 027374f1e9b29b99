import type { ScopeVerification } from '../model/scope-verification.js';
import type { TenantGraph } from '../graph/routing-graph.js';
import type { Kind } from '../model/kinds.js';
import type { StoredChange } from '../model/revision.js';
import type { RevisionRecord } from '../model/revision.js';

/** A revision's changes of one kind, counted per action. */
export interface KindCount {
  kind: Kind;
  create: number;
  update: number;
  delete: number;
}

export interface ReportRevision extends RevisionRecord {
  /** Every change row of the revision counted, per kind (KINDS order). */
  kinds: KindCount[];
  /** Its first changes, every kind among them (all of them when it has few), sorted by address. */
  changes: StoredChange[];
}

/**
 * Everything the audit report shows but the revisions' changes, which are read and rendered a
 * batch at a time (ReportRevision); read at the edge, rendered by pure functions.
 */
export interface ReportData {
  /** The one line that differs between two reports of the same store. */
  generatedAt: string;
  /** The tenants the report was limited to; empty for the whole store. */
  tenants: string[];
  /** Newest first (by global id). */
  revisions: RevisionRecord[];
  /** The kinds the revisions changed (KINDS order): the kind filter's choices. */
  kinds: Kind[];
  /** One per scope, sorted by scope. */
  chains: ScopeVerification[];
  /** The routing picture of the stored state now: the tenants drawn, one graph each, by name. */
  graphs: TenantGraph[];
  /** The tenants whose picture is not drawn here (ccac graph draws it), by name. */
  undrawn: string[];
}
