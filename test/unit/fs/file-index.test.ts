import { createSecretKey, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_INDEX_NAME, openFileIndex } from '../../../src/workspace/file-index.js';
import { bytesDigest } from '../../../src/config/source-file.js';
import { readConfigFiles } from '../../../src/workspace/read-config-files.js';
import { tempDir } from '../../helpers/temp-dir.js';

const stat = (file: string) => statSync(file, { bigint: true });
/** A clock far enough ahead that every file counts as settled. */
const LATER = (BigInt(Date.now()) + 60_000n) * 1_000_000n;
/** This machine's cache key, and another's. */
const KEY = createSecretKey(randomBytes(32));
const OTHER_KEY = createSecretKey(randomBytes(32));

const QUEUE = `apiVersion: ccac/v1
kind: Queue
metadata: { tenant: acme, name: Support }
spec: { channelType: chat }
`;

describe('the file index', () => {
  it('vouches for a recorded file until its stat changes, across runs', async () => {
    const dir = await tempDir({ 'a.yaml': QUEUE });
    const file = path.join(dir, 'a.yaml');
    const cache = path.join(dir, 'cache');
    const first = openFileIndex(cache, KEY, LATER);
    first.record(file, stat(file), 'd1');
    first.save();

    const second = openFileIndex(cache, KEY, LATER);
    expect(second.vouch(file, stat(file))).toBe('d1');
    writeFileSync(file, QUEUE.replace('chat', 'email'));
    expect(second.vouch(file, stat(file))).toBeUndefined();
  });

  it('does not record a file changed moments ago: its times could hide the next edit', async () => {
    const dir = await tempDir({ 'a.yaml': QUEUE });
    const file = path.join(dir, 'a.yaml');
    const index = openFileIndex(path.join(dir, 'cache'), KEY);
    index.record(file, stat(file), 'd1');
    expect(index.vouch(file, stat(file))).toBeUndefined();
  });

  it('vouches for nothing from an index another key sealed, or edited after it was sealed', async () => {
    const dir = await tempDir({ 'a.yaml': QUEUE });
    const file = path.join(dir, 'a.yaml');
    const cache = path.join(dir, 'cache');
    const elsewhere = openFileIndex(cache, OTHER_KEY, LATER);
    elsewhere.record(file, stat(file), 'd1');
    elsewhere.save();
    expect(openFileIndex(cache, OTHER_KEY, LATER).vouch(file, stat(file))).toBe('d1');
    expect(openFileIndex(cache, KEY, LATER).vouch(file, stat(file))).toBeUndefined();

    const here = openFileIndex(cache, KEY, LATER);
    here.record(file, stat(file), 'd1');
    here.save();
    const index = path.join(cache, FILE_INDEX_NAME);
    writeFileSync(index, readFileSync(index, 'utf8').replace('"d1"', '"d2"'));
    expect(openFileIndex(cache, KEY, LATER).vouch(file, stat(file))).toBeUndefined();
  });

  it('starts empty from a damaged index', async () => {
    const dir = await tempDir({ 'a.yaml': QUEUE, [`cache/${FILE_INDEX_NAME}`]: '{"x": [1' });
    const file = path.join(dir, 'a.yaml');
    expect(
      openFileIndex(path.join(dir, 'cache'), KEY, LATER).vouch(file, stat(file)),
    ).toBeUndefined();
  });

  it('lets the reader skip a vouched file and read its text only when asked', async () => {
    const dir = await tempDir({ 'a.yaml': QUEUE });
    const file = path.join(dir, 'a.yaml');
    const index = openFileIndex(path.join(dir, 'cache'), KEY, LATER);
    const first = await readConfigFiles([dir], index);
    expect(first.files[0]!.digest).toBe(bytesDigest(Buffer.from(QUEUE)));

    const second = (await readConfigFiles([dir], index)).files[0]!;
    expect(Object.getOwnPropertyDescriptor(second, 'text')?.get).toBeTypeOf('function');
    expect(second).toMatchObject({ path: file, digest: first.files[0]!.digest, text: QUEUE });

    // Changed behind the index's back (same stat, other bytes): read as empty, never as stale.
    const unread = (await readConfigFiles([dir], index)).files[0]!;
    await writeFile(file, QUEUE.replace('chat', 'mail'));
    expect(unread.text).toBe('');
  });
});
