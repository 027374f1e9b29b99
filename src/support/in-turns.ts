/** How long a turn runs before it lets IO and other turns run: short, to delay the writes little. */
const TURN_MS = 1;
/** Steps taken between looks at the clock. */
const STEPS_PER_LOOK = 64;

/**
 * Runs `steps` to their end in turns of about a millisecond, yielding to the event loop between
 * turns: work that is not needed at once (an apply's digests, its plan text) then fills the time
 * the process would spend waiting on the database, instead of going before the first write.
 */
export async function inTurns<T>(steps: Iterator<unknown, T>): Promise<T> {
  for (;;) {
    const until = performance.now() + TURN_MS;
    for (let taken = 1; ; taken++) {
      const step = steps.next();
      if (step.done) return step.value;
      if (taken % STEPS_PER_LOOK === 0 && performance.now() >= until) break;
    }
    await nextTurn();
  }
}

/**
 * Lets the event loop turn once: a query asked for just before is then on its way to the database
 * (a store sends its statements from a promise's callback) before a long synchronous step.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
