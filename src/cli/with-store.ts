import { randomBytes } from 'node:crypto';
import { error } from '../diagnostics/diagnostic.js';
import { NO_STORE_YET, noStoreYet, openExistingStore, openStore } from '../store/open-store.js';
import { redactSecrets } from '../store/redact-url.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { StoreError, type StateReader } from '../store/state-store.js';
import { debug } from '../support/debug.js';
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

async function runWithStore(
  open: typeof openStore,
  url: string,
  output: Output,
  use: StoreUse,
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  let store: SqlStateStore | undefined;
  try {
    store = await open(url, {
      applicationName: `ccac run=${RUN_ID} actor=${use.actor ?? '-'}`,
      parsesBeside: use.parsesBeside ?? false,
    });
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
