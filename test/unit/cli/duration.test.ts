import { describe, expect, test } from 'vitest';
import { LONGEST_WAIT_MS, parseDuration } from '../../../src/cli/duration.js';

describe('parseDuration: --lock-timeout as Terraform takes it, or plain seconds', () => {
  test.each([
    ['30', 30_000],
    ['0', 0],
    ['2.5', 2_500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['1h2m3s4ms', 3_723_004],
    ['0s', 0],
    ['.5s', 500],
    ['1500000us', 1_500],
    ['2000000000ns', 2_000],
    [' 10s ', 10_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', 's', '10x', '10 s', '-5s', '-5', '1m30', 'm30s', '10S', '1e3', '10s5', '25d'])(
    '%j is refused',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  test('longer than the database can wait is refused', () => {
    expect(parseDuration('596h')).toBe(596 * 3_600_000);
    expect(parseDuration(`${LONGEST_WAIT_MS + 1}ms`)).toBeUndefined();
    expect(parseDuration('597h')).toBeUndefined();
  });
});
