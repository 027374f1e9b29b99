import { KINDS, type Kind } from '../model/kinds.js';
import type { StoredChange } from '../model/revision.js';
import type { KindCount } from './report-data.js';

/** A revision's changes counted per kind (in KINDS order) and action. */
export function kindCounts(changes: readonly StoredChange[]): KindCount[] {
  const byKind = new Map<Kind, KindCount>();
  for (const { kind, action } of changes) {
    let entry = byKind.get(kind);
    if (!entry) byKind.set(kind, (entry = { kind, create: 0, update: 0, delete: 0 }));
    entry[action] += 1;
  }
  const order = (kind: Kind) => KINDS.indexOf(kind);
  return [...byKind.values()].sort((a, b) => order(a.kind) - order(b.kind));
}

/**
 * The first `limit` of a revision's changes, taken a kind at a time — the first of each kind,
 * then the second of each… — so that every kind it touched is among them (there are fewer kinds
 * than a page shows changes); all of them when it has no more. `changes` are in address order
 * (as the store reads them: byte order), and so is the answer: the store's readFirstChanges
 * picks the same ones in the database.
 */
export function firstChanges(changes: readonly StoredChange[], limit: number): StoredChange[] {
  if (changes.length <= limit) return [...changes];
  const seen = new Map<string, number>();
  const ranked: { rank: number; at: number }[] = [];
  changes.forEach((change, at) => {
    const rank = (seen.get(change.kind) ?? 0) + 1;
    seen.set(change.kind, rank);
    // A change ranked past the limit in its kind is past it among all kinds too.
    if (rank <= limit) ranked.push({ rank, at });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, limit)
    .map(({ at }) => at)
    .sort((a, b) => a - b)
    .map((at) => changes[at]!);
}
