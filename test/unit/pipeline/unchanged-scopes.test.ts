import { describe, expect, it } from 'vitest';
import { scopeDigest, type ScopeDigestInput } from '../../../src/model/scope-digest.js';
import {
  unchangedScopes,
  withUnchangedScopes,
  type DesiredScopes,
} from '../../../src/workspace/unchanged-scopes.js';
import {
  NOTHING_STORED,
  type ScopeSummary,
  type StoredState,
} from '../../../src/model/stored-state.js';
import { Model, type ModelResource } from '../../../src/model/model.js';
import { planChanges } from '../../../src/plan/make-plan.js';

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

describe('withUnchangedScopes', () => {
  const origin = { file: 'acme.yaml', locate: () => ({ file: 'acme.yaml', line: 1, column: 1 }) };
  const resource = (tenant: string, name: string): ModelResource => ({
    kind: 'Queue',
    name,
    tenant,
    address: `${tenant}/Queue/${name}`,
    hash: name,
    spec: {} as ModelResource['spec'],
    origin,
  });
  const desiredModel = () =>
    new Model([resource('acme', 'q1'), resource('acme', 'q2'), resource('zen', 'q3')]);
  const nothingRead = (): StoredState => ({ model: new Model(), revisions: new Map() });

  it("is the configuration's own model when nothing was read and every scope is unchanged", () => {
    const desired = desiredModel();
    const unchanged = new Map([
      ['acme', stored()],
      ['zen', stored({ revision: 5 })],
    ]);
    const state = withUnchangedScopes(nothingRead(), desired, unchanged);
    expect(state.model).toBe(desired);
    expect(state.revisions).toEqual(
      new Map([
        ['acme', 3],
        ['zen', 5],
      ]),
    );
    expect(planChanges(desired, state.model, new Set(['acme', 'zen']))).toEqual([]);
  });

  it('copies the unchanged scopes without their origins when another scope is not', () => {
    const desired = desiredModel();
    const state = withUnchangedScopes(nothingRead(), desired, new Map([['acme', stored()]]));
    expect(state.model).not.toBe(desired);
    expect([...state.model.byAddress.keys()]).toEqual(['acme/Queue/q1', 'acme/Queue/q2']);
    expect([...state.model.byAddress.values()].map((r) => r.origin)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
