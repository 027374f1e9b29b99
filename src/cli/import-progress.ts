import type CliProgress from 'cli-progress';
import { lazyModule } from '../support/lazy-module.js';
import { WEBEX_ENTITIES, type WebexEntity } from '../webex/entities.js';

const cliProgress = lazyModule<typeof CliProgress>('cli-progress');

export interface ListingProgress {
  listed: (entity: WebexEntity, count: number, callsLeft: number) => void;
  stop: () => void;
}

/**
 * On a terminal, a bar over the org's lists as they complete: the entity just read, how many
 * objects so far, and the calls left under the rate limit (a large org waits on it). Silent when
 * stderr is not a terminal (CI logs, tests).
 */
export function listingProgress(): ListingProgress {
  if (!process.stderr.isTTY) return { listed: () => undefined, stop: () => undefined };
  const bar = new (cliProgress().SingleBar)(
    {
      format:
        'Reading Webex [{bar}] {value}/{total} lists | {objects} objects | last: {entity} | {callsLeft} calls left this minute',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress().Presets.shades_classic,
  );
  let objects = 0;
  bar.start(WEBEX_ENTITIES.length, 0, { objects, entity: '-', callsLeft: '-' });
  return {
    listed: (entity, count, callsLeft) => {
      objects += count;
      bar.increment(1, { objects, entity, callsLeft });
    },
    stop: () => bar.stop(),
  };
}
