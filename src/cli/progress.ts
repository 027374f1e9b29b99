import type CliProgress from 'cli-progress';
import { lazyModule } from '../support/lazy-module.js';
import type { Progress } from '../operations/apply-plan.js';

const cliProgress = lazyModule<typeof CliProgress>('cli-progress');

/** Below this many changes an apply is quick enough that a bar would only flicker. */
const SHOW_FROM = 2_000;

/** A progress bar on stderr when it is a terminal and the apply is large; silent otherwise. */
export function progressBar(total: number): { update: Progress; stop: () => void } {
  if (total < SHOW_FROM || !process.stderr.isTTY)
    return { update: () => undefined, stop: () => undefined };
  const bar = new (cliProgress().SingleBar)(
    {
      format: 'Applying [{bar}] {value}/{total} changes',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress().Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (written) => bar.update(written), stop: () => bar.stop() };
}
