import { duplicateResource } from './references/duplicate-resource.js';
import type { ConfigRule, Rule, StateRule } from './rule.js';

/** Every rule, grouped by domain. The README's rule table is generated from this list. */
export const RULES: readonly Rule[] = [
  // references
  duplicateResource,
];

export const CONFIG_RULES = RULES.filter((r): r is ConfigRule => r.stage === 'config');
export const STATE_RULES = RULES.filter((r): r is StateRule => r.stage === 'state');
