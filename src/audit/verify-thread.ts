import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { debug } from '../support/debug.js';
import { verifyScope, type ScopeAnswer, type ScopeWork } from './verify-scope.js';

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/audit.
const WORKER = new URL('../audit/verify-worker.js', import.meta.url);

/** Below this many change rows the thread costs more to start (≈ 50 ms of CPU) than it saves. */
export const THREAD_MIN_CHANGES = 20_000;

/** Verifies scopes, in the order given: on a thread of their own, or here. */
export interface ScopeVerifier {
  verify(work: ScopeWork): Promise<ScopeAnswer>;
  close(): Promise<void>;
}

/**
 * Where the scopes' chains are re-hashed: on a thread of their own when there are at least
 * `THREAD_MIN_CHANGES` rows, so that parsing and hashing them overlaps reading the next scope —
 * on PGlite the database runs on this thread, on PostgreSQL this one reads the answers; here
 * otherwise, or when there is no built worker (tests of the sources), or the thread fails (its
 * scopes are then verified here).
 */
export function scopeVerifier(changes: number, min = THREAD_MIN_CHANGES): ScopeVerifier {
  if (changes < min || !existsSync(WORKER)) return here;
  let worker: Worker;
  try {
    worker = new Worker(WORKER);
  } catch {
    return here;
  }
  debug(`verifying ${changes} change rows on a thread of their own`);
  return new ThreadVerifier(worker);
}

const here: ScopeVerifier = {
  verify: (work) => Promise.resolve(verifyScope(work)),
  close: () => Promise.resolve(),
};

/**
 * The work with its COPY pieces (ChangeRows) copied each into memory of its own, which is moved
 * to the thread instead of copied again (the pieces may be views of the connection's larger
 * buffers, which cannot be moved). The work as read is kept, for the case the thread fails.
 */
function movable(work: ScopeWork): { sent: ScopeWork; moved: ArrayBuffer[] } {
  const rows = work.packed;
  if (!('copied' in rows)) return { sent: work, moved: [] };
  const copied = rows.copied.map((piece) => new Uint8Array(piece));
  return { sent: { ...work, packed: { copied } }, moved: copied.map((piece) => piece.buffer) };
}

/** The thread answers in the order it was sent work: the first waiting promise is its answer's. */
class ThreadVerifier implements ScopeVerifier {
  private readonly waiting: {
    work: ScopeWork;
    resolve: (answer: ScopeAnswer) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private failed = false;

  constructor(private readonly worker: Worker) {
    worker.on('message', (answer: ScopeAnswer) => this.waiting.shift()?.resolve(answer));
    worker.once('error', () => this.fail());
    worker.once('exit', () => this.fail());
  }

  verify(work: ScopeWork): Promise<ScopeAnswer> {
    if (this.failed) return here.verify(work);
    return new Promise((resolve, reject) => {
      const { sent, moved } = movable(work);
      this.waiting.push({ work, resolve, reject });
      this.worker.postMessage(sent, moved);
    });
  }

  /** Whatever the thread had not answered is verified here. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const { work, resolve, reject } of this.waiting.splice(0))
      try {
        resolve(verifyScope(work));
      } catch (error) {
        reject(error);
      }
  }

  async close(): Promise<void> {
    this.failed = true;
    await this.worker.terminate();
  }
}
