import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Kind } from './kinds.js';
import type { ResourceValue } from './model.js';

export type Action = 'create' | 'update' | 'delete';

/** One changed leaf or list: `path` like `spec.flow`, `spec.agents`, `labels.team`. Absent is undefined. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ResourceChange {
  address: string;
  /** The tenant; for a Tenant its own name; null for an Organization. */
  tenant: string | null;
  kind: Kind;
  name: string;
  action: Action;
  before: ResourceValue | null;
  after: ResourceValue | null;
  /**
   * An update's field diff. A create or delete lists every leaf of its one value: what its value
   * gives, made when asked for (changeFields) and not kept, as a plan of 100,000 creates would.
   * Plans printed or saved always carry them.
   */
  fields?: FieldChange[];
}

/** Each planned scope (tenant, or `_global` for organizations) and the revision the plan was made against. */
export type PlanScopes = Record<string, { baseRevision: number }>;

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
}

/** SPEC §5: what `plan --format json` prints and `plan --out` saves. */
export interface Plan {
  formatVersion: 1;
  tenants: PlanScopes;
  /** Extends SPEC §5: the tenants the plan deletes whole, sorted (destroyedTenants). */
  destroy: string[];
  changes: ResourceChange[];
  diagnostics: Diagnostic[];
  summary: PlanSummary;
}
