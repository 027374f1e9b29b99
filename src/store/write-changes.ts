import { debug } from '../cli/debug.js';
import { sha256 } from '../model/canonical-json.js';
import { byAddress, isSortedByAddress } from '../plan/make-plan.js';
import type { ResourceChange } from '../plan/plan.js';
import { canonicalText } from '../model/canonical-text.js';
import type { ResourceValue } from '../model/model.js';
import type { CopyRow, Queryable } from './database.js';
import {
  insertRevisions,
  nextRevisions,
  revisionFields,
  type RevisionSlot,
} from './record-revision.js';
import { rowKeyOf } from './resource-row.js';
import { RevisionHasher, type RevisionHashFields } from './revision-hash.js';
import type {
  ApplyRevisionsOptions,
  KnownHashes,
  RevisionDigests,
  RevisionDraft,
  RevisionInput,
  RevisionRecord,
} from './state-store.js';
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
const RESOURCE_COLUMNS = ['scope', 'kind', 'name', 'tenant', 'value', 'hash', 'vouched'];
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
/** COPY's text for `true`: the rows ccac writes are vouched for (migration 003). */
const VOUCHED = 't';

const INSERT_FROM_STAGE = `insert into resources (scope, kind, name, tenant, value, hash, vouched)
  select s.scope, s.kind, s.name, s.tenant, s.after, s.hash, true
    from ${STAGE} s`;
const UPSERT = `on conflict (scope, kind, name) do update
  set tenant = excluded.tenant, value = excluded.value, hash = excluded.hash, vouched = true`;

/**
 * The writes of one transaction. Created rows are COPied straight into `resources`, vouched for
 * (`vouched`, which any write by other SQL clears: migration 003); change records are COPied
 * into `changes`. The rest — deletes, updates, and creates over rows that appeared since the
 * plan — go through a temporary staging table, one COPY, then a set-based statement each.
 */
export class ChangeWriter {
  private staged = false;
  /** Each written value's canonical text, made once: it goes to a row and to a change record. */
  private readonly texts = new Map<ResourceValue, string>();

  constructor(private readonly tx: Queryable) {}

  private textOf(value: ResourceValue | null): string | null {
    if (value === null) return null;
    let text = this.texts.get(value);
    if (text === undefined) this.texts.set(value, (text = canonicalText(value)));
    return text;
  }

  async writeChanges(changes: readonly ResourceChange[], known?: KnownHashes): Promise<void> {
    await this.writeResources(changes, hashesFrom(known));
  }

  async recordRevision(input: RevisionInput): Promise<RevisionRecord> {
    const slot = (await nextRevisions(this.tx, [input])).get(input.scope)!;
    return (await this.recordRevisions([pendingRevision(input, slot)], input))[0]!;
  }

  /**
   * Each scope's changes written and its revision recorded: one COPY of all resource rows, one of
   * all change records (each scope's revision hashed as its records go), then the revisions,
   * sealed with the apply's digests. One stream each keeps the database busy while the rows are
   * made.
   */
  async applyRevisions(
    drafts: readonly RevisionDraft[],
    known: KnownHashes,
    { digests, onProgress = () => undefined }: ApplyRevisionsOptions,
  ): Promise<RevisionRecord[]> {
    const slots = await nextRevisions(this.tx, drafts);
    const pending = drafts.map((draft) => pendingRevision(draft, slots.get(draft.scope)!));
    const changes = pending.flatMap((revision) => revision.changes);
    const sent = new SentRows(changes.length, onProgress);
    await this.writeResources(changes, hashesFrom(known), sent);
    debug('resource rows written');
    const records = await this.recordRevisions(pending, digests, sent);
    debug('change records and revisions written');
    return records;
  }

  /**
   * The revisions' change records COPied (each revision hashed as they go), then the revisions,
   * once their digests are known.
   */
  private async recordRevisions(
    pending: readonly PendingRevision[],
    digests: ApplyRevisionsOptions['digests'],
    sent?: SentRows,
  ): Promise<RevisionRecord[]> {
    const made = typeof digests === 'function' ? digests() : digests;
    if (pending.some((revision) => revision.changes.length > 0))
      await this.tx.copyFrom('changes', CHANGE_COLUMNS, this.changeRows(pending, sent));
    const { configDigest, planDigest } = await made;
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
    changes: readonly ResourceChange[],
    hashOf: HashOf,
    sent?: SentRows,
  ): Promise<void> {
    const creates = changes.filter((change) => change.action === 'create');
    const others = changes.filter((change) => change.action !== 'create');
    if (others.length > 0) {
      await this.stage(others, hashOf, { sent });
      if (others.some((change) => change.action === 'delete'))
        await this.tx.query(
          `delete from resources r using ${STAGE} s
            where s.action = 'delete' and r.scope = s.scope and r.kind = s.kind and r.name = s.name`,
        );
    }
    const copied = creates.length === 0 || (await this.copyCreates(creates, hashOf, sent));
    if (!copied) await this.stage(creates, hashOf, { append: others.length > 0, sent });
    if (!copied || others.some((change) => change.action === 'update'))
      await this.tx.query(`${INSERT_FROM_STAGE} where s.action <> 'delete' ${UPSERT}`);
  }

