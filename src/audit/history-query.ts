import { normalizeEmail } from '../model/names.js';
import type { RevisionRecord } from '../model/revision.js';

/** What `ccac history` asks for; every filter is optional and they combine with "and". */
export interface HistoryQuery {
  tenants: readonly string[];
  actor?: string | undefined;
  /** Revisions created at or after this instant. */
  since?: Date | undefined;
  /** `scope\u0000revision` keys of the revisions that touched the asked-for kind or address; absent: no such filter. */
  touching?: ReadonlySet<string> | undefined;
  limit?: number | undefined;
}

export function revisionKey(scope: string, revision: number): string {
  return `${scope}\u0000${revision}`;
}

/** The revisions a query selects, newest first (by global id), at most `limit` of them. Pure. */
export function selectRevisions(
  revisions: readonly RevisionRecord[],
  query: HistoryQuery,
): RevisionRecord[] {
  const tenants = new Set(query.tenants);
  const since = query.since?.getTime();
  // Revisions recorded before actors were normalised may hold any case, spaces or a BOM.
  const actor = query.actor === undefined ? undefined : normalizeEmail(query.actor);
  const selected = revisions.filter(
    (r) =>
      (tenants.size === 0 || tenants.has(r.scope)) &&
      (actor === undefined || normalizeEmail(r.actor) === actor) &&
      (since === undefined || Date.parse(r.createdAt) >= since) &&
      (query.touching === undefined || query.touching.has(revisionKey(r.scope, r.revision))),
  );
  selected.sort((a, b) => b.id - a.id);
  return query.limit === undefined ? selected : selected.slice(0, query.limit);
}

/**
 * `--since` as a user types it: a date (`2025-03-01`) or an ISO datetime, UTC unless it names an
 * offset, so the answer does not depend on the machine's time zone. Null when it is neither (or
 * no such day, like 2025-02-30), so the command can say so instead of matching everything.
 */
export function parseSince(text: string): Date | null {
  const match =
    /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match || (match[3] && !match[2])) return null;
  const [, day, time = 'T00:00', offset = 'Z'] = match;
  const parsed = new Date(`${day}${time}${offset}`);
  if (Number.isNaN(parsed.getTime())) return null;
  // Date rolls 2025-02-30 over to March; a day that does not exist is a typo, not a date.
  const check = new Date(`${day}T00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === day ? parsed : null;
}
