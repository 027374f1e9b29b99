import { describe, expect, test } from 'vitest';
import type { ResourceValue } from '../../../src/model/model.js';
import { diffValues as diffResourceValues } from '../../../src/plan/diff-values.js';

/** Inline values are loosely shaped; the diff itself does not depend on the kind. */
const diffValues = (before: unknown, after: unknown) =>
  diffResourceValues(before as ResourceValue | null, after as ResourceValue | null);

describe('diffValues', () => {
  test('equal values give no changes', () => {
    const value = { labels: { team: 'sales' }, spec: { flow: 'A', agents: ['a', 'b'] } };
    expect(diffValues(value, structuredClone(value))).toEqual([]);
  });

  test('changed, added and removed leaves with dotted paths, in path order', () => {
    const before = { labels: { team: 'sales' }, spec: { flow: 'A', description: 'old' } };
    const after = { spec: { flow: 'B', queue: 'Q1' } };
    expect(diffValues(before, after)).toEqual([
      { path: 'labels.team', before: 'sales' },
      { path: 'spec.description', before: 'old' },
      { path: 'spec.flow', before: 'A', after: 'B' },
      { path: 'spec.queue', after: 'Q1' },
    ]);
  });

  test('nested maps recurse; a map that appears lists its leaves', () => {
    const before = { spec: { wrapUp: { timeoutSeconds: 30, supervisorMayEndEarly: false } } };
    const after = { spec: { wrapUp: { timeoutSeconds: 60, supervisorMayEndEarly: false } } };
    expect(diffValues(before, after)).toEqual([
      { path: 'spec.wrapUp.timeoutSeconds', before: 30, after: 60 },
    ]);
    expect(diffValues({ spec: {} }, after)).toEqual([
      { path: 'spec.wrapUp.supervisorMayEndEarly', after: false },
      { path: 'spec.wrapUp.timeoutSeconds', after: 60 },
    ]);
  });

  test('a list of scalars (a set) changes as one field with both arrays and the items + / -', () => {
    const before = { spec: { agents: ['ann@acme.example', 'bob@acme.example'] } };
    const after = { spec: { agents: ['ann@acme.example', 'cat@acme.example'] } };
    expect(diffValues(before, after)).toEqual([
      {
        path: 'spec.agents',
        before: ['ann@acme.example', 'bob@acme.example'],
        after: ['ann@acme.example', 'cat@acme.example'],
        added: ['cat@acme.example'],
        removed: ['bob@acme.example'],
      },
    ]);
    expect(diffValues({ spec: {} }, after)).toEqual([
      { path: 'spec.agents', after: ['ann@acme.example', 'cat@acme.example'] },
    ]);
  });

  const shift = (name: string, start: string) => ({
    name,
    days: ['mon', 'tue'],
    start,
    end: '17:00',
  });

  test('a list of named objects matches items by name: changed fields, whole added and removed items', () => {
    const before = {
      spec: { timezone: 'UTC', shifts: [shift('a', '08:00'), shift('b', '09:00')] },
    };
    const after = {
      spec: {
        timezone: 'UTC',
        shifts: [
          shift('a', '08:00'),
          { ...shift('b', '10:00'), days: ['mon'] },
          shift('c', '12:00'),
        ],
      },
    };
    expect(diffValues(before, after)).toEqual([
      {
        path: 'spec.shifts[name="b"].days',
        before: ['mon', 'tue'],
        after: ['mon'],
        added: [],
        removed: ['tue'],
      },
      { path: 'spec.shifts[name="b"].start', before: '09:00', after: '10:00' },
      { path: 'spec.shifts[name="c"]', after: shift('c', '12:00') },
    ]);
    expect(diffValues(after, before).at(-1)).toEqual({
      path: 'spec.shifts[name="c"]',
      before: shift('c', '12:00'),
    });
  });

  test('one shift added at the front is one added item, not every shift after it changed', () => {
    const shifts = [shift('Late opening', '10:00'), shift('Weekdays', '08:00')];
    const before = { spec: { shifts } };
    const after = { spec: { shifts: [shift('Early birds', '07:00'), ...shifts] } };
    expect(diffValues(before, after)).toEqual([
      { path: 'spec.shifts[name="Early birds"]', after: shift('Early birds', '07:00') },
    ]);
  });

  test('objects without distinct names are compared by index, numerically ordered', () => {
    const items = (n: number, v: string) => Array.from({ length: n }, () => ({ v }));
    const paths = diffValues(
      { spec: { holidays: items(12, 'x') } },
      { spec: { holidays: items(12, 'y') } },
    ).map((f) => f.path);
    expect(paths[2]).toBe('spec.holidays[2].v');
    expect(paths[10]).toBe('spec.holidays[10].v');
  });

  test('create and delete list every leaf on their side only', () => {
    const value = { labels: { team: 'sales' }, spec: { channelType: 'chat', active: true } };
    expect(diffValues(null, value)).toEqual([
      { path: 'labels.team', after: 'sales' },
      { path: 'spec.active', after: true },
      { path: 'spec.channelType', after: 'chat' },
    ]);
    expect(diffValues(value, null).every((f) => 'before' in f && !('after' in f))).toBe(true);
  });

  test('label keys that are not plain identifiers are quoted in the path', () => {
    const changes = diffValues(
      { labels: { 'app.example/owner': 'a' }, spec: {} },
      { labels: { 'app.example/owner': 'b' }, spec: {} },
    );
    expect(changes).toEqual([{ path: 'labels["app.example/owner"]', before: 'a', after: 'b' }]);
  });

  test('a value that changes type is one change', () => {
    expect(diffValues({ spec: { x: { a: 1 } } }, { spec: { x: 'flat' } })).toEqual([
      { path: 'spec.x', before: { a: 1 }, after: 'flat' },
    ]);
  });
});
