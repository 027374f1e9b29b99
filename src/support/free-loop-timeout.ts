/** How often the clock is looked at: a tick that comes later than this counts as this much. */
const STEP_MS = 100;

/**
 * Calls `expired` once the event loop has been free for `ms` in all: time it spent blocked (a
 * synchronous parse of a large configuration, or the process descheduled on a busy machine)
 * counts as one step at most. A timeout of wall time would fire as soon as the loop is free
 * again, before the I/O that came in while it was blocked is read: a server that answered in
 * time would be given up on. Returns a function that cancels it. The timer holds no process open.
 */
export function afterFreeLoopTime(ms: number, expired: () => void): () => void {
  const step = Math.max(1, Math.min(STEP_MS, ms));
  let counted = 0;
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    counted += Math.min(now - last, step);
    last = now;
    if (counted >= ms) expired();
    else timer = setTimeout(tick, step).unref();
  };
  timer = setTimeout(tick, step).unref();
  return () => clearTimeout(timer);
}
