import { parentPort, workerData } from 'node:worker_threads';
import { loadFileEntry } from './load-with-entries.js';
import type { SourceFile } from '../config/source-file.js';
import type { PackedAnswer } from './parse-in-thread.js';
import { Utf8Buffer } from './utf8-buffer.js';

/**
 * The second thread of a cold parse (parse-in-thread.ts): each file's cache entry, or null when
 * the file has diagnostics (the main thread parses it again to report them with places). The
 * entries go back as one transferred buffer of JSON, which the main thread parses in one call
 * and hands, as bytes, to the cache's writer.
 */
const files = workerData as SourceFile[];
const texts = files.map((file) => {
  const entry = loadFileEntry(file);
  return entry ? JSON.stringify(entry) : 'null';
});
const answer = pack(texts);
parentPort?.postMessage(answer, [answer.bytes]);

function pack(texts: readonly string[]): PackedAnswer {
  const buffer = new Utf8Buffer(texts.reduce((sum, text) => sum + text.length + 1, 2));
  const offsets: number[] = [];
  buffer.put('[');
  const sizes = texts.map((text, k) => {
    if (k > 0) buffer.put(',');
    offsets.push(buffer.length);
    return buffer.put(text);
  });
  buffer.put(']');
  return { bytes: buffer.bytes(), offsets, sizes };
}
