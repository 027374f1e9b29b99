import { scopeOf } from '../model/address.js';
import { isGlobalKind, type Kind } from '../model/kinds.js';

/** Where a changed resource lives: its scope and the `tenant` column (null for global kinds, as in the model). */
export function rowKeyOf(change: { kind: Kind; name: string; tenant: string | null }): {
  scope: string;
  tenant: string | null;
} {
  const tenant = isGlobalKind(change.kind) ? null : change.tenant;
  return { scope: scopeOf(change.kind, change.name, tenant), tenant };
}
