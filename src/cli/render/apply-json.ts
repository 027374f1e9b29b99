import { anchorText } from '../../audit/anchors.js';
import type { RevisionRecord } from '../../model/revision.js';
import type { Output } from '../output.js';
import { orderedRevision } from './history-json.js';

/** `apply --format json`'s stdout: an Output whose writes wait for the apply to be over. */
export interface HeldOutput extends Output {
  /** Writes what is held and holds no more: a person asked to approve must see the plan first. */
  release(): void;
  /**
   * The apply is over: the plan held, as `plan --format json` writes it, with the revisions the
   * apply recorded (`revisions`, as `history --format json` lists them, each with its anchor;
   * empty when it wrote none), as one JSON document.
   */
  finish(revisions: readonly RevisionRecord[]): void;
  /** As finish, but the document is returned rather than written ('' when the apply wrote none). */
  take(revisions: readonly RevisionRecord[]): string;
}

/**
 * `released` says where a plan shown for approval goes: stdout (the plan is then the document),
 * or stderr for `apply --push`, whose one document on stdout still holds the plan.
 */
export function holdApplyJson(output: Output, released: 'out' | 'err' = 'out'): HeldOutput {
  let held: string[] | undefined = [];
  const take = (revisions: readonly RevisionRecord[]) => {
    const text = held?.join('') ?? '';
    held = undefined;
    return text === '' ? '' : withRevisions(text, revisions);
  };
  return {
    color: output.color,
    err: (text) => output.err(text),
    out: (text) => (held ? held.push(text) : output.out(text)),
    release() {
      if (!held) return;
      if (released === 'err') return output.err(held.join(''));
      output.out(held.join(''));
      held = undefined;
    },
    finish(revisions) {
      const text = take(revisions);
      if (text !== '') output.out(text);
    },
    take,
  };
}

/** The pretty-printed plan (plan-json.ts ends it with `\n}\n`) with `revisions` as its last key. */
export function withRevisions(planJson: string, revisions: readonly RevisionRecord[]): string {
  const listed = revisions.map((r) => ({ ...orderedRevision(r), anchor: anchorText(r) }));
  const value = JSON.stringify(listed, null, 2).replaceAll('\n', '\n  ');
  return `${planJson.replace(/\n}\n$/, '')},\n  "revisions": ${value}\n}\n`;
}
