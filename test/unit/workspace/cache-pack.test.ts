import { createSecretKey, randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openPacks, readPacked, writePack } from '../../../src/workspace/cache-pack.js';
import { tempDir } from '../../helpers/temp-dir.js';

const key = createSecretKey(randomBytes(32));
/** Entries as a run packs them: JSON texts, bytes from another thread, one past a 1 MB piece. */
const WRITES = [
  { name: 'a'.repeat(64), data: '{"resources":[]}' },
  { name: 'b'.repeat(64), data: new TextEncoder().encode('{"resources":["é"]}') },
  { name: 'c'.repeat(64), data: JSON.stringify({ resources: ['x'.repeat(1_500_000)] }) },
  { name: 'd'.repeat(64), data: '{"resources":[1]}' },
];
const text = (data: string | Uint8Array) =>
  typeof data === 'string' ? data : new TextDecoder().decode(data);

describe('parse-cache packs', () => {
  test('every entry reads back whole, by name', async () => {
    const dir = await tempDir();
    expect(writePack(dir, key, WRITES)).toBe(true);
    const packs = openPacks(dir);
    expect(packs.files).toEqual([expect.stringMatching(/^pack-[0-9a-f]{16}\.ccac$/)]);
    for (const { name, data } of WRITES)
      expect(readPacked(key, packs.entries.get(name)!)?.toString('utf8')).toBe(text(data));
  });

  test('entries copied from an older pack keep their MAC; the old pack can go', async () => {
    const dir = await tempDir();
    writePack(dir, key, WRITES.slice(0, 2));
    const old = openPacks(dir);
    writePack(dir, key, WRITES.slice(2), [old.entries.get('b'.repeat(64))!]);
    await rm(path.join(dir, old.files[0]!));
    const packs = openPacks(dir);
    expect(packs.files).toHaveLength(1);
    expect([...packs.entries.keys()].sort()).toEqual(['b', 'c', 'd'].map((c) => c.repeat(64)));
    expect(readPacked(key, packs.entries.get('b'.repeat(64))!)?.toString('utf8')).toBe(
      '{"resources":["é"]}',
    );
  });

  test('a byte changed in an entry fails its MAC alone; a damaged index is no pack', async () => {
    const dir = await tempDir();
    writePack(dir, key, WRITES);
    const [name] = await readdir(dir);
    const file = path.join(dir, name!);
    const bytes = await readFile(file);
    bytes[bytes.indexOf('[1]')! + 1] = '2'.charCodeAt(0);
    await writeFile(file, bytes);
    const packs = openPacks(dir);
    expect(readPacked(key, packs.entries.get('d'.repeat(64))!)).toBeUndefined();
    expect(readPacked(key, packs.entries.get('a'.repeat(64))!)?.toString('utf8')).toBe(
      WRITES[0]!.data,
    );
    // Another key verifies nothing.
    const other = createSecretKey(randomBytes(32));
    expect(readPacked(other, packs.entries.get('a'.repeat(64))!)).toBeUndefined();

    await writeFile(file, bytes.subarray(1));
    expect(openPacks(dir).entries.size).toBe(0);
  });
});
