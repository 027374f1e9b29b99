import { sha256 } from '../model/canonical-json.js';
import type { ResourceChange } from '../plan/plan.js';
import { ChangeTexts } from './canonical-text.js';
import type { CopyRow, Queryable } from './database.js';
import { countsOf, insertRevisions, nextRevisions, revisionRecord } from './record-revision.js';
import { rowKeyOf } from './resource-row.js';
import { rowChecksum } from './row-checksum.js';
import type { KnownHashes, RevisionInput, RevisionRecord } from './state-store.js';
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
const UNIQUE_VIOLATION = '23505';

/** An apply's scopes are written in groups of about this many changes, reporting progress after each. */
const GROUP_CHANGES = 5_000;

const INSERT_FROM_STAGE = `insert into resources (scope, kind, name, tenant, value, hash, row_md5)
  select s.scope, s.kind, s.name, s.tenant, s.after, s.hash, ${rowChecksum('s', 's.after::text')}
    from ${STAGE} s`;
const UPSERT = `on conflict (scope, kind, name) do update
  set tenant = excluded.tenant, value = excluded.value, hash = excluded.hash, row_md5 = excluded.row_md5`;

/**
 * The writes of one transaction. Changes go into a temporary staging table with one COPY; the
 * resource rows (deletes, creates, updates: a statement each) and the change records are then
 * written from it, so every value is sent and parsed once however many rows hold it. The server
 * computes each written resource row's checksum (`row_md5`), so reads can tell ccac's rows from
 * rows edited by other SQL.
 */
export class ChangeWriter {
  /** Each change's values as text, shared by the resource rows, change records and revision hashes. */
  private readonly texts = new ChangeTexts();
  private staged = false;

  constructor(private readonly tx: Queryable) {}

  async writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void> {
    if (changes.length === 0) return;
    await this.stage(changes, hashesFrom(known));
    await this.writeResources(changes);
  }

  async recordRevision(input: RevisionInput): Promise<RevisionRecord> {
    const slot = (await nextRevisions(this.tx, [input])).get(input.scope)!;
    const record = revisionRecord(input, slot, this.texts);
    await insertRevisions(this.tx, [record]);
    if (input.changes.length > 0) {
      await this.stage(input.changes, () => null);
      await this.recordChanges([record]);
    }
    return record;
  }

  /**
   * Each scope's changes written and its revision recorded, scopes in groups of about
   * GROUP_CHANGES changes: `onProgress` hears the changes written so far after each group.
   * A group's revision hashes are computed while the database writes the group before it.
   */
  async applyRevisions(
    inputs: readonly RevisionInput[],
    known: KnownHashes,
    onProgress: (written: number) => void,
  ): Promise<RevisionRecord[]> {
    const slots = await nextRevisions(this.tx, inputs);
    const records: RevisionRecord[] = [];
    let pending: { writing: Promise<void>; written: number } | undefined;
    let written = 0;
    for (const group of groups(inputs)) {
      // Hashing this group overlaps the database writing the previous one. That write is settled
      // before anything else happens, even when hashing fails: a statement it still had to send
      // must never run after the caller's rollback.
      let revisions: RevisionRecord[] | undefined;
      let failure: unknown;
      try {
        revisions = group.map((input) =>
          revisionRecord(input, slots.get(input.scope)!, this.texts),
        );
      } catch (error) {
        failure = error;
      }
      if (pending) {
        await pending.writing;
        onProgress(pending.written);
      }
      if (!revisions) throw failure;
      written += group.reduce((sum, input) => sum + input.changes.length, 0);
      const writing = this.writeGroup(revisions, group, known);
      // Awaited on the next turn or after the loop; until then a failure must not go unhandled.
      writing.catch(() => undefined);
      pending = { writing, written };
      records.push(...revisions);
    }
    if (pending) {
      await pending.writing;
      onProgress(pending.written);
    }
    return records;
  }

