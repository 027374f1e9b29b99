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
  /**
   * `again` reads the work anew: given, its rows may be moved to the thread rather than copied,
   * and are read again should the thread fail before it answers.
   */
  verify(work: ScopeWork, again?: () => Promise<ScopeWork>): Promise<ScopeAnswer>;
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
 * The memory of the work's COPY pieces (ChangeRows), each its own (Queryable.copyOut), which can
 * be moved to the thread with the work instead of copied: then the work is gone from here.
 */
function movable(work: ScopeWork): ArrayBuffer[] {
  return 'copied' in work.packed
    ? work.packed.copied.map((piece) => piece.buffer as ArrayBuffer)
    : [];
}

/** The thread answers in the order it was sent work: the first waiting promise is its answer's. */
class ThreadVerifier implements ScopeVerifier {
  private readonly waiting: {
    work: ScopeWork;
    /** Read anew: the work's rows were moved to the thread. */
    again: (() => Promise<ScopeWork>) | undefined;
    resolve: (answer: ScopeAnswer) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private failed = false;

  constructor(private readonly worker: Worker) {
    worker.on('message', (answer: ScopeAnswer) => this.waiting.shift()?.resolve(answer));
    worker.once('error', () => this.fail());
    worker.once('exit', () => this.fail());
  }

  verify(work: ScopeWork, again?: () => Promise<ScopeWork>): Promise<ScopeAnswer> {
    if (this.failed) return here.verify(work);
    return new Promise((resolve, reject) => {
      const moved = again ? movable(work) : [];
      this.waiting.push({ work, again: moved.length > 0 ? again : undefined, resolve, reject });
      this.worker.postMessage(work, moved);
    });
  }

  /** Whatever the thread had not answered is verified here (read anew if it was moved). */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const { work, again, resolve, reject } of this.waiting.splice(0))
      if (again) again().then(verifyScope).then(resolve, reject);
      else
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
