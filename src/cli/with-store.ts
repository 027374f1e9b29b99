import { randomBytes } from 'node:crypto';
import { error } from '../diagnostics/diagnostic.js';
import { NO_STORE_YET, type PlanReader } from '../store/no-store-yet.js';
import { openExistingStore, openStore, parseStoreUrl } from '../store/open-store.js';
import { holdsDatabase } from '../store/pglite-template.js';
import { redactSecrets } from '../store/redact-url.js';
import type { SqlStateStore } from '../store/sql-state-store.js';
import { StoreError } from '../store/state-store.js';
import { debug } from '../support/debug.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Output } from './output.js';
import { renderDiagnosticsText } from './render/diagnostics.js';

/** A short id for this run: shown to whoever waits on our lock. */
export const RUN_ID = randomBytes(4).toString('hex');

/**
 * Opens the store (creating it if need be: for a command that writes), runs `work`, closes it.
 * Database failures become a STORE diagnostic and exit 1; passwords in the URL never reach the
 * output.
 */
export function withStore(
  url: string,
  output: Output,
  who: { actor?: string | undefined },
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  return runWithStore(openStore, url, output, who, work);
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
  who: { actor?: string | undefined },
  work: (store: SqlStateStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  let store: SqlStateStore | undefined;
  try {
    store = await open(url, {
      applicationName: `ccac run=${RUN_ID} actor=${who.actor ?? '-'}`,
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
 * As withStore, for a plan: an embedded database that does not exist yet is read as empty
 * (NO_STORE_YET) rather than created, so a first plan writes no state and loads no PGlite.
 */
export async function withPlanReader(
  url: string,
  output: Output,
  who: { actor?: string | undefined },
  work: (reader: PlanReader) => Promise<ExitCode>,
): Promise<ExitCode> {
  if (!embeddedDatabaseExists(url)) {
    debug('no embedded database yet: nothing stored');
    return work(NO_STORE_YET);
  }
  return withStore(url, output, who, work);
}

/** False only for a `pglite:` directory that holds no database; a URL it cannot read is left to withStore. */
function embeddedDatabaseExists(url: string): boolean {
  try {
    const location = parseStoreUrl(url);
    return location.dialect !== 'pglite' || holdsDatabase(location.dir);
  } catch {
    return true;
  }
}
