import { randomBytes } from 'node:crypto';
import { error } from '../diagnostics/diagnostic.js';
import {
  NO_STORE_YET,
  noStoreYet,
  openExistingStore,
  openStore,
  type OpenStoreOptions,
} from '../store/open-store.js';
import { redactSecrets } from '../store/redact-url.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { StoreError, type StateReader } from '../store/state-store.js';
import { debug } from '../support/debug.js';
import { startedEarly } from '../support/started-early.js';
import { EXIT, type ExitCode, type Output } from './output.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

/** A short id for this run: shown to whoever waits on our lock. */
export const RUN_ID = randomBytes(4).toString('hex');

/**
 * Who opens the store and how the command uses it: `parsesBeside` when it parses a configuration
 * while the store works (OpenStoreOptions).
 */
export interface StoreUse {
  actor?: string | undefined;
  parsesBeside?: boolean;
}

/**
 * Opens the store (creating it if need be: for a command that writes), runs `work`, closes it.
 * Database failures become a STORE diagnostic and exit 1; passwords in the URL never reach the
 * output.
 */
export function withStore(
  url: string,
  output: Output,
  use: StoreUse,
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  return runWithStore(openStore, url, output, use, work);
}

/**
 * As withStore, for a command that only reads: a store that does not exist is a STORE
 * diagnostic and exit 1, and is not created (openExistingStore).
 */
export function withExistingStore(
  url: string,
  output: Output,
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  return runWithStore(openExistingStore, url, output, {}, work);
}

/** A store being opened ahead of the work: run the work on it, or close it unused. */
export interface StoreOpening {
  run(output: Output, work: (store: SqlStateStore) => Promise<ExitCode>): Promise<ExitCode>;
  discard(): Promise<void>;
}

/**
 * The store, opened while the command reads its input (a saved plan: read, its signature checked,
 * parsed), so that PGlite starts, or PostgreSQL connects, meanwhile. Only a store that exists is
 * opened so (openExistingStore): input then refused has created nothing. Where there is none
 * yet, `run` opens (and creates) it as withStore does; where it cannot be reached, it says so.
 */
export function openedWhileReading(url: string, use: StoreUse): StoreOpening {
  const early = startedEarly(openExistingStore(url, openOptions(use)));
  return {
    async run(output, work) {
      const opened = await early.then(
        (store) => ({ store }),
        (error: unknown) => ({ error }),
      );
      if ('store' in opened) return runWithStore(async () => opened.store, url, output, use, work);
      if (!(opened.error instanceof StoreError)) throw opened.error;
      const failed = opened.error;
      const open = failed.code === 'STORE' ? openStore : () => Promise.reject(failed);
      return runWithStore(open, url, output, use, work);
    },
    async discard() {
      const store = await early.catch(() => undefined);
      await store?.close().catch(() => undefined);
    },
  };
}

function openOptions(use: StoreUse): OpenStoreOptions {
  return {
    applicationName: `ccac run=${RUN_ID} actor=${use.actor ?? '-'}`,
    parsesBeside: use.parsesBeside ?? false,
  };
}

async function runWithStore(
  open: (url: string, options: OpenStoreOptions) => Promise<SqlStateStore>,
  url: string,
  output: Output,
  use: StoreUse,
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  let store: SqlStateStore | undefined;
  try {
    store = await open(url, openOptions(use));
    debug('store opened');
    return await work(store);
  } catch (cause) {
    if (!(cause instanceof StoreError)) throw cause;
    const message = redactSecrets(cause.message, url);
    output.err(renderDiagnosticsText([error('STORE', message)], output.color));
    return EXIT.error;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/**
 * As withStore, for a plan: an embedded database that does not exist yet is not created (a first
 * plan writes no state and loads no PGlite); the plan is told there is no store yet. The store
 * answers while the configuration is parsed.
 */
export async function withPlanReader(
  url: string,
  output: Output,
  who: { actor?: string | undefined },
  work: (reader: StateReader | typeof NO_STORE_YET) => Promise<ExitCode>,
): Promise<ExitCode> {
  if (noStoreYet(url)) {
    debug('no embedded database yet: nothing stored');
    return work(NO_STORE_YET);
  }
  return withStore(url, output, { actor: who.actor, parsesBeside: true }, work);
}