  /**
   * Creates COPied into `resources`, the fast path. False when a created row exists already
   * (made outside ccac after the plan read the store): the caller then writes creates as
   * upserts, so the apply still leaves what it planned.
   */
  private async copyCreates(
    creates: readonly ResourceChange[],
    hashOf: HashOf,
    sent?: SentRows,
  ): Promise<boolean> {
    await this.tx.query('savepoint ccac_creates');
    try {
      await this.tx.copyFrom(
        'resources',
        RESOURCE_COLUMNS,
        this.resourceRows(creates, hashOf, sent),
      );
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
      await this.tx.query('rollback to savepoint ccac_creates');
      return false;
    }
    await this.tx.query('release savepoint ccac_creates');
    return true;
  }

  private *resourceRows(
    creates: readonly ResourceChange[],
    hashOf: HashOf,
    sent?: SentRows,
  ): Generator<CopyRow> {
    for (const change of creates) {
      const { scope, tenant } = rowKeyOf(change);
      const after = this.textOf(change.after);
      if (after === null) throw new Error(`create of ${change.address} has no after value`);
      sent?.add();
      yield [scope, change.kind, change.name, tenant, after, hashOf(change, after), VOUCHED];
    }
  }

  /** Replaces (or adds to) the staging table's rows; the table lives until the transaction ends. */
  private async stage(
    changes: readonly ResourceChange[],
    hashOf: HashOf,
    { append = false, sent }: { append?: boolean; sent?: SentRows | undefined } = {},
  ): Promise<void> {
    if (!this.staged) {
      await this.tx.query(
        `create temp table ${STAGE} (scope text not null, kind text not null, name text not null,
           tenant text, address text not null, action text not null, before jsonb, after jsonb,
           hash text) on commit drop`,
      );
      this.staged = true;
    } else if (!append) await this.tx.query(`truncate ${STAGE}`);
    await this.tx.copyFrom(STAGE, STAGE_COLUMNS, this.stageRows(changes, hashOf, sent));
  }

  private *stageRows(
    changes: readonly ResourceChange[],
    hashOf: HashOf,
    sent?: SentRows,
  ): Generator<CopyRow> {
    for (const change of changes) {
      sent?.add();
      const { scope, tenant } = rowKeyOf(change);
      const before = this.textOf(change.before);
      const after = this.textOf(change.after);
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

  private *changeRows(pending: readonly PendingRevision[], sent?: SentRows): Generator<CopyRow> {
    for (const { fields, hasher, changes } of pending) {
      const revision = String(fields.revision);
      for (const change of changes) {
        const before = this.textOf(change.before);
        const after = this.textOf(change.after);
        const { address, kind, name, action } = change;
        hasher.add(change, before, after);
        sent?.add();
        yield [fields.scope, revision, address, kind, name, action, before, after];
      }
    }
  }
}

/**
 * A revision whose number is taken, its changes (in address order) about to be recorded; its
 * digests come last.
 */
interface PendingRevision {
  fields: Omit<RevisionHashFields, keyof RevisionDigests>;
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
 * Rows handed to the database, told as changes written: each change is a resource row and a
 * change record, so two rows make one. Told every REPORT_ROWS rows, not to slow the writes.
 */
class SentRows {
  private rows = 0;

  constructor(
    private readonly changes: number,
    private readonly onProgress: (written: number) => void,
  ) {}

  add(): void {
    if (++this.rows % REPORT_ROWS === 0 || this.rows === 2 * this.changes)
      this.onProgress(Math.min(this.changes, Math.floor(this.rows / 2)));
  }
}

const REPORT_ROWS = 5_000;

type HashOf = (change: ResourceChange, after: string) => string;

/** A written value's hash: the one the caller knows, else computed from its canonical text. */
function hashesFrom(known: KnownHashes | undefined): HashOf {
  return (change, after) => known?.get(change.address)?.hash ?? sha256(after);
}
