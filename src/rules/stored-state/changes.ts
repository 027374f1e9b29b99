import type { Kind } from '../../model/kinds.js';
import { changeFields } from '../../plan/make-plan.js';
import type { FieldChange, ResourceChange } from '../../model/plan.js';

/** Updates of one kind that change a given field, with that field's change. */
export function* updatesOf(
  changes: readonly ResourceChange[],
  kind: Kind,
  path: string,
): Generator<ResourceChange & { field: FieldChange }> {
  for (const change of changes) {
    if (change.action !== 'update' || change.kind !== kind) continue;
    const field = changeFields(change).find((f) => f.path === path);
    if (field) yield { ...change, field };
  }
}
