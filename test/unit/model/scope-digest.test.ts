import { hash } from 'node:crypto';
import { expect, test } from 'vitest';
import { scopeDigest, type ScopeDigestInput } from '../../../src/model/scope-digest.js';

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
