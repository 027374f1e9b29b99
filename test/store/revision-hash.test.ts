import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../src/model/canonical-json.js';
import type { Kind } from '../../src/model/kinds.js';
import type { ResourceValue } from '../../src/model/model.js';
import {
  RevisionHasher,
  revisionHash,
  type RevisionHashChange,
  type RevisionHashFields,
} from '../../src/store/revision-hash.js';

/** How revisions were hashed when the chain began: canonical JSON of it all, as one string. */
function hashAsOneString(fields: RevisionHashFields, changes: readonly RevisionHashChange[]) {
  const sorted = [...changes]
    .map(({ address, kind, name, action, before, after }) => ({
      address,
      kind,
      name,
      action,
      before,
      after,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const { counts, acceptedDrift = [], ...rest } = fields;
  const adopted = [...acceptedDrift].sort((a, b) =>
    a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
  );
  return sha256(
    canonicalJson({
      format: 1,
      ...rest,
      ...(adopted.length > 0 ? { acceptedDrift: adopted } : {}),
      counts: { create: counts.create, update: counts.update, delete: counts.delete },
      changes: sorted,
    }),
  );
}

const value = fc
  .record({
    spec: fc.dictionary(fc.string(), fc.jsonValue()),
    labels: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
  })
  .map((v) => JSON.parse(JSON.stringify(v)) as ResourceValue);

const change = fc.record({
  address: fc.string(),
  kind: fc.string(),
  name: fc.string(),
  action: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
  before: fc.option(value, { nil: null }),
  after: fc.option(value, { nil: null }),
});

const fields = fc.record({
  id: fc.nat(),
  scope: fc.string(),
  revision: fc.nat(),
  actor: fc.string(),
  actorRole: fc.string(),
  createdAt: fc.string(),
  configDigest: fc.string(),
  gitCommit: fc.option(fc.string(), { nil: null }),
  planDigest: fc.string(),
  counts: fc.record({ create: fc.nat(), update: fc.nat(), delete: fc.nat() }),
  prevHash: fc.option(fc.string(), { nil: null }),
});

/** Rows adopted as drift (`--accept-drift`): at least one, unique addresses. */
const adopted = fc.uniqueArray(
  fc.record({
    address: fc.string(),
    kind: fc.string().map((kind) => kind as Kind),
    name: fc.string(),
    value: fc.option(value, { nil: null }),
  }),
  { selector: (a) => a.address, minLength: 1 },
);

describe('revisionHash', () => {
  it('covers the drift a revision adopted, and hashes one without any as before', () => {
    fc.assert(
      fc.property(
        fields,
        adopted,
        fc.uniqueArray(change, { selector: (c) => c.address }),
        (f, acceptedDrift, c) => {
          const withDrift = { ...f, acceptedDrift };
          expect(revisionHash(withDrift, c)).toBe(hashAsOneString(withDrift, c));
          expect(revisionHash(withDrift, c)).not.toBe(revisionHash(f, c));
          expect(revisionHash({ ...f, acceptedDrift: [] }, c)).toBe(revisionHash(f, c));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hashes the same bytes as canonical JSON of the whole revision, fed piece by piece', () => {
    fc.assert(
      fc.property(fields, fc.uniqueArray(change, { selector: (c) => c.address }), (f, c) => {
        expect(revisionHash(f, c)).toBe(hashAsOneString(f, c));
      }),
      { numRuns: 500 },
    );
  });

  it('writes names that JSON escapes as JSON.stringify does: quotes, backslashes, controls, lone surrogates, non-ASCII', () => {
    const odd = ['"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\ud800', 'é', '日本', '😀', 'a b'];
    fc.assert(
      fc.property(fields, (f) => {
        const c = odd.map((text, i) => ({
          address: `${i}/${text}`,
          kind: text,
          name: text,
          action: 'create' as const,
          before: null,
          after: JSON.parse(JSON.stringify({ spec: { text } })) as ResourceValue,
        }));
        expect(revisionHash(f, c)).toBe(hashAsOneString(f, c));
      }),
      { numRuns: 20 },
    );
  });

  it('is what a hasher fed the changes one by one in address order gives', () => {
    fc.assert(
      fc.property(fields, fc.uniqueArray(change, { selector: (c) => c.address }), (f, c) => {
        const hasher = new RevisionHasher(f);
        const text = (v: ResourceValue | null) => (v === null ? null : canonicalJson(v));
        for (const one of [...c].sort((a, b) => (a.address < b.address ? -1 : 1)))
          hasher.add(one, text(one.before), text(one.after));
        expect(hasher.digest(f)).toBe(hashAsOneString(f, c));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses changes out of address order: the hash would not be the revision's", () => {
    const hasher = new RevisionHasher(fc.sample(fields, 1)[0]!);
    const one = { address: 'b', kind: 'Team', name: 'b', action: 'create' as const };
    hasher.add(one, null, '{}');
    expect(() => hasher.add({ ...one, address: 'a' }, null, '{}')).toThrow(/address order/);
  });
});
