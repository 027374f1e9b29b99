import { describe, expect, test } from 'vitest';
import { parseAnchor, parseAnchorFile } from '../../../src/audit/anchors.js';
import { verifyScopeChain } from '../../../src/audit/verify-chain.js';
import { describeProblem } from '../../../src/model/scope-verification.js';
import type { StoredChange } from '../../../src/model/revision.js';
import { revisionHash } from '../../../src/store/revision-hash.js';
import type { RevisionRecord } from '../../../src/model/revision.js';

function change(revision: number, name: string): StoredChange {
  return {
    scope: 'acme',
    revision,
    address: `acme/Queue/${name}`,
    kind: 'Queue',
    name,
    action: 'create',
    before: null,
    after: { spec: { channelType: 'telephony', revision } } as never,
  };
}

/** A correct chain of `n` revisions of acme, ids 10, 12, 14, …, two changes each. */
function chain(n: number): { revisions: RevisionRecord[]; changes: StoredChange[] } {
  const revisions: RevisionRecord[] = [];
  const changes: StoredChange[] = [];
  for (let revision = 1; revision <= n; revision++) {
    const own = [change(revision, `q${revision}a`), change(revision, `q${revision}b`)];
    const fields = {
      id: 8 + 2 * revision,
      scope: 'acme',
      revision,
      actor: 'ann@acme.example',
      actorRole: 'full-admin',
      createdAt: `2025-03-0${revision}T10:00:00.000Z`,
      configDigest: 'c'.repeat(64),
      gitCommit: null,
      planDigest: `sha256:${String(revision).repeat(64).slice(0, 64)}`,
      counts: { create: 2, update: 0, delete: 0 },
      prevHash: revisions.at(-1)?.hash ?? null,
    };
    revisions.push({ ...fields, hash: revisionHash(fields, own) });
    changes.push(...own);
  }
  return { revisions, changes };
}

const verify = (revisions: RevisionRecord[], changes: StoredChange[], latest = 5) =>
  verifyScopeChain({ scope: 'acme', revisions, changes, latest });

describe('verifyScopeChain', () => {
  test('an intact chain has no problem, whatever order the rows come in', () => {
    const { revisions, changes } = chain(5);
    const result = verify([...revisions].reverse(), [...changes].reverse());
    expect(result).toEqual({ scope: 'acme', revisions: 5, anchors: 0, problem: null });
  });

  test('a scope without revisions is intact', () => {
    expect(verify([], [], 0).problem).toBeNull();
  });

  test('an altered field of a revision names that revision and its id', () => {
    const { revisions, changes } = chain(5);
    revisions[3] = { ...revisions[3]!, actor: 'mallory@acme.example' };
    expect(verify(revisions, changes).problem).toEqual({ kind: 'altered', revision: 4, id: 16 });
  });

  test('an altered change row names its revision', () => {
    const { revisions, changes } = chain(5);
    changes[4] = { ...changes[4]!, after: { spec: { channelType: 'chat' } } as never };
    expect(verify(revisions, changes).problem).toEqual({ kind: 'altered', revision: 3, id: 14 });
  });

  test('a removed change row names its revision', () => {
    const { revisions, changes } = chain(5);
    changes.splice(3, 1);
    expect(verify(revisions, changes).problem).toEqual({ kind: 'altered', revision: 2, id: 12 });
  });

  test('a missing revision in the middle, at the start and at the end', () => {
    const { revisions, changes } = chain(5);
    expect(
      verify(
        revisions.filter((r) => r.revision !== 3),
        changes,
      ).problem,
    ).toEqual({
      kind: 'missing',
      revision: 3,
    });
    expect(verify(revisions.slice(1), changes).problem).toEqual({ kind: 'missing', revision: 1 });
    // Only the scope's counter tells that the last revision was removed.
    expect(verify(revisions.slice(0, 4), changes).problem).toEqual({
      kind: 'missing',
      revision: 5,
    });
  });

  test('a revision past the counter is reported', () => {
    const { revisions, changes } = chain(5);
    expect(verify(revisions, changes, 4).problem).toEqual({
      kind: 'uncounted',
      revision: 5,
      latest: 4,
    });
  });

  test('a re-hashed revision is caught by the next one’s link', () => {
    const { revisions, changes } = chain(5);
    const forged = { ...revisions[3]!, actor: 'mallory@acme.example' };
    const own = changes.filter((c) => c.revision === 4);
    revisions[3] = { ...forged, hash: revisionHash(forged, own) };
    expect(verify(revisions, changes).problem).toEqual({ kind: 'unlinked', revision: 5 });
  });

  test('the first revision must not link anywhere', () => {
    const { revisions, changes } = chain(1);
    const fields = { ...revisions[0]!, prevHash: 'f'.repeat(64) };
    const forged = { ...fields, hash: revisionHash(fields, changes) };
    expect(verify([forged], changes, 1).problem).toEqual({ kind: 'unlinked', revision: 1 });
  });

  test('ids must increase along the chain', () => {
    const { revisions, changes } = chain(2);
    const fields = { ...revisions[1]!, id: 5 };
    const second = { ...fields, hash: revisionHash(fields, changes.slice(2)) };
    expect(verify([revisions[0]!, second], changes, 2).problem).toEqual({
      kind: 'id-order',
      revision: 2,
      id: 5,
      previousId: 10,
    });
  });

  test('only the first problem is reported', () => {
    const { revisions, changes } = chain(5);
    revisions[1] = { ...revisions[1]!, actor: 'x' };
    revisions[3] = { ...revisions[3]!, actor: 'y' };
    expect(verify(revisions, changes).problem).toMatchObject({ revision: 2 });
  });
});

