/**
 * The part of WebAssembly's JavaScript API that ccac calls (pglite-wasm.ts). Node has all of it;
 * TypeScript declares it only with the browser's lib (`DOM`), which this project leaves out.
 */
declare namespace WebAssembly {
  /** Compiled code, instantiated by PGlite (its `pgliteWasmModule` option names this type). */
  interface Module {
    readonly [Symbol.toStringTag]: string;
  }
  function compile(bytes: Uint8Array): Promise<Module>;
}
