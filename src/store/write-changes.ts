import { debug } from '../support/debug.js';
import { nextTurn } from '../support/in-turns.js';
import { startedEarly } from '../support/started-early.js';
import { sha256 } from '../model/canonical-json.js';
import { byAddress, isSortedByAddress } from '../plan/make-plan.js';
import type { ResourceChange } from '../model/plan.js';
import { canonicalText } from '../model/canonical-text.js';
import type { CopyRow, Queryable } from './database.js';
import {
  insertRevisions,
  nextRevisions,
  revisionFields,
  type RevisionSlot,
} from './record-revision.js';
import { ChangeTexts } from './change-texts.js';
import { rowKeyOf } from './resource-row.js';
import { RevisionHasher, type UnsealedRevisionFields } from './revision-hash.js';
import type {
  ApplyRevisionsOptions,
  KnownHashes,
  RevisionDraft,
  RevisionInput,
} from './state-store.js';
import type { RevisionDigests } from '../model/revision.js';
import type { RevisionRecord } from '../model/revision.js';
import { sqlState } from './store-errors.js';

const STAGE = 'ccac_stage';
const STAGE_COLUMNS = [
  'scope',
  'kind',
  'name',
  'tenant',
  'address',
  'action',
  'before',
  'after',
  'hash',
];
const RESOURCE_COLUMNS = ['scope', 'kind', 'name', 'tenant', 'value', 'hash'];
const CHANGE_COLUMNS = [
  'scope',
  'revision',
  'address',
  'kind',
  'name',
  'action',
  'before',
  'after',
];
const UNIQUE_VIOLATION = '23505';

/** Change records inserted from `rows`, each in its scope's revision (`$1`, `$2`): how many. */
const recordedFrom = (rows: string) => `with recorded as (
    insert into changes (${CHANGE_COLUMNS.join(', ')})
    ${rows}
    returning 1)
  select count(*)::integer as n from recorded`;

/**
 * The change records of the created rows one COPY wrote (`$3`, its subtransaction's id): a
 * resource's address is `tenant/Kind/name`, or `Kind/name` for the global kinds, whose rows have
 * no tenant (model/address.ts, store/resource-row.ts).
 */
const CHANGES_FROM_CREATED_ROWS = recordedFrom(`
    select r.scope, v.revision, coalesce(r.tenant || '/', '') || r.kind || '/' || r.name,
           r.kind, r.name, 'create', null, r.value
      from resources r
      join unnest($1::text[], $2::integer[]) as v(scope, revision) on v.scope = r.scope
     where r.xmin = $3::text::xid`);

/** The change records of the staged changes. */
const CHANGES_FROM_STAGE = recordedFrom(`
    select s.scope, v.revision, s.address, s.kind, s.name, s.action, s.before, s.after
      from ${STAGE} s
      join unnest($1::text[], $2::integer[]) as v(scope, revision) on v.scope = s.scope`);

const INSERT_FROM_STAGE = `insert into resources (scope, kind, name, tenant, value, hash)
  select s.scope, s.kind, s.name, s.tenant, s.after, s.hash
    from ${STAGE} s`;
const UPSERT = `on conflict (scope, kind, name) do update
  set tenant = excluded.tenant, value = excluded.value, hash = excluded.hash`;

/**
 * The ids this transaction's rows carry (`xmin`: its own, and that of the subtransaction that
 * COPied creates, `$2`) recorded for each scope written (`$1`): a row carrying one was written by
 * ccac (RESOURCES_AND_WRITERS, migration 004). txid_current() counts epochs; xmin shows 32 bits.
 */
const RECORD_WRITERS = `insert into ccac_writes (scope, xid)
  select scope, xid
    from unnest($1::text[]) as s(scope),
         unnest(array[(txid_current() % 4294967296)::text] || $2::text[]) as x(xid)
  on conflict do nothing`;

/**
 * The writes of one transaction. Created rows are COPied straight into `resources`; the ids the
 * written rows carry are recorded as ccac's (RECORD_WRITERS). The rest — deletes, updates,
 * and creates over rows that appeared since the plan — go through a temporary staging table, one
 * COPY, then a set-based statement each. An apply's change records are made by the database from
 * those rows (recordChangesFrom), so each value crosses the connection once.
 */
export class ChangeWriter {
  private staged = false;

  constructor(private readonly tx: Queryable) {}

  async writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void> {
    await this.writeResources(new ChangeTexts(changes), hashesFrom(known));
  }

  /** A scope's revision and its change records, COPied from `input` (its rows written or not). */
  async recordRevision(input: RevisionInput): Promise<RevisionRecord> {
    const slot = (await nextRevisions(this.tx, [input])).get(input.scope)!;
    const revision = pendingRevision(input, slot);
    const texts = new ChangeTexts(revision.changes);
    if (input.changes.length > 0)
      await this.tx.copyFrom('changes', CHANGE_COLUMNS, changeRows(revision, texts));
    new RevisionHashing([revision], texts).finish();
    return (await this.sealRevisions([revision], input))[0]!;
  }

