import { parentPort } from 'node:worker_threads';
import { verifyScope, type ScopeWork } from './verify-scope.js';

/**
 * The verification's own thread (verify-thread.ts): each scope's packed rows it is sent are
 * parsed, re-hashed and counted here, in the order sent, while the main thread reads the next.
 */
parentPort?.on('message', (work: ScopeWork) => {
  parentPort?.postMessage(verifyScope(work));
});
