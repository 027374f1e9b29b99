import type { Queryable } from './database.js';
import { WRITTEN_BY_CCAC } from './read-state.js';
import { NOTHING_STORED, type ScopeSummary } from './state-store.js';

/**
 * Per scope, what a plan needs to know before reading any row: its revision, how many rows it
 * holds and whether ccac's transactions wrote them all (WRITTEN_BY_CCAC), and the digest of its resources
 * (model/scope-digest.ts computes the same from a configuration). The database does the reading;
 * a hundred thousand rows come back as one row per scope. `scopes` undefined: every scope.
 */
export async function readScopeSummaries(
  q: Queryable,
  scopes?: readonly string[],
): Promise<Map<string, ScopeSummary>> {
  const filter = scopes ? 'where scope = any($1::text[])' : '';
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
       from (select scope, revision, resource_count from scopes ${filter}) s
       full join (
         select r.scope, count(*)::int as rows,
                bool_and(${WRITTEN_BY_CCAC}) as intact,
                sum(('x' || left(md5(concat_ws(chr(31), kind, name, coalesce(tenant, ''), hash)), 16))
                  ::bit(64)::bigint)::text as digest
           from resources r ${filter}
          group by r.scope) r on r.scope = s.scope`,
    params,
  );
  const out = new Map<string, ScopeSummary>();
  for (const scope of scopes ?? []) out.set(scope, { ...NOTHING_STORED });
  for (const { scope, digest, ...counts } of rows)
    out.set(scope, { ...counts, digest: digest ?? NOTHING_STORED.digest });
  return out;
}