  /**
   * Each scope's changes written and its revision recorded: one COPY of all resource rows (each
   * change hashed into its revision as its row is made, when they come in order: RevisionHashing),
   * then the change records made by the database from the rows it holds while any change left is
   * hashed here, then the revisions, sealed with the apply's digests.
   */
  async applyRevisions(
    drafts: readonly RevisionDraft[],
    known: KnownHashes,
    { digests, onProgress = () => undefined }: ApplyRevisionsOptions,
  ): Promise<RevisionRecord[]> {
    // The digests, when given as work (made in turns), start with the writes: they fill the
    // time this process waits for the database to take the rows, instead of following the last
    // row beside the change records. Awaited once the revisions are hashed.
    const made = startedEarly(typeof digests === 'function' ? digests() : Promise.resolve(digests));
    const slots = await nextRevisions(this.tx, drafts);
    const pending = drafts.map((draft) => pendingRevision(draft, slots.get(draft.scope)!));
    const texts = new ChangeTexts(pending.flatMap((revision) => revision.changes));
    const sent = new SentRows(texts.changes.length, onProgress);
    const hashing = new RevisionHashing(pending, texts);
    await this.rewriteAdopted(drafts);
    const written = await this.writeResources(texts, hashesFrom(known), { sent, hashing });
    debug('resource rows written');
    // Awaited below, once the hashes are made. Sent before the rest is hashed: the hashing is one
    // synchronous loop, and a statement asked for just before it would wait in this process
    // until it ends while the database idles (≈ 0.7 s at a load of 14).
    const recording = startedEarly(this.recordChangesFrom(written, pending));
    await nextTurn();
    hashing.finish();
    debug('revisions hashed');
    await recording;
    debug('change records written');
    const records = await this.sealRevisions(pending, await made);
    debug('revisions written');
    return records;
  }

  /**
   * The change records of an apply, made by the database: created rows COPied into `resources`
   * are those carrying the COPY's transaction id, the other changes are in the staging table.
   * Each insert must meet as many rows as the plan has changes there.
   */
  private async recordChangesFrom(
    written: WrittenRows,
    pending: readonly PendingRevision[],
  ): Promise<void> {
    const scopes = pending.map(({ fields }) => fields.scope);
    const revisions = pending.map(({ fields }) => fields.revision);
    const inserts: [string, unknown[], number][] = [];
    if (written.copied)
      inserts.push([
        CHANGES_FROM_CREATED_ROWS,
        [scopes, revisions, written.copied.xid],
        written.copied.rows,
      ]);
    if (written.staged > 0) inserts.push([CHANGES_FROM_STAGE, [scopes, revisions], written.staged]);
    for (const [sql, params, expected] of inserts) {
      const [row] = await this.tx.query<{ n: number }>(sql, params);
      if (row?.n !== expected)
        throw new Error(`recorded ${row?.n ?? 0} change records where ${expected} were written`);
    }
  }

  /** Each revision hashed with the apply's digests, then inserted. */
  private async sealRevisions(
    pending: readonly PendingRevision[],
    { configDigest, planDigest }: RevisionDigests,
  ): Promise<RevisionRecord[]> {
    const records = pending.map(({ fields, hasher }) => {
      const sealed = { ...fields, configDigest, planDigest };
      return { ...sealed, hash: hasher.digest(sealed) };
    });
    await insertRevisions(this.tx, records);
    return records;
  }

  /**
   * The changes applied to `resources`: deletes and updates from the staging table, creates
   * COPied in — or, when a created row exists already, staged and upserted with the updates.
   */
  private async writeResources(
    texts: ChangeTexts,
    hashOf: HashOf,
    made: RowsMade = {},
  ): Promise<WrittenRows> {
    const { changes } = texts;
    const creates: number[] = [];
    const others: number[] = [];
    changes.forEach((change, at) => (change.action === 'create' ? creates : others).push(at));
    const any = (positions: number[], action: string) =>
      positions.some((at) => changes[at]!.action === action);
    if (others.length > 0) {
      await this.stage(texts, others, hashOf, made);
      if (any(others, 'delete'))
        await this.tx.query(
          `delete from resources r using ${STAGE} s
            where s.action = 'delete' and r.scope = s.scope and r.kind = s.kind and r.name = s.name`,
        );
    }
    const xid =
      creates.length > 0 ? await this.copyCreates(texts, creates, hashOf, made) : undefined;
    const copied = creates.length === 0 || xid !== undefined;
    if (!copied) await this.stage(texts, creates, hashOf, { ...made, append: others.length > 0 });
    if (!copied || any(others, 'update'))
      await this.tx.query(`${INSERT_FROM_STAGE} where s.action <> 'delete' ${UPSERT}`);
    await this.recordWriters(writtenScopes(changes), xid);
    return {
      ...(xid !== undefined ? { copied: { xid, rows: creates.length } } : {}),
      staged: copied ? others.length : changes.length,
    };
  }

