import type { Queryable } from './database.js';
import { writerCounts } from './read-state.js';
import { NOTHING_STORED, type ScopeSummary } from '../model/stored-state.js';

/** A resource's term of its scope's digest, kept with its row (migrations/006-digest-terms.ts). */
const DIGEST_TERM = 'r.digest_term';

/**
 * Per scope, what a plan needs to know before reading any row: its revision, how many rows it
 * holds and whether ccac's transactions wrote them all (writerCounts), and the digest of its
 * resources (model/scope-digest.ts computes the same from a configuration). The database does the
 * reading; a hundred thousand rows come back as one row per scope. `scopes` undefined: every scope.
 */
export async function readScopeSummaries(
  q: Queryable,
  scopes?: readonly string[],
): Promise<Map<string, ScopeSummary>> {
  const filter = (table: string) => (scopes ? `where ${table}scope = any($1::text[])` : '');
  const params = scopes ? [scopes] : [];
  const rows = await q.query<{
    scope: string;
    revision: number;
    recorded: number | null;
    rows: number;
    intact: boolean;
    digest: string | null;
  }>(
    `select coalesce(s.scope, r.scope) as scope, coalesce(s.revision, 0) as revision,
            s.resource_count as recorded, coalesce(r.rows, 0) as rows,
            coalesce(r.intact, true) as intact, r.digest
       from (select scope, revision, resource_count from scopes ${filter('')}) s
       full join (${writerCounts(filter('r.'), { digest: DIGEST_TERM })}) r on r.scope = s.scope`,
    params,
  );
  const out = new Map<string, ScopeSummary>();
  for (const scope of scopes ?? []) out.set(scope, { ...NOTHING_STORED });
  for (const { scope, digest, ...counts } of rows)
    out.set(scope, { ...counts, digest: digest ?? NOTHING_STORED.digest });
  return out;
}
