import { hash } from 'node:crypto';
import { expect, test } from 'vitest';
import { digestTerm, scopeDigest, type ScopeDigestInput } from '../../../src/model/scope-digest.js';

/** The digest as defined (and as the store computes it in SQL): a BigInt sum of signed 64-bit numbers. */
function defined(resources: readonly ScopeDigestInput[]): string {
  let sum = 0n;
  for (const r of resources) {
    const md5 = hash('md5', `${r.kind}\x1f${r.name}\x1f${r.tenant ?? ''}\x1f${r.hash}`);
    sum += BigInt.asIntN(64, BigInt(`0x${md5.slice(0, 16)}`));
  }
  return sum.toString();
}

test('a scope digest summed in 32-bit halves is the BigInt sum of its signed 64-bit numbers', () => {
  for (const size of [0, 1, 2, 3, 50, 1_000, 2 ** 20 + 3]) {
    const resources = Array.from({ length: size }, (_, i) => ({
      kind: 'User' as const,
      name: `user-${i}`,
      tenant: i % 7 === 0 ? null : 'tenant-1',
      hash: String(i),
    }));
    expect(scopeDigest(resources), `${size} resources`).toBe(defined(resources));
  }
});

test("a resource's term is the first 64 bits of the md5 of its kind, name, tenant and hash", () => {
  const resource = { kind: 'Team' as const, name: 'Zoë', tenant: 'tenant-1', hash: 'ab12' };
  const md5 = hash('md5', 'Team\x1fZoë\x1ftenant-1\x1fab12');
  expect(digestTerm(resource)).toBe(md5.slice(0, 16));
  expect(digestTerm({ ...resource, tenant: null })).toBe(
    hash('md5', 'Team\x1fZoë\x1f\x1fab12').slice(0, 16),
  );
});

test('a term made with the hash is summed as it is, not made again', () => {
  const resources = Array.from({ length: 40 }, (_, i) => ({
    kind: 'User' as const,
    name: `user-${i}`,
    tenant: 'tenant-1',
    hash: String(i),
  }));
  const others = resources.map((r) => ({ ...r, hash: `other-${r.hash}` }));
  // Each resource carries the term of another: the digest is the others', so the terms were taken.
  const carried = resources.map((r, i) => ({ ...r, term: digestTerm(others[i]!) }));
  expect(scopeDigest(carried)).toBe(defined(others));
  expect(scopeDigest(resources.map((r) => ({ ...r, term: digestTerm(r) })))).toBe(
    defined(resources),
  );
  // A scope of some resources with terms and some without sums both.
  const mixed = resources.map((r, i) => (i % 3 === 0 ? { ...r, term: digestTerm(r) } : r));
  expect(scopeDigest(mixed)).toBe(defined(resources));
});
