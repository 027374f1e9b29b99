import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import { loadFileEntry } from './load-with-entries.js';
import { decodeSource } from '../config/source-file.js';
import { readRegularFile } from '../support/read-regular-file.js';
import { BY_THREAD, UNCLAIMED, type PackedAnswer, type ThreadWork } from './parse-in-thread.js';
import { Utf8Buffer } from './utf8-buffer.js';
import { writePack } from './cache-pack.js';

/**
 * The second thread of a cold parse (parse-in-thread.ts): from the last file backwards, each
 * file it claims gets its cache entry, or null when the file has diagnostics or is not, read
 * here, the file the main thread read (which then parses it, and reports its diagnostics with
 * places). It stops at the first file the main thread claimed. The entries go back as one
 * transferred buffer of JSON, which the main thread parses in one call. Then, while the main
 * thread checks, this one packs its entries into the parse cache (cache-pack.ts).
 */
const { files, claims: shared, pack: target } = workerData as ThreadWork;
const claims = new Int32Array(shared);
const texts: string[] = [];
let from = files.length;
while (from > 0 && Atomics.compareExchange(claims, from - 1, UNCLAIMED, BY_THREAD) === UNCLAIMED) {
  from--;
  const entry = entryOf(files[from]!);
  texts.push(entry ? JSON.stringify(entry) : 'null');
}
texts.reverse();
const answer = pack(from, texts);
parentPort?.postMessage(answer, [answer.bytes]);
if (target) {
  const writes = texts.flatMap((data, k) =>
    data === 'null' ? [] : [{ name: target.names[from + k]!, data }],
  );
  if (writes.length > 0) writePack(target.dir, target.key, writes);
}

/** The file's entry, when it reads here with the digest the main thread read. */
function entryOf({ path, digest }: ThreadWork['files'][number]): FileEntry | undefined {
  if (digest === undefined) return undefined;
  const read = readRegularFile(path);
  if (!('bytes' in read)) return undefined;
  if (createHash('sha256').update(read.bytes).digest('hex') !== digest) return undefined;
  const decoded = decodeSource({ path, bytes: read.bytes });
  return 'code' in decoded ? undefined : loadFileEntry({ ...decoded, digest });
}

function pack(from: number, texts: readonly string[]): PackedAnswer {
  const buffer = new Utf8Buffer(texts.reduce((sum, text) => sum + text.length + 1, 2));
  buffer.put('[');
  texts.forEach((text, k) => {
    if (k > 0) buffer.put(',');
    buffer.put(text);
  });
  buffer.put(']');
  const bytes = buffer.bytes();
  return { from, bytes: bytes.buffer, length: bytes.length };
}
