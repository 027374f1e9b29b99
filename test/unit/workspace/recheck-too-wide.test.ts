import { describe, expect, test } from 'vitest';
import { recheckTooWide, type CheckRecord } from '../../../src/workspace/recheck-scopes.js';

function recordOf(tenants: number): CheckRecord {
  const names = Array.from({ length: tenants }, (_, t) => `tenant-${t}`);
  return {
    summary: {
      diagnostics: [],
      resources: 0,
      tenants: names,
      organizations: false,
      digests: {},
      counts: {},
    },
    files: {},
    assets: [],
  };
}

const scopes = (n: number) => new Set(Array.from({ length: n }, (_, t) => `tenant-${t}`));

describe('recheckTooWide', () => {
  test('a change reaching more than half of many tenants is checked in full', () => {
    expect(recheckTooWide(recordOf(100), scopes(100))).toBe(true);
    expect(recheckTooWide(recordOf(100), scopes(51))).toBe(true);
    expect(recheckTooWide(recordOf(5), scopes(3))).toBe(true);
  });

  test('half or fewer, or a handful of tenants, are rechecked', () => {
    expect(recheckTooWide(recordOf(100), scopes(50))).toBe(false);
    expect(recheckTooWide(recordOf(100), scopes(1))).toBe(false);
    expect(recheckTooWide(recordOf(4), scopes(4))).toBe(false);
    expect(recheckTooWide(recordOf(2), scopes(2))).toBe(false);
  });
});
