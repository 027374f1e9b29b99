import { initial } from './001-initial.js';
import { integrity } from './002-integrity.js';
import { vouchedRows } from './003-vouched-rows.js';
import { ccacWrites } from './004-ccac-writes.js';
import { webex } from './005-webex.js';
import { digestTerms } from './006-digest-terms.js';
import type { Migration } from './migration.js';

/** Every migration, in the order it runs. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  integrity,
  vouchedRows,
  ccacWrites,
  webex,
  digestTerms,
];
