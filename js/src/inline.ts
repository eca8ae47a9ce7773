// Single-file entry (`monty-wasm/inline`): the wasm is embedded in this bundle
// (base64), so nothing is fetched or read at run time. Larger than the main
// entry and slower to parse; use it where serving a separate .wasm is awkward.
import wasmBytes from './monty_core.wasm';
import { setDefaultWasmSource } from './loader.js';

setDefaultWasmSource(() => WebAssembly.compile(wasmBytes));

export * from './api.js';
