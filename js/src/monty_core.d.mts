// Types of Emscripten's loader (generated into monty_core.mjs by js/build.mjs
// from build-wasm/wasm/monty_core.js).
export interface EmscriptenModuleArg {
  instantiateWasm(
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): object;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  onAbort?: (what: unknown) => void;
}
declare function createMontyModule(moduleArg: EmscriptenModuleArg): Promise<unknown>;
export default createMontyModule;
