import { expect, test } from 'vitest';
import { inTurns } from '../../src/support/in-turns.js';

test('runs steps to their end and gives their result, letting other work run between turns', async () => {
  const order: string[] = [];
  // Steps that go on until other work has run, or give up after ten million: the clock is not
  // asked, so a busy machine that pauses the test cannot make one turn take them all.
  function* steps(): Generator<void, number> {
    let taken = 0;
    while (!order.includes('other work') && taken < 10_000_000) {
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
