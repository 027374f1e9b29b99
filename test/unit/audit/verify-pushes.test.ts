import { describe, expect, test } from 'vitest';
import { verifyPushChain } from '../../../src/audit/verify-pushes.js';
import { pushHash, type PushRecord } from '../../../src/store/push-record.js';
import type { RevisionRecord } from '../../../src/model/revision.js';

const revisions = [
  { revision: 1, hash: 'r1' },
  { revision: 2, hash: 'r2' },
] as RevisionRecord[];

/** A chain of sealed push records of revisions 1 and 2, as the store writes them. */
function chain(): PushRecord[] {
  const out: PushRecord[] = [];
  for (const [i, revision] of [1, 2].entries()) {
    const fields = {
      scope: 'acme',
      push: i + 1,
      actor: 'ann@acme.example',
      actorRole: 'full-admin',
      revision,
      revisionHash: `r${revision}`,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      result: 'converged' as const,
      calls: { ok: 3, clientError: 0, rateLimited: 0, serverError: 0, networkError: 0 },
      resources: { created: 2 },
      prevHash: out.at(-1)?.hash ?? null,
    };
    out.push({ ...fields, hash: pushHash(fields) });
  }
  return out;
}

describe('verifyPushChain', () => {
  test('a chain as the store writes it holds', () => {
    expect(verifyPushChain({ pushes: chain(), counter: 2, revisions })).toBeNull();
  });

  test('an altered field, a removed or uncounted push, a broken link, another revision: each found', () => {
    const altered = chain();
    altered[0] = { ...altered[0]!, result: 'failed' };
    expect(verifyPushChain({ pushes: altered, counter: 2, revisions })).toEqual({
      kind: 'push-altered',
      push: 1,
    });
    expect(verifyPushChain({ pushes: chain().slice(1), counter: 2, revisions })).toEqual({
      kind: 'push-missing',
      push: 1,
    });
    expect(verifyPushChain({ pushes: chain().slice(0, 1), counter: 2, revisions })).toEqual({
      kind: 'push-missing',
      push: 2,
    });
    const relinked = chain();
    const { hash: _, ...second } = { ...relinked[1]!, prevHash: 'other' };
    relinked[1] = { ...second, hash: pushHash(second) };
    expect(verifyPushChain({ pushes: relinked, counter: 2, revisions })).toEqual({
      kind: 'push-unlinked',
      push: 2,
    });
    const rewritten = [
      { revision: 1, hash: 'r1' },
      { revision: 2, hash: 'r2-rewritten' },
    ];
    expect(
      verifyPushChain({ pushes: chain(), counter: 2, revisions: rewritten as RevisionRecord[] }),
    ).toEqual({ kind: 'push-revision', push: 2, revision: 2 });
  });
});
