import { debug } from '../cli/debug.js';
import { sha256 } from '../model/canonical-json.js';
import type { ResourceChange } from '../plan/plan.js';
import { canonicalText, ChangeTexts } from './canonical-text.js';
import type { CopyRow, Queryable } from './database.js';
import { jsonbText, NotJsonData, rowMd5 } from './jsonb-text.js';
import { insertRevisions, nextRevisions, revisionRecord } from './record-revision.js';
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
const RESOURCE_COLUMNS = ['scope', 'kind', 'name', 'tenant', 'value', 'hash', 'row_md5'];
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

/** An apply's scopes are written in groups of about this many changes, reporting progress after each. */
const GROUP_CHANGES = 5_000;

const INSERT_FROM_STAGE = `insert into resources (scope, kind, name, tenant, value, hash, row_md5)
  select s.scope, s.kind, s.name, s.tenant, s.after, s.hash, ${rowChecksum('s', 's.after::text')}
    from ${STAGE} s`;
const UPSERT = `on conflict (scope, kind, name) do update
  set tenant = excluded.tenant, value = excluded.value, hash = excluded.hash, row_md5 = excluded.row_md5`;

/**
 * The writes of one transaction. Created rows are COPied straight into `resources`, each with
 * its checksum (`row_md5`, computed here as rowChecksum's SQL would: jsonbText), so reads can
 * tell ccac's rows from rows edited by other SQL; change records are COPied into `changes`. The
 * rest — deletes, updates, and creates over rows that appeared since the plan — go through a
 * temporary staging table, one COPY, then a set-based statement each, the server checksumming.
 */
export class ChangeWriter {
  /** Each change's values as text, shared by the resource rows, change records and revision hashes. */
  private readonly texts = new ChangeTexts();
  private staged = false;

  constructor(private readonly tx: Queryable) {}

  async writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void> {
    await this.writeResources(changes, hashesFrom(known));
  }

  async recordRevision(input: RevisionInput): Promise<RevisionRecord> {
    const slot = (await nextRevisions(this.tx, [input])).get(input.scope)!;
    const record = revisionRecord(input, slot, this.texts);
    await insertRevisions(this.tx, [record]);
    await this.recordChanges(input.changes, [record]);
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
        debug(`${pending.written} changes written`);
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
    await this.writeResources(changes, hashesFrom(known));
    await this.recordChanges(changes, revisions);
  }

  /**
   * The changes applied to `resources`: deletes and updates from the staging table, creates
   * COPied in — or, when a created row exists already, staged and upserted with the updates.
   */
  private async writeResources(changes: readonly ResourceChange[], hashOf: HashOf): Promise<void> {
    const creates = changes.filter((change) => change.action === 'create');
    const others = changes.filter((change) => change.action !== 'create');
    if (others.length > 0) {
      await this.stage(others, hashOf);
      if (others.some((change) => change.action === 'delete'))
        await this.tx.query(
          `delete from resources r using ${STAGE} s
            where s.action = 'delete' and r.scope = s.scope and r.kind = s.kind and r.name = s.name`,
        );
    }
    const copied = creates.length === 0 || (await this.copyCreates(creates, hashOf));
    if (!copied) await this.stage(creates, hashOf, { append: others.length > 0 });
    if (!copied || others.some((change) => change.action === 'update'))
      await this.tx.query(`${INSERT_FROM_STAGE} where s.action <> 'delete' ${UPSERT}`);
  }

  /**
   * Creates COPied into `resources`, the fast path. False when a created row exists already
   * (made outside ccac after the plan read the store): the caller then writes creates as
   * upserts, so the apply still leaves what it planned.
   */
  private async copyCreates(creates: readonly ResourceChange[], hashOf: HashOf): Promise<boolean> {
    await this.tx.query('savepoint ccac_creates');
    try {
      await this.tx.copyFrom('resources', RESOURCE_COLUMNS, this.resourceRows(creates, hashOf));
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      await this.tx.query('rollback to savepoint ccac_creates');
      return false;
    }
    await this.tx.query('release savepoint ccac_creates');
    return true;
  }

  private *resourceRows(creates: readonly ResourceChange[], hashOf: HashOf): Generator<CopyRow> {
    for (const change of creates) {
      const { scope, tenant } = rowKeyOf(change);
      const { after } = this.texts.of(change);
      if (after === null) throw new Error(`create of ${change.address} has no after value`);
      const hash = hashOf(change, after);
      const row = { scope, kind: change.kind, name: change.name, tenant, hash };
      yield [scope, change.kind, change.name, tenant, after, hash, rowMd5(row, valueText(change))];
    }
  }

  /** Replaces (or adds to) the staging table's rows; the table lives until the transaction ends. */
  private async stage(
    changes: readonly ResourceChange[],
    hashOf: HashOf,
    { append = false } = {},
  ): Promise<void> {
    if (!this.staged) {
      await this.tx.query(
        `create temp table ${STAGE} (scope text not null, kind text not null, name text not null,
           tenant text, address text not null, action text not null, before jsonb, after jsonb,
           hash text) on commit drop`,
      );
      this.staged = true;
    } else if (!append) await this.tx.query(`truncate ${STAGE}`);
    await this.tx.copyFrom(STAGE, STAGE_COLUMNS, this.stageRows(changes, hashOf));
  }

  private *stageRows(changes: readonly ResourceChange[], hashOf: HashOf): Generator<CopyRow> {
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

  /** The changes recorded with their scope's revision, COPied into `changes`. */
  private async recordChanges(
    changes: readonly ResourceChange[],
    revisions: readonly RevisionRecord[],
  ): Promise<void> {
    if (changes.length === 0) return;
    const revisionOf = new Map(revisions.map((r) => [r.scope, String(r.revision)]));
    await this.tx.copyFrom('changes', CHANGE_COLUMNS, this.changeRows(changes, revisionOf));
  }

  private *changeRows(
    changes: readonly ResourceChange[],
    revisionOf: ReadonlyMap<string, string>,
  ): Generator<CopyRow> {
    for (const change of changes) {
      const { scope } = rowKeyOf(change);
      const revision = revisionOf.get(scope);
      if (revision === undefined) throw new Error(`no revision recorded for scope ${scope}`);
      const { before, after } = this.texts.of(change);
      const { address, kind, name, action } = change;
      yield [scope, revision, address, kind, name, action, before, after];
    }
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

type HashOf = (change: ResourceChange, after: string) => string;

/** A written value's hash: the one the caller knows, else computed from its canonical text. */
function hashesFrom(known: KnownHashes | undefined): HashOf {
  return (change, after) => known?.get(change.address)?.hash ?? sha256(after);
}

/**
 * The value's text as jsonb prints it, for the row checksum. A value that is not plain JSON
 * data (never one ccac plans) is printed from the JSON text sent for it instead.
 */
function valueText(change: ResourceChange): string {
  try {
    return jsonbText(change.after);
  } catch (error) {
    if (!(error instanceof NotJsonData)) throw error;
    return jsonbText(JSON.parse(canonicalText(change.after)));
  }
}
