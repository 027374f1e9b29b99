import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from '../../../src/support/read-regular-file.js';

describe('readRegularFile', () => {
  // A /proc file says it is empty and then gives more: a file that grows while it is read.
  it.runIf(existsSync('/proc/self/status'))(
    'reads no further than the limit when a file holds more than its size says',
    () => {
      expect(statSync('/proc/self/status').size).toBe(0);
      expect(readRegularFile('/proc/self/status', 16)).toEqual({
        refused: expect.stringMatching(/larger than the limit/),
      });
      const whole = readRegularFile('/proc/self/status');
      expect('bytes' in whole && whole.bytes.toString('utf8')).toMatch(/^Name:/);
    },
  );
});
