import { parentPort } from 'node:worker_threads';
import { loadFileEntry, type MadeEntry } from './load-with-entries.js';
import { bytesDigest, decodeSource } from '../config/source-file.js';
import { prepareValidators } from '../config/validate-schema.js';
import { readRegularFile } from '../support/read-regular-file.js';
import {
  BY_THREAD,
  UNCLAIMED,
  type CallerMessage,
  type FileRead,
  type ThreadMessage,
  type ThreadWork,
} from './parse-in-thread.js';
import { statFacts } from './file-index.js';
import { entryNameOf } from './parse-cache.js';
import { writePack } from './cache-pack.js';

/**
 * The second thread of a cold parse (parse-in-thread.ts): started while the main thread still
 * reads the files, it loads the validators and waits for its work. Then, from the last file
 * backwards, each file it claims gets its cache entry, or null when the file has diagnostics or
 * is not, read here, the file the main thread read (which then parses it, and reports its
 * diagnostics with places). It stops at the first file the main thread claimed. The entries go
 * back in parts as it goes, their JSON texts, which the main thread parses between its own files,
 * then `done`. Then, while the main thread checks, this one packs its
 * entries into the parse cache (cache-pack.ts).
 */
parentPort?.once('message', (work: ThreadWork) => parseShare(work));
prepareValidators();

/** How much parsing a part holds: the main thread decodes one in a few milliseconds. */
const PART_MS = 40;

function parseShare({ files, claims: shared, pack: target, reads }: ThreadWork): void {
  const claims = new Int32Array(shared);
  /** Entries' JSON from the last file backwards (null: none), and what was read of each. */
  const texts: (string | null)[] = [];
  const read: (FileRead | null)[] = [];
  let from = files.length;
  let sent = files.length;
  let started = performance.now();
  while (
    from > 0 &&
    Atomics.compareExchange(claims, from - 1, UNCLAIMED, BY_THREAD) === UNCLAIMED
  ) {
    from--;
    const made = entryOf(files[from]!);
    texts.push(made?.json ?? null);
    read.push(made ? made.read : null);
    if (performance.now() - started > PART_MS) {
      send(from, texts.slice(files.length - sent), reads && read.slice(files.length - sent));
      sent = from;
      started = performance.now();
    }
  }
  if (sent > from)
    send(from, texts.slice(files.length - sent), reads && read.slice(files.length - sent));
  parentPort?.postMessage({ done: from } satisfies ThreadMessage);
  if (!target) return;
  // Named as the caller names them: by the digest it gave, or by the one read here.
  const nameOf = (k: number) =>
    reads
      ? entryNameOf(target.key, target.build, read[k]!.digest)
      : target.names[files.length - 1 - k]!;
  const writes = texts.flatMap((data, k) => (data === null ? [] : [{ name: nameOf(k), data }]));
  writes.reverse();
  // The main thread's entries, given as it made them, join these in the pack once it has given all.
  const kept = (message: CallerMessage) => {
    if ('made' in message) {
      for (const [name, data] of message.made) writes.push({ name, data });
      return;
    }
    parentPort?.off('message', kept);
    if (writes.length > 0) writePack(target.dir, target.key, writes);
  };
  parentPort?.on('message', kept);
}

/**
 * The file's entry, when it reads here with the digest the main thread read; or, when the main
 * thread has not read it (`digest` undefined, `real` given), when it reads at all: with what was
 * read of it. A file that does not read or decode is left to the main thread, which reports why.
 */
function entryOf({
  path,
  digest,
  real,
}: ThreadWork['files'][number]): (MadeEntry & { read: FileRead }) | undefined {
  if (digest === undefined && real === undefined) return undefined;
  const read = readRegularFile(real ?? path);
  if (!('bytes' in read)) return undefined;
  const digestRead = bytesDigest(read.bytes);
  if (digest !== undefined && digestRead !== digest) return undefined;
  const decoded = decodeSource({ path, bytes: read.bytes });
  if ('code' in decoded) return undefined;
  const made = loadFileEntry({ ...decoded, digest: digestRead });
  return made && { ...made, read: { digest: digestRead, stats: statFacts(read.stats) } };
}

/** Files `from` on, whose entries' JSON `backwards` holds from the last file to the first. */
function send(
  from: number,
  backwards: readonly (string | null)[],
  read: readonly (FileRead | null)[] | undefined,
): void {
  const part: ThreadMessage = {
    from,
    texts: [...backwards].reverse(),
    ...(read ? { read: [...read].reverse() } : {}),
  };
  parentPort?.postMessage(part);
}
