import { describe, expect, it } from 'vitest';
import {
  packedRows,
  PACKED_CHARS,
  readChangeRows,
  readPackedChanges,
  unpackChanges,
  type JoinedBy,
} from '../../src/store/read-revisions.js';
import { sqlLiteral } from '../../src/store/sql-literal.js';
import { revisionHash } from '../../src/store/revision-hash.js';
import { storeTargets } from '../helpers/databases.js';
import { create, queues, remove, revisionOf, update, value } from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };

describe.each(storeTargets())('revisions on $dialect', (target) => {
  it('numbers revisions per scope without gaps and chains their hashes', async () => {
    const store = await target.open();
    const first = queues('acme', 2);
    const apply = (scope: string, changes = first, commit = true) =>
      store.withLockedScopes([scope], LOCK, async (tx) => {
        await tx.writeChanges(changes);
        return { commit, value: await tx.recordRevision(revisionOf(scope, changes)) };
      });

    const r1 = await apply('acme');
    const b1 = await apply('beta', queues('beta', 1));
    await apply('acme', first, false); // rolled back: must not leave a gap
    const r2 = await apply('acme', [update(first[0]!, value({ channelType: 'chat', v: 2 }))]);
    const r3 = await apply('acme', [create('acme', 'Team', 't', value({}))]);

    expect([r1.revision, r2.revision, r3.revision, b1.revision]).toEqual([1, 2, 3, 1]);
    expect(r1.id).toBeLessThan(b1.id);
    expect(b1.id).toBeLessThan(r2.id);
    expect(r1.prevHash).toBeNull();
    expect(r2.prevHash).toBe(r1.hash);
    expect(r3.prevHash).toBe(r2.hash);
    expect(r1.counts).toEqual({ create: 2, update: 0, delete: 0 });
    expect(r1.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const state = await store.readState(['acme', 'beta']);
    expect(state.revisions).toEqual(
      new Map([
        ['acme', 3],
        ['beta', 1],
      ]),
    );

    // What `history verify` does: recompute each hash from the stored rows.
    const stored = await store.readRevisions(['acme']);
    expect(stored).toEqual([r1, r2, r3]);
    for (const revision of stored) {
      const changes = await store.readChanges('acme', {
        from: revision.revision,
        upTo: revision.revision,
      });
      const { hash, ...fields } = revision;
      expect(revisionHash(fields, changes)).toBe(hash);
    }
    expect(await store.readRevisions()).toHaveLength(4);
  });

  it('packs the same changes whether the database, the reader or a COPY joins them', async () => {
    const store = await target.open();
    const odd = value({
      text: 'a "quoted"\n\\ line',
      n: 1.5,
      big: 1e21,
      deep: { z: [null, true] },
    });
    const first = [
      ...queues('acme', 3),
      create('acme', 'Team', 'tëam "one"\u{1f600}', odd),
      create('acme', 'Team', 'Zed', value({}, { b: '2', a: '1' })),
    ];
    const later = [update(first[0]!, odd), remove(first[1]!)];
    for (const changes of [first, later])
      await store.withLockedScopes(['acme'], LOCK, async (tx) => {
        await tx.writeChanges(changes);
        return { commit: true, value: await tx.recordRevision(revisionOf('acme', changes)) };
      });
    const packed = async (joinedBy: JoinedBy) =>
      unpackChanges('acme', await readPackedChanges(store.db, 'acme', {}, joinedBy));
    const byDatabase = await packed('database');
    expect(byDatabase).toHaveLength(first.length + later.length);
    expect(await packed('reader')).toEqual(byDatabase);
    expect(await packed('copy')).toEqual(byDatabase);
    expect(unpackChanges('acme', packedRows(await readChangeRows(store.db, 'acme')))).toEqual(
      byDatabase,
    );
    expect(byDatabase.find((c) => c.name === 'tëam "one"\u{1f600}')?.after).toEqual(odd);
    expect(await store.readPackedChanges('acme')).toHaveLength(2);
  });

  it("splits a revision's text into pieces of PACKED_CHARS, a longer change alone", async () => {
    const store = await target.open();
    const long = (n: number) => value({ text: 'x'.repeat(n) });
    const changes = [
      ...queues("o'neil\\", 40),
      create("o'neil\\", 'Team', 'a-long', long(PACKED_CHARS / 3)),
      create("o'neil\\", 'Team', 'b-longer', long(PACKED_CHARS * 2)),
      create("o'neil\\", 'Team', 'c-long', long(PACKED_CHARS / 3)),
      create("o'neil\\", 'Team', 'd-long', long(PACKED_CHARS / 3)),
    ];
    await store.withLockedScopes(["o'neil\\"], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      return { commit: true, value: await tx.recordRevision(revisionOf("o'neil\\", changes)) };
    });
    const whole = await readPackedChanges(store.db, "o'neil\\", {}, 'database');
    expect(whole).toHaveLength(1);
    for (const joinedBy of ['reader', 'copy'] as const) {
      const split = await readPackedChanges(store.db, "o'neil\\", {}, joinedBy);
      expect(split.length).toBeGreaterThan(2);
      expect(split.every((text) => text.revision === 1)).toBe(true);
      const longer = split.filter((text) => text.changes.length > PACKED_CHARS);
      expect(longer.map((text) => JSON.parse(text.changes).length)).toEqual([1]);
      expect(unpackChanges('x', split)).toEqual(unpackChanges('x', whole));
    }
  });

  it('quotes a text for a statement that takes no parameters', async () => {
    const store = await target.open();
    for (const text of ["o'neil", 'back\\slash', "\\'", "''\\\\", 'tëam\u{1f600}', ''])
      expect(await store.db.query(`select ${sqlLiteral(text)} as text`)).toEqual([{ text }]);
  });

  it('detects an altered change through the hash', async () => {
    const store = await target.open();
    const changes = queues('acme', 2);
    await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      await tx.recordRevision(revisionOf('acme', changes));
      return { commit: true, value: undefined };
    });
    await store.db.query(
      `update changes set after = jsonb_set(after, '{spec,version}', '7') where scope = 'acme' and address = 'acme/Queue/q00001'`,
    );
    const [revision] = await store.readRevisions(['acme']);
    const { hash, ...fields } = revision!;
    expect(revisionHash(fields, await store.readChanges('acme'))).not.toBe(hash);
  });

  it('refuses a change that belongs to another scope', async () => {
    const store = await target.open();
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => ({
        commit: true,
        value: await tx.recordRevision(revisionOf('acme', queues('beta', 1))),
      })),
    ).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringContaining('belongs to scope beta'),
    });
  });

  // readChanges packs a revision's changes into one row of JSON text: what it parses must be what
  // each value's own column gives, or the hashes `history verify` recomputes would differ.
  it('reads changes packed as the values their columns hold', async () => {
    const store = await target.open();
    const odd = value({
      channelType: 'chat',
      '10': 'index-like key',
      '2': 'another',
      __proto__x: 'near __proto__',
      text: 'quote " backslash \\ tab \t newline \n nul-free \u0001 é ✓ 𝄞',
      numbers: [1.5, -0, 1e21, 2 ** 64, 0.1, 1e-7],
      nested: { b: [{ z: 1, a: null }], a: true },
    });
    const changes = [create('acme', 'Queue', 'b', odd), create('acme', 'Queue', 'A', value({}))];
    await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      await tx.recordRevision(revisionOf('acme', changes));
      return { commit: true, value: undefined };
    });
    await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      const again = [update(changes[0]!, value({ v: 2 }))];
      await tx.writeChanges(again);
      await tx.recordRevision(revisionOf('acme', again));
      return { commit: true, value: undefined };
    });
    const columns = await store.db.query(
      `select scope, revision, address, kind, name, action, before, after
         from changes order by revision, address collate "C"`,
    );
    const read = await store.readChanges('acme');
    expect(read).toEqual(columns);
    expect(read.map((change) => [change.revision, change.address])).toEqual([
      [1, 'acme/Queue/A'],
      [1, 'acme/Queue/b'],
      [2, 'acme/Queue/b'],
    ]);
    expect(await store.readChanges('acme', { from: 2, upTo: 2 })).toEqual(columns.slice(2));
    expect(await store.readChanges('acme', { from: 3 })).toEqual([]);
  });
});
