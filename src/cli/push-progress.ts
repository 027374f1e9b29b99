import type CliProgress from 'cli-progress';
import type { PushProgress } from '../operations/push.js';
import { lazyModule } from '../support/lazy-module.js';

const cliProgress = lazyModule<typeof CliProgress>('cli-progress');

/**
 * A bar per tenant on stderr while a push writes, when stderr is a terminal: resources answered
 * of the tenant's resources. Silent otherwise (CI logs, tests).
 */
export function pushProgress(): { onProgress: (event: PushProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  let bar: CliProgress.SingleBar | undefined;
  let seen = new Set<string>();
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onProgress(event) {
      if (event.type === 'tenant') {
        stop();
        seen = new Set();
        bar = new (cliProgress().SingleBar)(
          {
            format: `Pushing ${event.tenant} [{bar}] {value}/{total} resources`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress().Presets.shades_classic,
        );
        bar.start(event.resources, 0);
      } else if (!seen.has(event.address)) {
        seen.add(event.address);
        bar?.update(Math.min(seen.size, bar.getTotal()));
      }
    },
    stop,
  };
}
