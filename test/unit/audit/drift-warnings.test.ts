import { describe, expect, test } from 'vitest';
import { driftErrors, driftWarnings } from '../../../src/audit/drift-warnings.js';
import { driftChange } from '../../../src/audit/read-drift.js';
import type { ResourceValue } from '../../../src/model/model.js';
import type { DriftedRow } from '../../../src/model/revision.js';

const value = (spec: Record<string, unknown>) => ({ spec }) as unknown as ResourceValue;

function row(
  name: string,
  revision: number | null,
  recorded: unknown,
  stored: unknown,
): DriftedRow {
  return {
    scope: 'acme',
    address: `acme/Queue/${name}`,
    kind: 'Queue',
    name,
    revision,
    recorded: recorded === null ? null : value(recorded as Record<string, unknown>),
    stored: stored === null ? null : value(stored as Record<string, unknown>),
  };
}

const changed = row('a', 3, { x: 1 }, { x: 2 });
const created = row('b', null, null, { x: 1 });
const deleted = row('c', 5, { x: 1 }, null);

describe('drift as changes', () => {
  test('from what the history recorded to what is stored now, with the changed fields', () => {
    expect([changed, created, deleted].map(driftChange)).toMatchObject([
      { address: 'acme/Queue/a', action: 'update', tenant: 'acme', fields: [{ path: 'spec.x' }] },
      { address: 'acme/Queue/b', action: 'create', before: null },
      { address: 'acme/Queue/c', action: 'delete', after: null },
    ]);
  });

  test('plan warns and apply refuses, naming the last revision that wrote the resource, else the scope’s latest', () => {
    const warnings = driftWarnings([
      {
        scope: 'acme',
        revision: 7,
        changes: [changed, created].map(driftChange),
        lastWritten: new Map([['acme/Queue/a', 3]]),
      },
    ]);
    expect(warnings.map((w) => [w.severity, w.address, w.message])).toEqual([
      ['warning', 'acme/Queue/a', 'changed outside ccac since revision 3'],
      ['warning', 'acme/Queue/b', 'changed outside ccac since revision 7'],
    ]);
    const errors = driftErrors([changed, created], new Map([['acme', 7]]));
    expect(errors.map((e) => [e.severity, e.code, e.address])).toEqual([
      ['error', 'DRIFT', 'acme/Queue/a'],
      ['error', 'DRIFT', 'acme/Queue/b'],
    ]);
    expect(errors[1]!.message).toBe(
      'changed outside ccac since revision 7; apply does not build on it: restore it, or adopt it with --accept-drift (the revision records it)',
    );
  });
});
