/**
 * What the main thread and the embedded database's thread (pglite-worker.ts) say to each other:
 * one request at a time per id, answered once. Rows cross as structured clones.
 */
export interface PgliteThreadStart {
  dir: string;
  /** Start parameters after PGlite's defaults (pglite-database.ts's START_SETTINGS). */
  settings: string[];
  /** PGlite's WebAssembly, compiled once for the process (pglite-wasm.ts); threads share its code. */
  wasmModule: WebAssembly.Module;
  /** The empty database to copy into `dir` (pglite-template.ts), when `dir` holds none. */
  template?: string;
}

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  /** COPY … FROM '/dev/blob' of these pieces of COPY text (copy-text.ts), transferred. */
  | { id: number; op: 'copy'; sql: string; pieces: Uint8Array[] }
  | { id: number; op: 'close' };

export type PgliteAnswer =
  | { id: number; rows: unknown[] }
  | { id: number; error: ThreadError }
  /** The database opened (id 0), or failed to. */
  | { id: 0; opened: true };

/** An error as the database threw it: its message and the fields callers read (SQLSTATE `code`). */
export interface ThreadError {
  message: string;
  fields: Record<string, string | number | undefined>;
}

/** A thrown value as it crosses threads: the Error's message and its own string fields. */
export function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields: ThreadError['fields'] = {};
  for (const [key, value] of Object.entries(error))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { message: error.message, fields };
}

/** The error again on this side, with the same message and fields (sqlState reads `code`). */
export function rethrown({ message, fields }: ThreadError): Error {
  return Object.assign(new Error(message), fields);
}
