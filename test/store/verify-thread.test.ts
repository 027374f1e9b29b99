import { describe, expect, it } from 'vitest';
import type { ScopeAnswer, ScopeWork } from '../../src/audit/verify-scope.js';
import { verifyScope } from '../../src/audit/verify-scope.js';
import type { SqlStateStore } from '../../src/store/sql-state-store.js';
import { storeTargets } from '../helpers/databases.js';
import { create, queues, revisionOf, update, value } from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };

/** The built thread (dist/): its worker is the built verify-worker.js, as the CLI runs it. */
const BUILT = '../../dist/audit/verify-thread.js';
const thread = (await import(BUILT)) as {
  scopeVerifier(
    changes: number,
    min?: number,
  ): {
    verify(work: ScopeWork, again?: () => Promise<ScopeWork>): Promise<ScopeAnswer>;
    close(): Promise<void>;
  };
};

async function apply(
  store: SqlStateStore,
  scope: string,
  changes: Parameters<typeof revisionOf>[1],
) {
  await store.withLockedScopes([scope], LOCK, async (tx) => {
    await tx.writeChanges(changes);
    return { commit: true, value: await tx.recordRevision(revisionOf(scope, changes)) };
  });
}

async function workOf(store: SqlStateStore, scope: string): Promise<ScopeWork> {
  return {
    scope,
    revisions: await store.readRevisions([scope]),
    latest: (await store.scopeRevisions([scope])).get(scope) ?? 0,
    anchors: [],
    packed: await store.readPackedChanges(scope),
    overview: { limit: 2, firstOf: [1] },
  };
}

describe.each(storeTargets())('the verification thread on $dialect', (target) => {
  it('finds on its own thread what is found here: intact chains, an altered change row', async () => {
    const store = await target.open();
    const first = queues('acme', 3);
    await apply(store, 'acme', [...first, create('acme', 'Team', 't', value({ n: 1 }))]);
    await apply(store, 'acme', [update(first[0]!, value({ channelType: 'chat', v: 2 }))]);
    await apply(store, 'beta', queues('beta', 2));
    await store.db.query(
      `update changes set after = jsonb_set(after, '{spec,version}', '7')
        where scope = 'beta' and address = 'beta/Queue/q00001'`,
    );
    const works = [await workOf(store, 'acme'), await workOf(store, 'beta')];
    const verifier = thread.scopeVerifier(0, 0);
    expect(verifier.constructor.name).toBe('ThreadVerifier');
    try {
      const answers = await Promise.all(works.map((work) => verifier.verify(work)));
      expect(answers).toEqual(works.map(verifyScope));
      expect(answers.map(({ result }) => result.problem)).toEqual([
        null,
        { kind: 'altered', revision: 1, id: expect.any(Number) },
      ]);
      // The overview of acme's revisions: counts of each, first changes of revision 1 only.
      expect(answers[0]!.overviews).toEqual([
        {
          revision: 1,
          kinds: [
            { kind: 'Team', create: 1, update: 0, delete: 0 },
            { kind: 'Queue', create: 3, update: 0, delete: 0 },
          ],
          first: [
            expect.objectContaining({ address: 'acme/Queue/q00000' }),
            expect.objectContaining({ address: 'acme/Team/t' }),
          ],
        },
        { revision: 2, kinds: [{ kind: 'Queue', create: 0, update: 1, delete: 0 }] },
      ]);
    } finally {
      await verifier.close();
    }
  });

  it('moves the rows of a COPY to the thread, and reads them again if it fails', async () => {
    const store = await target.open();
    if (!store.db.copyOut) return; // an adapter without COPY packs its rows in the database
    await apply(store, 'acme', queues('acme', 3));
    await apply(store, 'beta', queues('beta', 2));
    const expected = [
      verifyScope(await workOf(store, 'acme')),
      verifyScope(await workOf(store, 'beta')),
    ];
    const copied = async (scope: string): Promise<ScopeWork> => ({
      ...(await workOf(store, scope)),
      packed: await store.readChangeRows(scope),
    });
    const works = [await copied('acme'), await copied('beta')];
    expect(works.every((work) => 'copied' in work.packed)).toBe(true);
    const verifier = thread.scopeVerifier(0, 0);
    try {
      const answers = await Promise.all(
        works.map((work) => verifier.verify(work, () => copied(work.scope))),
      );
      expect(answers).toEqual(expected);
      // Moved, not copied: the pieces here are emptied.
      const pieces = works.flatMap((work) => ('copied' in work.packed ? work.packed.copied : []));
      expect(pieces.map((piece) => piece.byteLength)).toEqual(pieces.map(() => 0));
    } finally {
      await verifier.close();
    }
    const failing = thread.scopeVerifier(0, 0) as ReturnType<typeof thread.scopeVerifier> & {
      worker: { terminate(): Promise<number> };
    };
    let reads = 0;
    const answer = failing.verify(await copied('acme'), () => (reads++, copied('acme')));
    await failing.worker.terminate();
    expect(await answer).toEqual(expected[0]);
    expect(reads).toBe(1);
    await failing.close();
  });
});
