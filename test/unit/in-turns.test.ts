import { expect, test } from 'vitest';
import { inTurns } from '../../src/support/in-turns.js';

test('runs steps to their end and gives their result, letting other work run between turns', async () => {
  const order: string[] = [];
  // Steps that take about 20 ms in all: more than one turn.
  function* steps(): Generator<void, number> {
    const start = performance.now();
    let taken = 0;
    while (performance.now() - start < 20) {
      taken++;
      yield;
    }
    order.push('steps done');
    return taken;
  }
  setImmediate(() => order.push('other work'));
  const taken = await inTurns(steps());
  expect(taken).toBeGreaterThan(0);
  expect(order).toEqual(['other work', 'steps done']);
});

test('steps that end at once take no turn', async () => {
  // eslint-disable-next-line require-yield
  function* none(): Generator<void, string> {
    return 'done';
  }
  expect(await inTurns(none())).toBe('done');
});
