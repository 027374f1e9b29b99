import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { INT8_OID, parseInt8 } from './column-types.js';
import { copyEmptyState } from './pglite-template.js';
import {
  threadError,
  type PgliteAnswer,
  type PgliteRequest,
  type PgliteThreadStart,
} from './pglite-thread-protocol.js';

/**
 * The embedded database's thread (pglite-thread.ts): PGlite runs its queries synchronously in
 * WebAssembly, so on this thread they leave the main one free to read and parse the
 * configuration. Requests are answered in the order they came, one at a time, as PGlite would.
 */
const port = parentPort;
if (!port) throw new Error('pglite-worker.js runs as a worker thread');
const start = workerData as PgliteThreadStart;
const send = (answer: PgliteAnswer, transfer: ArrayBuffer[] = []) =>
  port.postMessage(answer, transfer);

const pglite = await opened();
if (pglite) {
  let queue = Promise.resolve();
  port.on('message', (request: PgliteRequest) => {
    queue = queue.then(() => answer(pglite, request));
  });
}

async function opened(): Promise<PGlite | undefined> {
  try {
    // Here, not on the main thread: the copy's 8 MB are written while that one reads and parses.
    if (start.template) copyEmptyState(start.template, start.dir);
    const db = await PGlite.create(start.dir, {
      parsers: { [INT8_OID]: parseInt8 },
      startParams: [...PGlite.defaultStartParams, ...start.settings],
      pgliteWasmModule: start.wasmModule,
    });
    send({ id: 0, opened: true });
    return db;
  } catch (error) {
    send({ id: 0, error: threadError(error) });
    port?.close();
    return undefined;
  }
}

async function answer(pglite: PGlite, request: PgliteRequest): Promise<void> {
  try {
    if (request.op === 'query') {
      const { rows } = await pglite.query(request.sql, request.params);
      send({ id: request.id, rows });
    } else if (request.op === 'copy') {
      await pglite.query(request.sql, [], { blob: new Blob(request.pieces) });
      send({ id: request.id, rows: [] });
    } else {
      if (!pglite.closed) await pglite.close();
      send({ id: request.id, rows: [] });
      port?.close();
    }
  } catch (error) {
    send({ id: request.id, error: threadError(error) });
  }
}