describe('describeProblem', () => {
  test('says which revision and what is wrong, in words', () => {
    expect(describeProblem('acme', { kind: 'altered', revision: 4, id: 17 })).toBe(
      'acme: revision 4 (id 17) was altered: its hash does not match its content',
    );
    expect(describeProblem('acme', { kind: 'missing', revision: 3 })).toBe(
      'acme: revision 3 is missing',
    );
    expect(describeProblem('acme', { kind: 'unlinked', revision: 5 })).toBe(
      "acme: revision 5's prev_hash does not match revision 4",
    );
  });
});

describe('anchors', () => {
  const anchorOf = (record: RevisionRecord, source = '--expect') => ({
    scope: record.scope,
    revision: record.revision,
    hash: record.hash,
    source,
  });

  test('the chain must still hold each anchored revision with its hash', () => {
    const { revisions, changes } = chain(5);
    const anchors = [anchorOf(revisions[1]!), anchorOf(revisions[4]!)];
    expect(verifyScopeChain({ scope: 'acme', revisions, changes, latest: 5, anchors })).toEqual({
      scope: 'acme',
      revisions: 5,
      anchors: 2,
      problem: null,
    });
    // The last two cut off and the counter set back: whole as far as it goes, but short.
    const cut = verifyScopeChain({
      scope: 'acme',
      revisions: revisions.slice(0, 3),
      changes,
      latest: 3,
      anchors,
    });
    expect(cut.problem).toEqual({ kind: 'cut', revision: 5, last: 3, anchor: '--expect' });
    // The last one forged and re-hashed: no later revision links to it, its anchor does.
    const forged = { ...revisions[4]!, actor: 'mallory@acme.example' };
    const rehashed = { ...forged, hash: revisionHash(forged, changes.slice(8)) };
    const rewritten = verifyScopeChain({
      scope: 'acme',
      revisions: [...revisions.slice(0, 4), rehashed],
      changes,
      latest: 5,
      anchors,
    });
    expect(rewritten.problem).toEqual({ kind: 'rewritten', revision: 5, anchor: '--expect' });
    expect(describeProblem('acme', cut.problem!)).toBe(
      'acme: revision 5, anchored by --expect, is missing: the chain ends at revision 3, so its last revisions were removed',
    );
  });

  test('reads anchors as apply prints them, as --expect takes them, and from a file', () => {
    const hash = 'ab'.repeat(32);
    expect(parseAnchor(`acme@12 sha256:${hash}`, 'x')).toEqual({
      scope: 'acme',
      revision: 12,
      hash,
      source: 'x',
    });
    expect(parseAnchor(`acme@12:sha256:${hash}`, 'x')).toMatchObject({ revision: 12, hash });
    expect(parseAnchor(`_global@1:${hash}`, 'x')).toMatchObject({ scope: '_global' });
    for (const bad of ['acme@0 sha256:' + hash, 'acme sha256:' + hash, `acme@1 sha256:${hash}0`])
      expect(parseAnchor(bad, 'x')).toBeUndefined();
    const file = `# kept by CI\nacme@1 sha256:${hash} 2026-12-01T10:00:00.000Z\n\nnot an anchor\n`;
    expect(parseAnchorFile(file, 'anchors.txt')).toEqual({
      anchors: [{ scope: 'acme', revision: 1, hash, source: 'anchors.txt:2' }],
      errors: [
        {
          severity: 'error',
          code: 'USAGE',
          message: 'not an anchor: expected `scope@N sha256:HASH`',
          file: 'anchors.txt',
          line: 4,
          column: 1,
        },
      ],
    });
  });
});
