import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { debug } from '../support/debug.js';
import { startedEarly } from '../support/started-early.js';
import { holdsDatabase } from './pglite-template.js';
import { embeddedDir } from './store-location.js';

/**
 * How much of a WebAssembly function's baseline code (V8's Liftoff) runs, in V8's rough count of
 * bytes executed, before V8 recompiles the function with its optimizing compiler (TurboFan) on a
 * background thread. At V8's default (1.8 million) PGlite's start alone has ≈ 50 of
 * PostgreSQL's functions recompiled, some of them huge (the SQL grammar's parser, 105 KB of
 * WebAssembly, costs more CPU to recompile than the whole start runs), and a command's few
 * queries more: 0.3–0.7 s of CPU per command, taken from the second core the parse thread or
 * the verification thread runs on, and never paid back by code that runs a few milliseconds.
 * At 100 million only the functions that run long (a scan, a sort, a COPY of many rows) are
 * recompiled: the thread running PGlite spends the same CPU as at the default (measured on
 * `plan`, `apply PLANFILE`, `report` and `history verify` at 100k), and unlike `--liftoff-only`
 * the long reads keep their optimized code.
 */
const TIERING_BUDGET = 100_000_000;

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's WebAssembly (PostgreSQL, 9 MB), compiled once per process and handed to PGlite
 * (`pgliteWasmModule`) or to its thread, instead of PGlite reading and compiling it on every open.
 * V8 compiles it on its own threads: the caller's thread waits only where it awaits, and a
 * failure is told there (support/started-early.ts).
 */
export function pgliteWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= startedEarly(compile(), "embedded database's WebAssembly compiled");
  return compiled;
}

/**
 * Starts compiling PGlite's WebAssembly as soon as the command line is read, when `--db` names
 * an embedded database that exists: it then compiles while the command's modules load and its
 * inputs are read, not when the store opens. A store nothing has created yet is left alone (a
 * plan reads it as empty and loads no PGlite). A failure is the opening's to report.
 */
export function compileEarlyFor(url: string): void {
  const dir = embeddedDir(url);
  if (dir === undefined || !holdsDatabase(dir)) return;
  debug("embedded database's WebAssembly compiling while the command loads");
  void pgliteWasmModule();
}

async function compile(): Promise<WebAssembly.Module> {
  // The flag is the process's, but only WebAssembly reads it, V8 when it compiles a module;
  // PGlite's is the only WebAssembly ccac runs.
  setFlagsFromString(`--wasm-tiering-budget=${TIERING_BUDGET}`);
  const file = new URL('pglite.wasm', import.meta.resolve('@electric-sql/pglite'));
  return WebAssembly.compile(await readFile(file));
}
