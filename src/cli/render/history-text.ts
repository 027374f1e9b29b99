import { scopeName } from '../../model/address.js';
import type { RevisionRecord } from '../../model/revision.js';
import { DIRTY_SUFFIX } from '../../sources/config-changes.js';
import { paint, type Paint } from '../output.js';

/** Short forms, as git shows commits: enough to tell revisions apart and to search for. */
export const shortDigest = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);
/** `abc1234`, or `abc1234-dirty` when the configuration's files differed from it (sources/git.ts). */
export const shortCommit = (commit: string | null): string =>
  commit ? commit.slice(0, 7) + (commit.endsWith(DIRTY_SUFFIX) ? DIRTY_SUFFIX : '') : '-';

/** `2025-03-01T09:30:12.345Z` → `2025-03-01 09:30:12Z`: second precision reads better in a table. */
export const shortTime = (createdAt: string): string =>
  createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

interface Column {
  title: string;
  cell: (r: RevisionRecord) => string;
  tint?: (c: Paint, text: string, r: RevisionRecord) => string;
  alignRight?: boolean;
}

const COLUMNS: Column[] = [
  { title: 'ID', cell: (r) => String(r.id), alignRight: true },
  { title: 'TIME', cell: (r) => shortTime(r.createdAt) },
  { title: 'TENANT', cell: (r) => `${scopeName(r.scope)}@${r.revision}` },
  { title: 'ACTOR', cell: (r) => r.actor },
  { title: 'ROLE', cell: (r) => r.actorRole },
  { title: 'CHANGES', cell: countsText, tint: tintCounts },
  { title: 'CONFIG', cell: (r) => shortDigest(r.configDigest) },
  { title: 'COMMIT', cell: (r) => shortCommit(r.gitCommit) },
];

/**
 * Revisions as aligned columns, in the order given (newest first from the query). Widths come
 * from the plain text, colour is added after padding, so columns line up in a terminal too.
 */
export function renderHistoryText(revisions: readonly RevisionRecord[], color: boolean): string {
  if (revisions.length === 0) return 'No revisions.\n';
  const c = paint(color);
  const rows = revisions.map((r) => COLUMNS.map((column) => column.cell(r)));
  const widths = COLUMNS.map((column, i) =>
    Math.max(column.title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[], tint: (text: string, i: number) => string) =>
    cells
      .map((cell, i) => tint(pad(cell, widths[i]!, COLUMNS[i]!.alignRight), i))
      .join('  ')
      .trimEnd();
  const header = line(
    COLUMNS.map((column) => column.title),
    (text) => c.bold(text),
  );
  const body = rows.map((cells, n) =>
    line(cells, (text, i) => COLUMNS[i]!.tint?.(c, text, revisions[n]!) ?? text),
  );
  return `${[header, ...body].join('\n')}\n`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function countsText(r: RevisionRecord): string {
  return `+${r.counts.create} ~${r.counts.update} -${r.counts.delete}`;
}

/** Counts keep their width; only the non-zero ones are coloured, so deletions stand out. */
function tintCounts(c: Paint, text: string, r: RevisionRecord): string {
  const tints = [c.green, c.yellow, c.red];
  const values = [r.counts.create, r.counts.update, r.counts.delete];
  return text.replace(/[+~-]\d+/g, (part) => {
    const i = '+~-'.indexOf(part[0]!);
    return values[i]! > 0 ? tints[i]!(part) : part;
  });
}
