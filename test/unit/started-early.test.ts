import { describe, expect, test } from 'vitest';
import { settled, startedEarly } from '../../src/support/started-early.js';

describe('startedEarly', () => {
  test('a rejection before anyone awaits is not unhandled, and stays for whoever awaits', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const failing = Promise.reject(new Error('store gone'));
      const early = startedEarly(failing);
      expect(early).toBe(failing);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
      await expect(early).rejects.toThrow('store gone');
    } finally {
      process.off('unhandledRejection', note);
    }
  });

  test('settled waits for the promise and never rejects', async () => {
    await expect(settled(Promise.reject(new Error('told elsewhere')))).resolves.toBeUndefined();
    await expect(settled(Promise.resolve(1))).resolves.toBeUndefined();
  });
});
