import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * What makes the caches safe to keep where anyone may have written (a pull request can add
 * `.ccac/cache` to the checkout a pipeline runs in): every file ccac writes there leads with an
 * HMAC-SHA256, under this machine's cache key (cache-key.ts), of its name and content, and a file
 * whose MAC does not verify is a miss. The names of entries and checks are MACs too, of what they
 * stand for: without the key nobody can tell which file a name is for, nor make one ccac looks up.
 */

/** The MAC as hex, on a line of its own before the content. */
const MAC_CHARS = 64;
const NEWLINE = 0x0a;

/** A file name for what `parts` say (build, content digest, workspace…) only the key can make. */
export function keyedName(key: KeyObject, ...parts: string[]): string {
  const mac = createHmac('sha256', key).update('ccac cache name');
  for (const part of parts) mac.update('\0').update(part);
  return mac.digest('hex');
}

/** What the cache file `name` holds: `data` after its MAC. */
export function seal(key: KeyObject, name: string, data: string | Uint8Array): string | Buffer {
  const header = `${macOf(key, name, data)}\n`;
  return typeof data === 'string' ? header + data : Buffer.concat([Buffer.from(header), data]);
}

/** The content of the cache file `name` when its MAC verifies; undefined otherwise. */
export function unseal(key: KeyObject, name: string, file: Buffer): Buffer | undefined {
  if (file.length <= MAC_CHARS || file[MAC_CHARS] !== NEWLINE) return undefined;
  const data = file.subarray(MAC_CHARS + 1);
  const expected = Buffer.from(macOf(key, name, data));
  return timingSafeEqual(expected, file.subarray(0, MAC_CHARS)) ? data : undefined;
}

/** The MAC of the cache file (or packed entry) `name` holding `data`, as hex. */
export function macOf(key: KeyObject, name: string, data: string | Uint8Array): string {
  return createHmac('sha256', key).update(`ccac cache file\0${name}\0`).update(data).digest('hex');
}
