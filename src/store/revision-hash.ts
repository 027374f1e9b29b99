import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.js';
import type { ResourceValue } from '../model/model.js';
import { byAddress } from '../plan/make-plan.js';
import type { Action } from '../model/plan.js';
import { canonicalTextOrNull } from '../model/canonical-text.js';
import type { RevisionDigests } from '../model/revision.js';
import type { AcceptedDrift, RevisionRecord } from '../model/revision.js';
import { jsonString } from '../support/json-string.js';

/** The recorded fields of a revision that its hash covers: everything but the hash itself. */
export type RevisionHashFields = Omit<RevisionRecord, 'hash'>;

/** A revision's fields before its apply's digests are known (they seal it: RevisionHasher). */
export type UnsealedRevisionFields = Omit<RevisionHashFields, keyof RevisionDigests>;

/** A change as recorded with a revision. */
export interface RevisionHashChange {
  address: string;
  kind: string;
  name: string;
  action: Action;
  before: ResourceValue | null;
  after: ResourceValue | null;
}

/**
 * sha256 over canonical JSON of a revision's fields and its changes (sorted by address), so
 * `history verify` can recompute it from stored rows: any altered field, change or link differs.
 */
export function revisionHash(
  fields: RevisionHashFields,
  changes: readonly RevisionHashChange[],
): string {
  const hasher = new RevisionHasher(fields);
  for (const change of [...changes].sort(byAddress))
    hasher.add(change, canonicalTextOrNull(change.before), canonicalTextOrNull(change.after));
  return hasher.digest(fields);
}

/**
 * revisionHash fed one change at a time, in address order, so an apply hashes each change as it
 * writes it. The canonical JSON of `{ format: 1, …fields, changes }` goes to the hash piece by
 * piece — the fields sorting before `changes` (the adopted drift, when there is any, and the
 * actor), each change, the fields after — never built as one string. The fields after the
 * changes (the digests among them) are needed only at the end.
 */
export class RevisionHasher {
  private readonly hash = createHash('sha256');
  private text: string;
  private count = 0;
  private lastAddress = '';

  constructor({
    actor,
    actorRole,
    acceptedDrift = [],
  }: Pick<RevisionHashFields, 'actor' | 'actorRole' | 'acceptedDrift'>) {
    // Adopted drift sorts before the actor; a revision without any hashes as every older one did.
    const head =
      acceptedDrift.length > 0
        ? { acceptedDrift: [...acceptedDrift].sort(byAddress).map(acceptedJson), actor, actorRole }
        : { actor, actorRole };
    this.text = `${canonicalJson(head).slice(0, -1)},"changes":[`;
  }

  add(change: ChangeIdentity, before: string | null, after: string | null): void {
    if (this.count > 0 && !(this.lastAddress < change.address))
      throw new Error(`revision changes out of address order at ${change.address}`);
    this.lastAddress = change.address;
    this.text += `${this.count++ > 0 ? ',' : ''}${changeJson(change, before, after)}`;
    if (this.text.length >= HASHED_CHARS) {
      this.hash.update(this.text);
      this.text = '';
    }
  }

  /** `fields`: the revision's, as at the start (the hash covers actor and actorRole there). */
  digest(fields: RevisionHashFields): string {
    const { scope, revision, id, createdAt, configDigest, gitCommit } = fields;
    const { planDigest, counts, prevHash } = fields;
    const after = canonicalJson({
      format: 1,
      scope,
      revision,
      id,
      createdAt,
      configDigest,
      gitCommit,
      planDigest,
      counts: { create: counts.create, update: counts.update, delete: counts.delete },
      prevHash,
    });
    this.hash.update(`${this.text}],${after.slice(1)}`);
    return this.hash.digest('hex');
  }
}

/** What a revision's hash covers of a drifted row it adopted. */
function acceptedJson({ address, kind, name, value }: AcceptedDrift): AcceptedDrift {
  return { address, kind, name, value };
}

/** Text gathered before each update of the hash: fewer, larger updates. */
const HASHED_CHARS = 1 << 16;

/** What a recorded change is besides its values. */
type ChangeIdentity = Omit<RevisionHashChange, 'before' | 'after'>;

/** A change's canonical JSON: keys in sorted order (action, address, after, before, kind, name). */
function changeJson(change: ChangeIdentity, before: string | null, after: string | null): string {
  const { action, address, kind, name } = change;
  return `{"action":${jsonString(action)},"address":${jsonString(address)},"after":${after ?? 'null'},"before":${before ?? 'null'},"kind":${jsonString(kind)},"name":${jsonString(name)}}`;
}
