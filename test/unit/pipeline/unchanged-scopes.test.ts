import { describe, expect, it } from 'vitest';
import { scopeDigest, type ScopeDigestInput } from '../../../src/model/scope-digest.js';
import { unchangedScopes, type DesiredScopes } from '../../../src/workspace/unchanged-scopes.js';
import { NOTHING_STORED, type ScopeSummary } from '../../../src/model/stored-state.js';

const queue = (name: string, hash: string): ScopeDigestInput => ({
  kind: 'Queue',
  name,
  tenant: 'acme',
  hash,
});
const declared = [queue('q1', 'h1'), queue('q2', 'h2')];

/** The configuration declares `declared` in acme and nothing elsewhere; digests it is asked for are counted. */
function desired(): DesiredScopes & { digested: string[] } {
  const digested: string[] = [];
  return {
    digested,
    count: (scope) => (scope === 'acme' ? declared.length : 0),
    digest: (scope) => {
      digested.push(scope);
      return scopeDigest(scope === 'acme' ? declared : []);
    },
  };
}

const stored = (changes: Partial<ScopeSummary> = {}): ScopeSummary => ({
  revision: 3,
  recorded: 2,
  rows: 2,
  intact: true,
  digest: scopeDigest(declared),
  ...changes,
});

describe('unchangedScopes', () => {
  it('takes a scope stored intact with as many resources and the same digest', () => {
    const summaries = new Map([['acme', stored()]]);
    expect([...unchangedScopes(['acme'], summaries, desired())]).toEqual([['acme', stored()]]);
  });

  it('takes a scope neither stored nor declared', () => {
    expect(unchangedScopes(['nobody'], new Map(), desired()).get('nobody')).toEqual(NOTHING_STORED);
  });

  it('refuses a scope whose sizes differ without computing its digest', () => {
    const want = desired();
    const summaries = new Map([['acme', stored({ rows: 1, recorded: 1 })]]);
    expect(unchangedScopes(['acme'], summaries, want).size).toBe(0);
    expect(want.digested).toEqual([]);
  });

  it.each([
    ['another digest', { digest: scopeDigest([queue('q1', 'h1'), queue('q2', 'changed')]) }],
    ['a row changed outside ccac', { intact: false }],
    ['a row deleted outside ccac', { rows: 1 }],
  ])('refuses a scope with %s', (_, changes) => {
    const summaries = new Map([['acme', stored(changes)]]);
    expect(unchangedScopes(['acme'], summaries, desired()).size).toBe(0);
  });
});
