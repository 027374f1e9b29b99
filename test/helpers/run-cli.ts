import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/**
 * Node flags of every CLI process the tests start (and of the test workers, vitest.config.ts).
 * With `--liftoff-only` V8 runs PGlite's WebAssembly (PostgreSQL, 9 MB) with its baseline
 * compiler only, instead of also recompiling its hot functions with the optimizing one in the
 * background: a CLI run on PGlite costs ≈ 1 s of CPU instead of ≈ 1.8 s, which is most of the
 * suite's time. Both compilers must give WebAssembly the same results; only speed differs.
 */
export const NODE_FLAGS = ['--liftoff-only'];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The process outlived `limitMs` and was killed: a hang, which a test counts as a failure. */
  timedOut?: boolean;
}

/**
 * Runs the built CLI as a user would: a separate process, no TTY, its own environment. With
 * `limitMs`, a process still running after that long is killed (SIGKILL) and reported timedOut.
 */
export function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    input?: string;
    limitMs?: number;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        CCAC_ACTOR: undefined,
        CCAC_DATABASE_URL: undefined,
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const limit =
      options.limitMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.limitMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
    child.stdin.end(options.input ?? '');
  });
}
