// Main entry: the wasm file ships next to this bundle (dist/monty.wasm) and is
// found relative to it, which Node, browsers and bundlers (Vite) all resolve.
import { compileFromUrl, setDefaultWasmSource } from './loader.js';

setDefaultWasmSource(() => compileFromUrl(new URL('./monty.wasm', import.meta.url)));

export * from './api.js';
