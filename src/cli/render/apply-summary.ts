import { scopeName } from '../../model/address.js';
import { anchorText } from '../../audit/anchors.js';
import type { RevisionRecord } from '../../model/revision.js';

/** What an apply recorded, on stderr: the counts, the revisions, adopted drift, the anchors. */
export function applySummary(revisions: readonly RevisionRecord[]): string {
  // A saved plan without changes writes nothing: no revision to name.
  if (revisions.length === 0) return 'Apply complete: nothing to change, no revision recorded.\n';
  const total = revisions.reduce(
    (sum, r) => ({
      create: sum.create + r.counts.create,
      update: sum.update + r.counts.update,
      delete: sum.delete + r.counts.delete,
    }),
    { create: 0, update: 0, delete: 0 },
  );
  const list = revisions.map((r) => `${scopeName(r.scope)}@${r.revision}`).join(', ');
  const adopted = revisions.flatMap((r) => r.acceptedDrift ?? []).map((d) => d.address);
  const adoptedLine = adopted.length > 0 ? `Adopted drift: ${adopted.join(', ')}.\n` : '';
  // The chain cannot see its own tail cut: these lines, kept elsewhere, can (history verify --expect).
  const anchors = revisions.map((r) => `  ${anchorText(r)}\n`).join('');
  return (
    `Apply complete: ${total.create} created, ${total.update} updated, ${total.delete} deleted. Revisions: ${list}.\n` +
    adoptedLine +
    `Anchors (keep them; \`ccac history verify --expect ANCHOR\` checks the history still holds them):\n${anchors}`
  );
}
