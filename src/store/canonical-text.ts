import { canonicalTextOrNull } from '../model/canonical-text.js';
import type { ResourceChange } from '../plan/plan.js';

export { canonicalText, canonicalTextOrNull } from '../model/canonical-text.js';

/** A change's values as canonical JSON text, null where it has none. */
export interface ChangeText {
  before: string | null;
  after: string | null;
}

/**
 * The canonical text of each change's values, made once per change however many writes of one
 * apply need it (the resource row, the change record, the revision hash).
 */
export class ChangeTexts {
  private readonly known = new WeakMap<ResourceChange, ChangeText>();

  of(change: ResourceChange): ChangeText {
    let text = this.known.get(change);
    if (!text) {
      text = {
        before: canonicalTextOrNull(change.before),
        after: canonicalTextOrNull(change.after),
      };
      this.known.set(change, text);
    }
    return text;
  }
}
