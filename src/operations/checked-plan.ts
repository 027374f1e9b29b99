import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import type { Plan } from '../model/plan.js';

/** A plan that may be written: the roles its revisions record, the model it leads to. */
export interface Checked {
  plan: Plan;
  rolesByScope: ReadonlyMap<string, string>;
  /** The model the plan leads to: the written values' hashes are taken from it. */
  target: Model;
  /** The scopes written were found as ccac left them under this lock: no drift to check. */
  driftChecked?: boolean;
}

/** Why a plan may not be written (none said when the plan shown says it). */
export type Refused = { diagnostics: Diagnostic[] };
