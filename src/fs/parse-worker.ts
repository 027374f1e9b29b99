import { parentPort, workerData } from 'node:worker_threads';
import { loadFileEntry } from '../config/load-config.js';
import type { SourceFile } from '../config/source-file.js';
import type { PackedAnswer } from './parse-in-thread.js';

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
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(texts.reduce((sum, text) => sum + text.length + 1, 2));
  const offsets: number[] = [];
  const sizes: number[] = [];
  let at = 0;
  const put = (text: string) => {
    for (;;) {
      const { read, written } = encoder.encodeInto(text, buffer.subarray(at));
      if (read === text.length) return written;
      const grown = new Uint8Array(buffer.length * 2); // text past ASCII: more bytes than characters
      grown.set(buffer.subarray(0, at));
      buffer = grown;
    }
  };
  at += put('[');
  texts.forEach((text, k) => {
    if (k > 0) at += put(',');
    offsets.push(at);
    sizes.push(put(text));
    at += sizes[k]!;
  });
  at += put(']');
  return { bytes: buffer.buffer.slice(0, at), offsets, sizes };
}
