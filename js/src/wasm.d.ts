// The build embeds monty_core.wasm as bytes (esbuild's binary loader).
declare module '*.wasm' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
