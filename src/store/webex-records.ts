import type { RemoteRef } from '../webex/remote-refs.js';
import type { WebexEntity } from '../webex/entities.js';
import type { Database, Queryable } from './database.js';
import { pushHash, type PushRecord } from './push-record.js';
import { CREATED_AT_SQL } from './record-revision.js';
import { guarded } from './store-errors.js';

/** One address's refs as a push reports them: the whole list (empty: forget the address). */
export interface AddressRefs {
  address: string;
  refs: readonly RemoteRef[];
}

/** Per tenant: the revision that last reached Webex whole, and how many pushes were recorded. */
export interface WebexTenant {
  scope: string;
  pushedRevision: number | null;
  pushes: number;
}

export interface PushStart {
  scope: string;
  actor: string;
  actorRole: string;
  revision: number;
}

export interface PushEnd {
  result: Exclude<PushRecord['result'], 'running'>;
  calls: NonNullable<PushRecord['calls']>;
  resources: NonNullable<PushRecord['resources']>;
}

/**
 * This transaction's id recorded as ccac's for the scope (as RECORD_WRITERS does for resource
 * rows): a ref row whose `xmin` is not listed was written by other SQL (history verify).
 */
const RECORD_WRITER = `insert into ccac_writes (scope, xid)
  values ($1, (txid_current() % 4294967296)::text) on conflict do nothing`;

/**
 * What the store keeps of each tenant's Webex organization (migration 005): remote refs, the
 * revision that reached Webex, and the push audit records. Every method is its own short
 * transaction, so a push stopped at any point leaves what was recorded until then, whole.
 */
export class WebexRecords {
  constructor(private readonly db: Database) {}

  /** The refs a push recorded for the tenant's addresses. */
  readRemoteRefs(scope: string): Promise<Map<string, RemoteRef[]>> {
    return guarded('reading Webex remote refs', () => readRemoteRefs(this.db, scope));
  }

