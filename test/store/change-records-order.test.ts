import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResourceValue } from '../../src/model/model.js';
import type { ResourceChange } from '../../src/model/plan.js';
import type { CopyRow, Queryable } from '../../src/store/database.js';
import { RevisionHasher } from '../../src/store/revision-hash.js';
import { ChangeWriter } from '../../src/store/write-changes.js';

/**
 * A database that answers an apply's statements as PostgreSQL would (`created` of the changes
 * COPied, the others staged), noting how many changes had been hashed when the first statement
 * making change records was sent.
 */
function fakeDatabase(hashed: () => number, created = CHANGES) {
  const seen: { hashedWhenRecordsAsked?: number } = {};
  const tx: Queryable = {
    query: <Row>(sql: string, params: readonly unknown[] = []) => {
      const rows = (list: unknown[]) => Promise.resolve(list as Row[]);
      if (sql.includes('with wanted as')) {
        const scopes = params[0] as string[];
        return rows(
          scopes.map((scope, i) => ({
            scope,
            revision: 1,
            created_at: '2026-12-06T00:00:00.000Z',
            prev_hash: null,
            id: i + 1,
          })),
        );
      }
      if (sql.includes('select xmin::text')) return rows([{ xid: '42' }]);
      if (sql.includes('with recorded as'))
        // Sent from a promise's callback, as both adapters send their statements (in turn).
        return Promise.resolve().then(() => {
          seen.hashedWhenRecordsAsked ??= hashed();
          return [{ n: sql.includes('r.xmin') ? created : CHANGES - created }] as Row[];
        });
      return rows([]);
    },
    copyFrom: (_table: string, _columns: readonly string[], copied: Iterable<CopyRow>) => {
      for (const row of copied) void row;
      return Promise.resolve();
    },
  };
  return { tx, seen };
}

const CHANGES = 3;

function create(i: number): ResourceChange {
  const name = `Queue_${i}`;
  const address = `t/Queue/${name}`;
  return {
    action: 'create',
    address,
    tenant: 't',
    kind: 'Queue',
    name,
    before: null,
    after: JSON.parse(JSON.stringify({ spec: { i } })) as ResourceValue,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('ChangeWriter.applyRevisions', () => {
  const digests = { configDigest: 'c', planDigest: 'p' };
  const draftOf = (changes: ResourceChange[]) => ({
    scope: 't',
    actor: 'a',
    actorRole: 'full-admin',
    gitCommit: null,
    changes,
  });

  it('hashes created changes as their rows are made: their texts are not kept through the COPY', async () => {
    const add = vi.spyOn(RevisionHasher.prototype, 'add');
    const { tx, seen } = fakeDatabase(() => add.mock.calls.length);
    const changes = Array.from({ length: CHANGES }, (_, i) => create(i));
    const [record] = await new ChangeWriter(tx).applyRevisions([draftOf(changes)], new Map(), {
      digests,
    });
    expect(seen.hashedWhenRecordsAsked).toBe(CHANGES);
    expect(add).toHaveBeenCalledTimes(CHANGES);
    expect(record?.counts).toEqual({ create: CHANGES, update: 0, delete: 0 });
  });

  it('asks the database for the change records before it hashes the changes left, so that both proceed at once', async () => {
    const add = vi.spyOn(RevisionHasher.prototype, 'add');
    const { tx, seen } = fakeDatabase(() => add.mock.calls.length, CHANGES - 1);
    // The update is staged before the creates are COPied: out of the revision's order, it and
    // the changes after it are hashed once the records are asked for.
    const changes = Array.from({ length: CHANGES }, (_, i) => create(i));
    changes[1] = { ...changes[1]!, action: 'update', before: changes[1]!.after };
    const [record] = await new ChangeWriter(tx).applyRevisions([draftOf(changes)], new Map(), {
      digests,
    });
    expect(seen.hashedWhenRecordsAsked).toBe(1);
    expect(add).toHaveBeenCalledTimes(CHANGES);
    expect(record?.counts).toEqual({ create: CHANGES - 1, update: 1, delete: 0 });
  });
});
