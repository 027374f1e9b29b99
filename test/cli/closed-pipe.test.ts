import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CLI, NODE_FLAGS } from '../helpers/run-cli.js';

const BROKEN = fileURLToPath(new URL('../../examples/broken/', import.meta.url));

/**
 * Runs ccac with its standard output closed by the reader before anything is written, as
 * `ccac … | head -1` closes it after the first line: every write meets EPIPE.
 */
function runIntoClosedPipe(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe('a closed pipe on standard output (#17 item 9)', () => {
  test('ends quietly with the command’s own exit code, no stack trace', async () => {
    for (const [args, code] of [
      [['validate', BROKEN], 1],
      [['validate', path.join(BROKEN, 'ref-unknown.yaml'), '--format', 'json'], 1],
      [['schema'], 0],
      [['--help'], 0],
    ] as const) {
      const result = await runIntoClosedPipe(args);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.code, args.join(' ')).toBe(code);
    }
  }, 60_000);
});