  private async writeGroup(
    revisions: readonly RevisionRecord[],
    group: readonly RevisionInput[],
    known: KnownHashes,
  ): Promise<void> {
    await insertRevisions(this.tx, revisions);
    const changes = group.flatMap((input) => input.changes);
    if (changes.length === 0) return;
    await this.stage(changes, hashesFrom(known));
    await this.writeResources(changes);
    await this.recordChanges(revisions);
  }

  /** Replaces the staging table's rows with `changes`; it lives until the transaction ends. */
  private async stage(
    changes: readonly ResourceChange[],
    hashOf: (change: ResourceChange, after: string) => string | null,
  ): Promise<void> {
    if (this.staged) await this.tx.query(`truncate ${STAGE}`);
    else {
      await this.tx.query(
        `create temp table ${STAGE} (scope text not null, kind text not null, name text not null,
           tenant text, address text not null, action text not null, before jsonb, after jsonb,
           hash text) on commit drop`,
      );
      this.staged = true;
    }
    await this.tx.copyFrom(STAGE, STAGE_COLUMNS, this.stageRows(changes, hashOf));
  }

  private *stageRows(
    changes: readonly ResourceChange[],
    hashOf: (change: ResourceChange, after: string) => string | null,
  ): Generator<CopyRow> {
    for (const change of changes) {
      const { scope, tenant } = rowKeyOf(change);
      const { before, after } = this.texts.of(change);
      if (after === null && change.action !== 'delete')
        throw new Error(`${change.action} of ${change.address} has no after value`);
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

  /** The staged changes applied to `resources`. */
  private async writeResources(changes: readonly ResourceChange[]): Promise<void> {
    const counts = countsOf(changes);
    if (counts.delete > 0)
      await this.tx.query(
        `delete from resources r using ${STAGE} s
          where s.action = 'delete' and r.scope = s.scope and r.kind = s.kind and r.name = s.name`,
      );
    const createsInserted = counts.create === 0 || (await this.insertCreates());
    if (!createsInserted || counts.update > 0) {
      const upserted = createsInserted ? `s.action = 'update'` : `s.action <> 'delete'`;
      await this.tx.query(`${INSERT_FROM_STAGE} where ${upserted} ${UPSERT}`);
    }
  }

  /**
   * Creates as plain inserts, the fast path. False when a created row exists already (made
   * outside ccac after the plan read the store): the caller then writes creates as upserts too,
   * so the apply still leaves what it planned.
   */
  private async insertCreates(): Promise<boolean> {
    await this.tx.query('savepoint ccac_creates');
    try {
      await this.tx.query(`${INSERT_FROM_STAGE} where s.action = 'create'`);
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      await this.tx.query('rollback to savepoint ccac_creates');
      return false;
    }
    await this.tx.query('release savepoint ccac_creates');
    return true;
  }

  /** The staged changes recorded with their scope's revision. */
  private async recordChanges(revisions: readonly RevisionRecord[]): Promise<void> {
    await this.tx.query(
      `insert into changes (scope, revision, address, kind, name, action, before, after)
       select s.scope, r.revision, s.address, s.kind, s.name, s.action, s.before, s.after
         from ${STAGE} s
         join unnest($1::text[], $2::integer[]) as r(scope, revision) on r.scope = s.scope`,
      [revisions.map((r) => r.scope), revisions.map((r) => r.revision)],
    );
  }
}

/** Whole scopes, in order, gathered until a group holds GROUP_CHANGES changes. */
function* groups(inputs: readonly RevisionInput[]): Generator<RevisionInput[]> {
  let group: RevisionInput[] = [];
  let size = 0;
  for (const input of inputs) {
    group.push(input);
    size += input.changes.length;
    if (size >= GROUP_CHANGES) {
      yield group;
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) yield group;
}

/** A staged change's hash: the one the caller knows, else computed from its canonical text. */
function hashesFrom(known: KnownHashes | undefined) {
  return (change: ResourceChange, after: string) =>
    known?.get(change.address)?.hash ?? sha256(after);
}
