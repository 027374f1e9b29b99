import { expect, test } from 'vitest';
import { ChangeTexts } from '../../src/store/change-texts.js';
import type { ResourceChange } from '../../src/model/plan.js';

const change = (name: string, before: object | null, after: object | null): ResourceChange =>
  ({
    action: before === null ? 'create' : after === null ? 'delete' : 'update',
    address: `acme/Queue/${name}`,
    kind: 'Queue',
    name,
    tenant: 'acme',
    before,
    after,
  }) as ResourceChange;

test("a change's texts are canonical, made at the first use, let go at the second, made again at a third", () => {
  const shared = { spec: { b: 1, a: [{ y: 2, x: 1 }] } };
  const texts = new ChangeTexts([
    change('q1', null, shared),
    change('q2', shared, { spec: { z: null } }),
    change('q3', shared, null),
  ]);
  const canonical = '{"spec":{"a":[{"x":1,"y":2}],"b":1}}';
  const first = texts.after(0);
  expect(first).toBe(canonical);
  expect(texts.after(0)).toBe(first); // the second use: the same string, let go
  expect(texts.after(0)).toBe(canonical); // a third makes it again
  // The same value object at other positions: each position's own text.
  expect([texts.before(1), texts.before(2)]).toEqual([canonical, canonical]);
  expect(texts.after(1)).toBe('{"spec":{"z":null}}');
  // No value: null, never a text.
  expect([texts.before(0), texts.after(2), texts.after(2)]).toEqual([null, null, null]);
});
