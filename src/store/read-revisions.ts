import type { PlanSummary } from '../model/plan.js';
import { eachIntTextsRow, type CopyText } from './copy-binary.js';
import { sqlLiteral } from './sql-literal.js';
import type { Queryable } from './database.js';
import { CREATED_AT_SQL } from './record-revision.js';
import type { AcceptedDrift, RevisionRecord, StoredChange } from '../model/revision.js';

interface RevisionRow {
  id: number;
  scope: string;
  revision: number;
  actor: string;
  actor_role: string;
  created_at: string;
  config_digest: string;
  git_commit: string | null;
  plan_digest: string;
  counts: PlanSummary;
  prev_hash: string | null;
  hash: string;
}

/** Revisions of some scopes (all scopes when `scopes` is undefined), by scope then revision. */
export async function readRevisions(
  q: Queryable,
  scopes?: readonly string[],
): Promise<RevisionRecord[]> {
  const rows = await q.query<RevisionRow>(
    `select id, scope, revision, actor, actor_role, ${CREATED_AT_SQL} as created_at, config_digest,
            git_commit, plan_digest, counts, prev_hash, hash
       from revisions
      where $1::text[] is null or scope = any($1::text[])
      order by scope collate "C", revision`,
    [scopes ? [...scopes] : null],
  );
  const adopted = await readAcceptedDrift(q, scopes);
  return rows.map((row) => ({
    ...withAccepted(adopted.get(revisionKey(row.scope, row.revision))),
    id: Number(row.id),
    scope: row.scope,
    revision: row.revision,
    actor: row.actor,
    actorRole: row.actor_role,
    createdAt: row.created_at,
    configDigest: row.config_digest,
    gitCommit: row.git_commit,
    planDigest: row.plan_digest,
    counts: row.counts,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

/** The drift each revision of some scopes (all when undefined) adopted, by `scope revision`. */
async function readAcceptedDrift(
  q: Queryable,
  scopes?: readonly string[],
): Promise<Map<string, AcceptedDrift[]>> {
  const rows = await q.query<AcceptedDrift & { scope: string; revision: number }>(
    `select scope, revision, address, kind, name, value
       from accepted_drift
      where $1::text[] is null or scope = any($1::text[])
      order by scope, revision, address collate "C"`,
    [scopes ? [...scopes] : null],
  );
  const out = new Map<string, AcceptedDrift[]>();
  for (const { scope, revision, ...drift } of rows) {
    const key = revisionKey(scope, revision);
    const list = out.get(key);
    if (list) list.push(drift);
    else out.set(key, [drift]);
  }
  return out;
}

const revisionKey = (scope: string, revision: number) => `${scope}\u0000${revision}`;

/** The record's `acceptedDrift`, present only when there is some (as the hash has it). */
function withAccepted(drift: AcceptedDrift[] | undefined): { acceptedDrift?: AcceptedDrift[] } {
  return drift ? { acceptedDrift: drift } : {};
}

/**
 * The changes recorded with revisions of one scope in a range (inclusive), by revision then
 * address (readPackedChanges, unpacked).
 */
export async function readChanges(
  q: Queryable,
  scope: string,
  range: { from?: number; upTo?: number } = {},
): Promise<StoredChange[]> {
  return unpackChanges(scope, await readPackedChanges(q, scope, range));
}

/**
 * A revision's changes as JSON text: `[[address, kind, name, action, before, after], …]`; a
 * revision's may be split over several, one after the other (PACKED_CHARS).
 */
export interface PackedChanges {
  revision: number;
  changes: string;
}

/**
 * Where each revision's changes are joined into its text: by the database, in one aggregate; or
 * here, from a row per change that the database writes the change's text in, read as rows or as
 * the bytes of a COPY.
 */
export type JoinedBy = 'database' | 'reader' | 'copy';

/**
 * The changes recorded with revisions of one scope in a range (inclusive), a row of JSON text per
 * revision, by revision, each in address order (byte order). A field per change costs more than
 * the change itself once there are many (100,000 changes read field by field: PGlite ≈ 1.4 s of
 * CPU, pg ≈ 0.5 s; packed ≈ 0.65 s and ≈ 0.3 s), and text is what a thread is sent cheaply. A
 * revision's text is smaller than what the apply that wrote it held of it. Joined by the reader,
 * a PostgreSQL server spends a third of the aggregate's CPU (sorting and copying every value's
 * text once more: the 100k report's 101 scopes ≈ 1.0 → 0.5 s of its backend); an adapter that
 * packs rows (PGlite: Queryable.packsRows) is better off with the aggregate. Where the adapter
 * reads a COPY's bytes (Queryable.copyOut: a PostgreSQL server, PGlite on the caller's thread),
 * the rows are read that way: pg made an object and two strings of each row, whose making and
 * collecting cost this thread more than the rest of the read.
 */
export async function readPackedChanges(
  q: Queryable,
  scope: string,
  range: { from?: number; upTo?: number } = {},
  joinedBy: JoinedBy = q.copyOut ? 'copy' : q.packsRows ? 'database' : 'reader',
): Promise<PackedChanges[]> {
  const from = range.from ?? 1;
  const upTo = range.upTo ?? MAX_REVISION;
  if (joinedBy === 'database')
    return q.query<PackedChanges>(
      `select revision,
              json_agg(json_build_array(address, kind, name, action, before, after)
                       order by address collate "C")::text as changes
         from changes
        where scope = $1 and revision >= $2 and revision <= $3
        group by revision
        order by revision`,
      [scope, from, upTo],
    );
  if (joinedBy === 'copy' && q.copyOut)
    return joinedCopy(await q.copyOut(copySelect(scope, from, upTo)));
  const rows = await q.query<{ revision: number; change: string }>(
    changeRowsSql('scope = $1 and revision >= $2 and revision <= $3'),
    [scope, from, upTo],
  );
  return joinedByRevision(rows);
}

const MAX_REVISION = 2_147_483_647;

/** A row per change: its revision, and its text `address,kind,name,action,before,after`. */
const changeRowsSql = (where: string) => `select revision,
            concat_ws(',', to_json(address), to_json(kind), to_json(name), to_json(action),
                      coalesce(before::text, 'null'), coalesce(after::text, 'null')) as change
       from changes
      where ${where}
      order by revision, address collate "C"`;

/**
 * The rows of changeRowsSql of one scope in a range for Queryable.copyOut (which takes no
 * parameters), each change's fields as they are stored: the reader makes the change's text
 * (joinedCopy), which the database made in ≈ 40% more time (PGlite, 100k changes: ≈ 0.27 against
 * ≈ 0.37–0.5 s of the thread that runs it).
 */
const copySelect = (scope: string, from: number, upTo: number) =>
  `select revision, address, kind, name, action, before::text, after::text
     from changes
    where scope = ${sqlLiteral(scope)} and revision >= ${int(from)} and revision <= ${int(upTo)}
    order by revision, address collate "C"`;

/** copySelect's texts after the revision: four JSON strings' (address … action), two values. */
const COPY_TEXTS = 6;
const COPY_STRINGS = 4;

/**
 * A scope's change rows as read for its chain's verification: packed (readPackedChanges), or the
 * pieces of a binary COPY of them (where the adapter reads one: Queryable.copyOut), which are
 * packed where they are hashed (packedRows) — on the verification's thread, moved there without
 * a copy, so that this thread neither joins the texts nor copies them to it.
 */
export type ChangeRows = readonly PackedChanges[] | { copied: readonly Uint8Array[] };

/** Every change of a scope, as ChangeRows. */
export async function readChangeRows(q: Queryable, scope: string): Promise<ChangeRows> {
  if (!q.copyOut) return readPackedChanges(q, scope);
  return { copied: await q.copyOut(copySelect(scope, 1, MAX_REVISION)) };
}

/** ChangeRows packed. */
export function packedRows(rows: ChangeRows): readonly PackedChanges[] {
  return 'copied' in rows ? joinedCopy(rows.copied) : rows;
}

/** An integer for a statement's text (COPY takes no parameters). */
function int(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return n;
}

/**
 * The bytes of text at which a revision's changes are split into another PackedChanges (at a
 * change's end): V8 makes a string longer than ≈ 128 KiB (a revision of 1,000 changes is ≈ 300
 * KiB) in its large-object space, where making one, from UTF-8 or by a join, cost ≈ 30 times as
 * much as making it in pieces this long (100,000 changes' texts decoded: ≈ 500–700 ms against
 * ≈ 10–50 ms), and so does a thread's copy of it.
 */
export const PACKED_CHARS = 1 << 16;

/**
 * Each revision's change texts (`address,kind,name,action,before,after`) as JSON texts of arrays
 * (PACKED_CHARS each at most, but for a longer change), each made by one join: a flat string,
 * which JSON.parse reads twice as fast as one made by concatenation.
 */
function joinedByRevision(rows: readonly { revision: number; change: string }[]): PackedChanges[] {
  const out: PackedChanges[] = [];
  let pieces: string[] = [];
  let length = 0;
  rows.forEach(({ revision, change }, at) => {
    pieces.push(pieces.length === 0 ? '[[' : '],[', change);
    length += change.length + 3;
    const next = rows[at + 1];
    if (next?.revision === revision && length + next.change.length < PACKED_CHARS) return;
    pieces.push(']]');
    out.push({ revision, changes: pieces.join('') });
    pieces = [];
    length = 0;
  });
  return out;
}

const [OPEN, COMMA, CLOSE, QUOTE, BACKSLASH] = [0x5b, 0x2c, 0x5d, 0x22, 0x5c]; // [ , ] " \
const NULL = Buffer.from('null');

/**
 * joinedByRevision over the pieces of a binary COPY of copySelect's rows: each change's text
 * made of its fields' bytes, as changeRowsSql makes it, in a buffer used again for each text,
 * each text made a string once.
 */
function joinedCopy(pieces: readonly Uint8Array[]): PackedChanges[] {
  const out: PackedChanges[] = [];
  let text = Buffer.allocUnsafe(PACKED_CHARS);
  let length = 0;
  let revision: number | undefined;
  const close = () => {
    if (revision === undefined || length === 0) return;
    text[length++] = CLOSE;
    text[length++] = CLOSE;
    out.push({ revision, changes: text.toString('utf8', 0, length) });
    length = 0;
  };
  eachIntTextsRow(pieces, COPY_TEXTS, (number, fields) => {
    const parts = fields.map((field, at) => jsonPart(field, at < COPY_STRINGS));
    const size = parts.reduce((sum, part) => sum + partSize(part), COPY_TEXTS - 1);
    if (number !== revision || length + size + 5 > PACKED_CHARS) {
      close();
      revision = number;
    }
    // A change longer than a text: a text of its own, in a buffer as long.
    if (size + 4 > text.length) text = Buffer.allocUnsafe(size + 4);
    if (length === 0) {
      text[length++] = OPEN;
      text[length++] = OPEN;
    } else {
      text[length++] = CLOSE;
      text[length++] = COMMA;
      text[length++] = OPEN;
    }
    parts.forEach((part, at) => {
      if (at > 0) text[length++] = COMMA;
      length = writePart(text, length, part);
    });
  });
  close();
  return out;
}

/** A field's JSON text in a change's array: `bytes[start, end)`, within quotes when `quoted`. */
interface JsonPart extends CopyText {
  quoted: boolean;
}

/**
 * A text field as a JSON string (`string`: the change's address, kind, name or action, as
 * to_json makes it), or as the JSON text it holds (a value, null for none). A string is quoted
 * as it is unless it holds a character JSON escapes, which only a hostile name would.
 */
function jsonPart({ bytes, start, end }: CopyText, string: boolean): JsonPart {
  if (start < 0) return { bytes: NULL, start: 0, end: NULL.length, quoted: false };
  if (string && needsEscape(bytes, start, end)) {
    const escaped = Buffer.from(JSON.stringify(bytes.toString('utf8', start, end)));
    return { bytes: escaped, start: 0, end: escaped.length, quoted: false };
  }
  return { bytes, start, end, quoted: string };
}

const partSize = ({ start, end, quoted }: JsonPart) => end - start + (quoted ? 2 : 0);

function writePart(into: Buffer, at: number, { bytes, start, end, quoted }: JsonPart): number {
  if (quoted) into[at++] = QUOTE;
  at += bytes.copy(into, at, start, end);
  if (quoted) into[at++] = QUOTE;
  return at;
}

function needsEscape(bytes: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const byte = bytes[at]!;
    if (byte < 0x20 || byte === QUOTE || byte === BACKSLASH) return true;
  }
  return false;
}

/** readPackedChanges' rows of `scope` as changes, in the same order. */
export function unpackChanges(scope: string, packed: readonly PackedChanges[]): StoredChange[] {
  const out: StoredChange[] = [];
  for (const { revision, changes } of packed)
    for (const [address, kind, name, action, before, after] of JSON.parse(
      changes,
    ) as PackedChange[])
      out.push({ scope, revision, address, kind, name, action, before, after });
  return out;
}

/** A change as readPackedChanges packs it: address, kind, name, action, before, after. */
type PackedChange = [
  string,
  StoredChange['kind'],
  string,
  StoredChange['action'],
  StoredChange['before'],
  StoredChange['after'],
];