  /** The ids the rows just written carry, recorded as ccac's for their scopes (RECORD_WRITERS). */
  private async recordWriters(scopes: ReadonlySet<string>, copiedXid?: string): Promise<void> {
    if (scopes.size === 0) return;
    await this.tx.query(RECORD_WRITERS, [[...scopes], copiedXid === undefined ? [] : [copiedXid]]);
  }

  /**
   * Adopted drift (`--accept-drift`) that the revisions' changes leave in place, written again
   * as it was found (its spec and labels, their hash): the rows then carry this transaction's id
   * and a hash that is their value's, as every row ccac writes.
   */
  private async rewriteAdopted(drafts: readonly RevisionDraft[]): Promise<void> {
    const rows = drafts.flatMap(({ scope, changes, acceptedDrift = [] }) => {
      if (acceptedDrift.length === 0) return [];
      const changed = new Set(changes.map((change) => change.address));
      return acceptedDrift
        .filter(({ address, stored }) => stored !== null && !changed.has(address))
        .map(({ address, stored }) => ({ scope, address, text: canonicalText(stored) }));
    });
    if (rows.length === 0) return;
    await this.tx.query(
      `update resources r set value = v.value::jsonb, hash = v.hash
         from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as v(scope, address, value, hash)
        where r.scope = v.scope and coalesce(r.tenant || '/', '') || r.kind || '/' || r.name = v.address`,
      [
        rows.map((row) => row.scope),
        rows.map((row) => row.address),
        rows.map((row) => row.text),
        rows.map((row) => sha256(row.text)),
      ],
    );
    await this.recordWriters(new Set(rows.map((row) => row.scope)));
  }

  /**
   * Creates COPied into `resources`, the fast path, in a subtransaction of their own: the id
   * their rows carry (xmin) tells them from any other row. Undefined when a created row exists
   * already (made outside ccac after the plan read the store): the caller then writes creates
   * as upserts, so the apply still leaves what it planned.
   */
  private async copyCreates(
    texts: ChangeTexts,
    creates: readonly number[],
    hashOf: HashOf,
    made: RowsMade,
  ): Promise<string | undefined> {
    await this.tx.query('savepoint ccac_creates');
    try {
      await this.tx.copyFrom(
        'resources',
        RESOURCE_COLUMNS,
        resourceRows(texts, creates, hashOf, made),
      );
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      // Released too: a savepoint rolled back to stays open, and the upserts made instead would
      // carry a subtransaction's id that RECORD_WRITERS does not know.
      await this.tx.query('rollback to savepoint ccac_creates');
      await this.tx.query('release savepoint ccac_creates');
      return undefined;
    }
    const first = texts.changes[creates[0]!]!;
    const [row] = await this.tx.query<{ xid: string }>(
      'select xmin::text as xid from resources where scope = $1 and kind = $2 and name = $3',
      [rowKeyOf(first).scope, first.kind, first.name],
    );
    await this.tx.query('release savepoint ccac_creates');
    if (!row) throw new Error(`the created row of ${first.address} is not there`);
    return row.xid;
  }

  /** Replaces (or adds to) the staging table's rows; the table lives until the transaction ends. */
  private async stage(
    texts: ChangeTexts,
    positions: readonly number[],
    hashOf: HashOf,
    { append = false, ...made }: RowsMade & { append?: boolean },
  ): Promise<void> {
    if (!this.staged) {
      await this.tx.query(
        `create temp table ${STAGE} (scope text not null, kind text not null, name text not null,
           tenant text, address text not null, action text not null, before jsonb, after jsonb,
           hash text) on commit drop`,
      );
      this.staged = true;
    } else if (!append) await this.tx.query(`truncate ${STAGE}`);
    await this.tx.copyFrom(STAGE, STAGE_COLUMNS, stageRows(texts, positions, hashOf, made));
  }
}

/** The created rows COPied into `resources`: the changes at `creates` in `texts`. */
function* resourceRows(
  texts: ChangeTexts,
  creates: readonly number[],
  hashOf: HashOf,
  { sent, hashing }: RowsMade,
): Generator<CopyRow> {
  for (const at of creates) {
    const change = texts.changes[at]!;
    const { scope, tenant } = rowKeyOf(change);
    const after = texts.after(at);
    if (after === null) throw new Error(`create of ${change.address} has no after value`);
    sent?.add();
    hashing?.rowMade(at);
    yield [scope, change.kind, change.name, tenant, after, hashOf(change, after)];
  }
}

