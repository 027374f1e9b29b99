import { parentPort } from 'node:worker_threads';
import { loadFileEntry } from '../config/load-config.js';
import type { SourceFile } from '../config/source-file.js';

/**
 * One thread of a parallel cold parse: for each file, its cache entry as JSON text, or null when
 * the file has diagnostics (the main thread parses those again, to report them with places).
 */
parentPort?.on('message', (files: SourceFile[]) => {
  parentPort?.postMessage(
    files.map((file) => {
      const entry = loadFileEntry(file);
      return entry ? JSON.stringify(entry) : null;
    }),
  );
});
