import { canonicalText } from '../model/canonical-text.js';
import type { ResourceValue } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';

/**
 * The canonical texts of a run of changes' values, by the change's position in it: each made once
 * for its two uses — a row and its revision's hash — and let go at the second, so the texts are
 * garbage once the revisions are hashed rather than at the transaction's end. A third use
 * (created rows staged after all) makes it again: the same text. By position, not keyed by the
 * value objects: a Map of 100,000 objects cost ≈ 30× the arrays' time (identity hashes, a table
 * grown and rehashed), in the part of the COPY this process, not the database, holds up.
 */
export class ChangeTexts {
  private readonly befores: (string | undefined)[];
  private readonly afters: (string | undefined)[];

  constructor(readonly changes: readonly ResourceChange[]) {
    this.befores = new Array<string | undefined>(changes.length);
    this.afters = new Array<string | undefined>(changes.length);
  }

  before(at: number): string | null {
    return textAt(this.befores, at, this.changes[at]!.before);
  }

  after(at: number): string | null {
    return textAt(this.afters, at, this.changes[at]!.after);
  }
}

function textAt(texts: (string | undefined)[], at: number, value: ResourceValue | null) {
  if (value === null) return null;
  const text = texts[at];
  if (text !== undefined) {
    texts[at] = undefined;
    return text;
  }
  const made = canonicalText(value);
  texts[at] = made;
  return made;
}