/** The staging table's rows: the changes at `positions` in `texts`. */
function* stageRows(
  texts: ChangeTexts,
  positions: readonly number[],
  hashOf: HashOf,
  { sent, hashing }: RowsMade,
): Generator<CopyRow> {
  for (const at of positions) {
    const change = texts.changes[at]!;
    sent?.add();
    const { scope, tenant } = rowKeyOf(change);
    const before = texts.before(at);
    const after = texts.after(at);
    if (after === null && change.action !== 'delete')
      throw new Error(`${change.action} of ${change.address} has no after value`);
    hashing?.rowMade(at);
    yield [
      scope,
      change.kind,
      change.name,
      tenant,
      change.address,
      change.action,
      before,
      after,
      after === null ? null : hashOf(change, after),
    ];
  }
}

/** A revision's change records as COPY rows, its changes' texts in `texts` from the start. */
function* changeRows({ fields, changes }: PendingRevision, texts: ChangeTexts): Generator<CopyRow> {
  const revision = String(fields.revision);
  for (let at = 0; at < changes.length; at++) {
    const { address, kind, name, action } = changes[at]!;
    yield [fields.scope, revision, address, kind, name, action, texts.before(at), texts.after(at)];
  }
}

/**
 * A revision whose number is taken, its changes (in address order) about to be recorded; its
 * digests come last.
 */
interface PendingRevision {
  fields: UnsealedRevisionFields;
  hasher: RevisionHasher;
  changes: readonly ResourceChange[];
}

function pendingRevision(draft: RevisionDraft, slot: RevisionSlot): PendingRevision {
  const fields = revisionFields(draft, slot);
  const { changes: given } = draft;
  const changes = isSortedByAddress(given) ? given : [...given].sort(byAddress);
  return { fields, hasher: new RevisionHasher(fields), changes };
}

/**
 * The pending revisions' hashes, each change added as its row is made when the rows come in
 * the revisions' order (an apply of creates, one COPY): its texts' second use is then right
 * after their first, and they die young instead of being kept through the COPY (≈ 100,000 texts
 * promoted to the old generation and marked there). Whatever comes out of order, or not at all,
 * is hashed by `finish` (ChangeTexts makes a text again once it was let go).
 */
class RevisionHashing {
  /** Where the next change to hash is, in `texts` and as a revision and a place in it. */
  private next = 0;
  private revision = 0;
  private inRevision = 0;

  constructor(
    private readonly pending: readonly PendingRevision[],
    private readonly texts: ChangeTexts,
  ) {}

  /** The row of the change at `at` made: hashed now if it is the next in order. */
  rowMade(at: number): void {
    if (at === this.next) this.hashNext();
  }

  /** Every change not hashed yet, in order. */
  finish(): void {
    while (this.next < this.texts.changes.length) this.hashNext();
  }

  private hashNext(): void {
    let pending = this.pending[this.revision]!;
    while (this.inRevision === pending.changes.length) {
      pending = this.pending[++this.revision]!;
      this.inRevision = 0;
    }
    const at = this.next++;
    pending.hasher.add(
      pending.changes[this.inRevision++]!,
      this.texts.before(at),
      this.texts.after(at),
    );
  }
}

/** What the rows made tell as they are made: the progress, the revisions' hashing. */
interface RowsMade {
  sent?: SentRows | undefined;
  hashing?: RevisionHashing | undefined;
}

/**
 * Rows handed to the database, one per change (its change record is made there), told every
 * REPORT_ROWS rows, not to slow the writes (a row made twice, when created rows are staged after
 * all, counts again).
 */
class SentRows {
  private rows = 0;

  constructor(
    private readonly changes: number,
    private readonly onProgress: (written: number) => void,
  ) {}

  add(): void {
    if (++this.rows % REPORT_ROWS === 0 || this.rows === this.changes) this.onProgress(this.rows);
  }
}

/** Where an apply's rows went: the database makes its change records from them. */
interface WrittenRows {
  /** The id every created row COPied into `resources` carries (xmin), and how many there are. */
  copied?: { xid: string; rows: number };
  /** How many changes the staging table holds. */
  staged: number;
}

const REPORT_ROWS = 5_000;

/** The scopes whose rows the changes write (deletes leave none). */
function writtenScopes(changes: readonly ResourceChange[]): Set<string> {
  const scopes = new Set<string>();
  for (const change of changes) if (change.action !== 'delete') scopes.add(rowKeyOf(change).scope);
  return scopes;
}

type HashOf = (change: ResourceChange, after: string) => string;

/**
 * A written value's hash: the one the caller knows (the model the plan leads to, whose resource
 * at the address is the value written), else computed from its canonical text.
 */
function hashesFrom(known: KnownHashes | undefined): HashOf {
  return (change, after) => known?.get(change.address)?.hash ?? sha256(after);
}