  /**
   * Records the refs of some addresses of one tenant in one transaction, each address's list
   * replacing what was recorded for it: what a push does as calls return, and what an import
   * does for a whole tenant in one go.
   */
  recordRemoteRefs(scope: string, entries: readonly AddressRefs[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return guarded('recording Webex remote refs', () =>
      this.db.transaction((tx) => writeRemoteRefs(tx, scope, entries)),
    );
  }

  readTenants(scopes?: readonly string[]): Promise<Map<string, WebexTenant>> {
    return guarded('reading Webex push state', () => readTenants(this.db, scopes));
  }

  /** Push records of some scopes (all when omitted), by scope and number. */
  readPushes(scopes?: readonly string[]): Promise<PushRecord[]> {
    return guarded('reading push records', () => readPushes(this.db, scopes));
  }

  /** Per scope, the addresses whose recorded refs were last written by other SQL than ccac's. */
  tamperedRefs(scopes: readonly string[]): Promise<Map<string, string[]>> {
    return guarded('checking Webex remote refs', async () => {
      const rows = await this.db.query<{ scope: string; address: string }>(
        `select distinct r.scope, r.address
           from webex_remote_refs r
           left join ccac_writes w on w.scope = r.scope and w.xid = r.xmin::text
          where r.scope = any($1::text[]) and w.xid is null
          order by r.scope, r.address`,
        [scopes],
      );
      const out = new Map<string, string[]>();
      for (const { scope, address } of rows) out.set(scope, [...(out.get(scope) ?? []), address]);
      return out;
    });
  }

  /**
   * One push at a time per tenant: a session lock the database drops with the connection, so a
   * killed push never leaves it taken. False when another push of the tenant holds it.
   */
  async lockTenant(scope: string): Promise<boolean> {
    const rows = await guarded('locking the tenant for a push', () =>
      this.db.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(hashtextextended('ccac-push:' || $1, 0)) as locked`,
        [scope],
      ),
    );
    return rows[0]?.locked === true;
  }

  async unlockTenant(scope: string): Promise<void> {
    await guarded('unlocking the tenant after a push', () =>
      this.db.query(`select pg_advisory_unlock(hashtextextended('ccac-push:' || $1, 0))`, [scope]),
    );
  }

  /** The push's audit record, numbered and linked to the tenant's previous push, as it starts. */
  startPush(start: PushStart): Promise<PushRecord> {
    return guarded('recording the push', () => this.db.transaction((tx) => insertPush(tx, start)));
  }

  /** The record completed (and sealed again); a converged push moves `pushed_revision` on. */
  finishPush(record: PushRecord, end: PushEnd): Promise<PushRecord> {
    return guarded('recording the end of the push', () =>
      this.db.transaction((tx) => completePush(tx, record, end)),
    );
  }
}

interface RefRow {
  address: string;
  entity: WebexEntity;
  remote_id: string;
  key: string;
  version: number | null;
  digest: string | null;
}

async function readRemoteRefs(q: Queryable, scope: string): Promise<Map<string, RemoteRef[]>> {
  const rows = await q.query<RefRow>(
    `select address, entity, remote_id, key, version, digest from webex_remote_refs
      where scope = $1 order by address, entity, remote_id`,
    [scope],
  );
  const out = new Map<string, RemoteRef[]>();
  for (const row of rows) {
    const ref: RemoteRef = {
      entity: row.entity,
      id: row.remote_id,
      key: row.key,
      ...(row.version === null ? {} : { version: row.version }),
      ...(row.digest === null ? {} : { digest: row.digest }),
    };
    const list = out.get(row.address);
    if (list) list.push(ref);
    else out.set(row.address, [ref]);
  }
  return out;
}

async function writeRemoteRefs(
  tx: Queryable,
  scope: string,
  entries: readonly AddressRefs[],
): Promise<void> {
  // The last list reported for an address wins; one row per (entity, id).
  const latest = new Map(entries.map((entry) => [entry.address, entry.refs]));
  const rows = new Map<string, [string, RemoteRef]>();
  for (const [address, refs] of latest)
    for (const ref of refs) rows.set(`${address}\0${ref.entity}\0${ref.id}`, [address, ref]);
  const list = [...rows.values()];
  await tx.query(`delete from webex_remote_refs where scope = $1 and address = any($2::text[])`, [
    scope,
    [...latest.keys()],
  ]);
  if (list.length > 0)
    await tx.query(
      `insert into webex_remote_refs (scope, address, entity, remote_id, key, version, digest)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::integer[],
                                $7::text[])`,
      [
        scope,
        list.map(([address]) => address),
        list.map(([, ref]) => ref.entity),
        list.map(([, ref]) => ref.id),
        list.map(([, ref]) => ref.key),
        list.map(([, ref]) => ref.version ?? null),
        list.map(([, ref]) => ref.digest ?? null),
      ],
    );
  await tx.query(RECORD_WRITER, [scope]);
}

async function readTenants(
  q: Queryable,
  scopes?: readonly string[],
): Promise<Map<string, WebexTenant>> {
  const rows = await q.query<{ scope: string; pushed_revision: number | null; pushes: number }>(
    `select scope, pushed_revision, pushes from webex_tenants
      ${scopes ? 'where scope = any($1::text[])' : ''}`,
    scopes ? [scopes] : [],
  );
  return new Map(
    rows.map((row) => [
      row.scope,
      { scope: row.scope, pushedRevision: row.pushed_revision, pushes: row.pushes },
    ]),
  );
}

interface PushRow {
  scope: string;
  push: number;
  actor: string;
  actor_role: string;
  revision: number;
  revision_hash: string | null;
  started_at: string;
  finished_at: string | null;
  result: PushRecord['result'];
  calls: PushRecord['calls'];
  resources: PushRecord['resources'];
  prev_hash: string | null;
  hash: string;
}

const PUSH_COLUMNS = `scope, push, actor, actor_role, revision, revision_hash,
  ${CREATED_AT_SQL.replaceAll('created_at', 'started_at')} as started_at,
  ${CREATED_AT_SQL.replaceAll('created_at', 'finished_at')} as finished_at,
  result, calls, resources, prev_hash, hash`;

function pushOf(row: PushRow): PushRecord {
  return {
    scope: row.scope,
    push: row.push,
    actor: row.actor,
    actorRole: row.actor_role,
    revision: row.revision,
    revisionHash: row.revision_hash,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result,
    calls: row.calls,
    resources: row.resources,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

async function readPushes(q: Queryable, scopes?: readonly string[]): Promise<PushRecord[]> {
  const rows = await q.query<PushRow>(
    `select ${PUSH_COLUMNS} from webex_pushes
      ${scopes ? 'where scope = any($1::text[])' : ''} order by scope, push`,
    scopes ? [scopes] : [],
  );
  return rows.map(pushOf);
}

async function insertPush(tx: Queryable, start: PushStart): Promise<PushRecord> {
  const [slot] = await tx.query<{
    push: number;
    started_at: string;
    prev_hash: string | null;
    revision_hash: string | null;
  }>(
    `with bumped as (
       insert into webex_tenants as t (scope, pushes) values ($1, 1)
       on conflict (scope) do update set pushes = t.pushes + 1
       returning t.pushes
     )
     select b.pushes as push,
            to_char(date_trunc('milliseconds', now()) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
            (select p.hash from webex_pushes p where p.scope = $1 and p.push = b.pushes - 1)
              as prev_hash,
            (select r.hash from revisions r where r.scope = $1 and r.revision = $2)
              as revision_hash
       from bumped b`,
    [start.scope, start.revision],
  );
  if (!slot) throw new Error(`no push number for ${start.scope}`);
  const fields = {
    scope: start.scope,
    push: slot.push,
    actor: start.actor,
    actorRole: start.actorRole,
    revision: start.revision,
    revisionHash: slot.revision_hash,
    startedAt: slot.started_at,
    finishedAt: null,
    result: 'running' as const,
    calls: null,
    resources: null,
    prevHash: slot.prev_hash,
  };
  const record = { ...fields, hash: pushHash(fields) };
  await tx.query(
    `insert into webex_pushes (scope, push, actor, actor_role, revision, revision_hash,
                               started_at, result, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10)`,
    [
      record.scope,
      record.push,
      record.actor,
      record.actorRole,
      record.revision,
      record.revisionHash,
      record.startedAt,
      record.result,
      record.prevHash,
      record.hash,
    ],
  );
  return record;
}

async function completePush(tx: Queryable, record: PushRecord, end: PushEnd): Promise<PushRecord> {
  const [now] = await tx.query<{ at: string }>(
    `select to_char(date_trunc('milliseconds', now()) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
  );
  const { hash: _started, ...fields } = record;
  const done = { ...fields, ...end, finishedAt: now!.at };
  const sealed = { ...done, hash: pushHash(done) };
  await tx.query(
    `update webex_pushes
        set finished_at = $3::timestamptz, result = $4, calls = $5::jsonb, resources = $6::jsonb,
            hash = $7
      where scope = $1 and push = $2`,
    [
      sealed.scope,
      sealed.push,
      sealed.finishedAt,
      sealed.result,
      JSON.stringify(sealed.calls),
      JSON.stringify(sealed.resources),
      sealed.hash,
    ],
  );
  if (end.result === 'converged')
    await tx.query(`update webex_tenants set pushed_revision = $2 where scope = $1`, [
      record.scope,
      record.revision,
    ]);
  return sealed;
}
