import { describe, expect, test } from 'vitest';
import { driftWarnings } from '../../../src/audit/drift-warnings.js';
import { findDrift } from '../../../src/audit/find-drift.js';
import { hashed } from '../../../src/model/canonicalize.js';
import { Model, type ModelResource, type ResourceValue } from '../../../src/model/model.js';

function queue(name: string, spec: Record<string, unknown>): ModelResource {
  return {
    kind: 'Queue',
    name,
    tenant: 'acme',
    address: `acme/Queue/${name}`,
    ...hashed({ spec } as unknown as ResourceValue),
  };
}

describe('findDrift', () => {
  test('equal states have no drift', () => {
    const a = queue('sales', { channelType: 'telephony', maxWait: 60 });
    expect(findDrift(new Model([a]), new Model([{ ...a }]))).toEqual([]);
  });

  test('a changed value is an update from recorded to stored, with the changed field only', () => {
    const recorded = new Model([queue('sales', { channelType: 'telephony', maxWait: 60 })]);
    const stored = new Model([queue('sales', { channelType: 'telephony', maxWait: 90 })]);
    const [drift, ...rest] = findDrift(recorded, stored);
    expect(rest).toEqual([]);
    expect(drift).toMatchObject({
      address: 'acme/Queue/sales',
      action: 'update',
      tenant: 'acme',
      fields: [{ path: 'spec.maxWait', before: 60, after: 90 }],
    });
    expect(drift!.before).toEqual({ spec: { channelType: 'telephony', maxWait: 60 } });
  });

  test('only stored is created outside ccac, only recorded is deleted; sorted by address', () => {
    const recorded = new Model([queue('b', { x: 1 })]);
    const stored = new Model([queue('a', { x: 1 })]);
    expect(findDrift(recorded, stored).map((d) => [d.address, d.action])).toEqual([
      ['acme/Queue/a', 'create'],
      ['acme/Queue/b', 'delete'],
    ]);
  });
});

describe('driftWarnings', () => {
  test('names the last revision that wrote the resource, else the scope’s latest', () => {
    const changes = findDrift(
      new Model([queue('a', { x: 1 })]),
      new Model([queue('a', { x: 2 }), queue('b', { x: 1 })]),
    );
    const warnings = driftWarnings([
      { scope: 'acme', revision: 7, changes, lastWritten: new Map([['acme/Queue/a', 3]]) },
    ]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        code: 'DRIFT',
        message: 'changed outside ccac since revision 3',
        address: 'acme/Queue/a',
      },
      {
        severity: 'warning',
        code: 'DRIFT',
        message: 'changed outside ccac since revision 7',
        address: 'acme/Queue/b',
      },
    ]);
  });
});
