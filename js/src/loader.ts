// Loading the WebAssembly module: one memoized async step, after which
// everything is synchronous. All interpreters share one module instance (a
// program or a paused run is a handle into it), so creating one is cheap.
//
// The wasm bytes are found by the entry point (a URL next to the bundle, or
// bytes embedded in the single-file entry) unless the caller supplies them.
// Emscripten's loader is built for web/worker only and is always handed the
// instance through `instantiateWasm`, so it never fetches, touches a file
// system, or registers process listeners.
import createMontyModule from './monty_core.mjs';
import {
  MontyError,
  MontyInternalError,
  MontyNotLoadedError,
  MontyUsageError,
  pythonError,
  type TracebackFrame,
} from './errors.js';
import { decode, type PyValue } from './values.js';

/**
 * The embind functions of wasm/bindings.cpp. Requests are MessagePack bytes
 * written into wasm memory at requestBuffer()'s address; every entry point
 * returns the address of [u32 length][MessagePack reply].
 */
export interface CoreModule {
  requestBuffer(size: number): number;
  compile(length: number): number;
  start(length: number): number;
  resume(length: number): number;
  loadProgram(length: number): number;
  loadSnapshot(length: number): number;
  replCreate(length: number): number;
  replFeed(length: number): number;
  replLoad(length: number): number;
  parseCliInput(length: number): number;
  dumpProgram(handle: number): number;
  dumpSnapshot(handle: number): number;
  replDump(handle: number): number;
  freeHandle(handle: number): void;
  liveHandles(): number;
  /** Emscripten's view of wasm memory (replaced when memory grows). */
  HEAPU8: Uint8Array;
  /** Called by wasm for each print (see monty_js_print in bindings.cpp). */
  montyPrint?: (stream: number, address: number, size: number) => void;
}

/** Entry points that take a request. */
export type RequestOp =
  | 'compile'
  | 'start'
  | 'resume'
  | 'loadProgram'
  | 'loadSnapshot'
  | 'replCreate'
  | 'replFeed'
  | 'replLoad'
  | 'parseCliInput';
/** Entry points that take a handle. */
export type HandleOp = 'dumpProgram' | 'dumpSnapshot' | 'replDump';

/** (0 = stdout, 1 = stderr, text) */
export type PrintSink = (stream: number, text: string) => void;

/** Where the wasm comes from, if not from the package itself. */
export interface LoadOptions {
  /** The bytes of `monty.wasm`. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
  /** An already compiled module (e.g. from `WebAssembly.compileStreaming`, or shared with a worker). */
  wasmModule?: WebAssembly.Module;
  /** Where to fetch (or, for `file:` URLs in Node, read) `monty.wasm` from. */
  wasmUrl?: string | URL;
}

type WasmSource = () => Promise<WebAssembly.Module>;

let defaultSource: WasmSource | undefined;
let compiled: WebAssembly.Module | undefined;
let core: CoreModule | undefined;
let loading: Promise<void> | undefined;
let generation = 0;

/** Set by the entry point: how to find the wasm when the caller gives nothing. */
export function setDefaultWasmSource(source: WasmSource): void {
  defaultSource = source;
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

// The CommonJS bundle defines this (its banner) as the module's `require`.
declare const __montyRequire: ((id: string) => unknown) | undefined;

type NodeFs = { readFile(u: URL): Promise<Uint8Array<ArrayBuffer>> };

// Node's fs without a static import (the same bundle runs in browsers):
// getBuiltinModule (Node 20.16+) works everywhere, require() in the CommonJS
// bundle (dynamic import() fails in CommonJS under Jest's VM), import() in ESM.
async function nodeFs(): Promise<NodeFs> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const builtin = proc?.getBuiltinModule?.('node:fs/promises');
  if (builtin) return builtin as NodeFs;
  if (typeof __montyRequire === 'function') return __montyRequire('node:fs/promises') as NodeFs;
  const fsName = 'node:fs/promises';
  return (await import(/* @vite-ignore */ fsName)) as NodeFs;
}

/** Compiles the wasm found at `url` (file: URLs are read from disk in Node). */
export async function compileFromUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:' && isNode()) {
    const fs = await nodeFs();
    return WebAssembly.compile(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url.href} failed: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // Served without the application/wasm type: compile from the bytes instead.
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function resolveModule(options: LoadOptions): Promise<WebAssembly.Module> {
  if (options.wasmModule) return options.wasmModule;
  if (options.wasmBinary) {
    const b = options.wasmBinary;
    const bytes = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
    return WebAssembly.compile(bytes);
  }
  if (options.wasmUrl) return compileFromUrl(new URL(options.wasmUrl, (globalThis as { location?: { href: string } }).location?.href));
  if (!defaultSource) throw new Error('no wasm source: pass wasmBinary, wasmModule or wasmUrl');
  return defaultSource();
}

const silent = (): void => {};

// Instantiates `compiled`. Emscripten's factory runs the module's start-up
// synchronously once it has an instance, so when `sync` is true (and the
// engine allows synchronous instantiation) the embind functions exist as soon
// as this returns.
function instantiate(sync: boolean): Promise<CoreModule> | CoreModule | undefined {
  const module = compiled as WebAssembly.Module;
  let failure: unknown;
  let async: Promise<void> | undefined;
  const arg = {
    print: silent,
    printErr: silent,
    instantiateWasm(imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      if (sync) {
        try {
          receive(new WebAssembly.Instance(module, imports), module);
        } catch (e) {
          failure = e;
        }
      } else {
        async = WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      }
      return {};
    },
  };
  const ready = createMontyModule(arg);
  const asCore = () => {
    const m = arg as unknown as Partial<CoreModule>;
    if (typeof m.compile !== 'function') throw new Error('the wasm module did not initialise');
    m.montyPrint = forwardPrint;
    return m as CoreModule;
  };
  if (sync) return failure === undefined ? asCore() : undefined;
  return Promise.all([ready, async]).then(asCore);
}

/**
 * Loads the WebAssembly module. Call (and await) it once before creating
 * interpreters; later calls return the same promise. Options are used by
 * the first call only.
 */
export function loadMonty(options: LoadOptions = {}): Promise<void> {
  if (core) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      try {
        compiled ??= await resolveModule(options);
        core = (await instantiate(false)) as CoreModule;
        newInstance();
      } catch (e) {
        loading = undefined;
        throw new MontyError(`monty-wasm: loading the WebAssembly module failed: ${(e as Error)?.message ?? e}`, {
          cause: e,
        });
      }
    })();
  }
  return loading;
}

/** True once {@link loadMonty} has finished. */
export function isLoaded(): boolean {
  return core !== undefined;
}

/** Incremented on each (re)instantiation; handles from older generations are gone. */
export function currentGeneration(): number {
  return generation;
}

export function getCore(): CoreModule {
  if (!core) {
    throw new MontyNotLoadedError(
      loading
        ? 'monty-wasm is still loading: await loadMonty() before creating interpreters'
        : 'monty-wasm is not loaded: call and await loadMonty() first',
    );
  }
  return core;
}

// After a trap the instance's memory may be inconsistent, so it is dropped
// and a fresh one made from the same compiled module: synchronously where the
// engine allows it, otherwise in the background (loadMonty() awaits it).
function reset(): void {
  core = undefined;
  loading = undefined;
  newInstance();
  const fresh = instantiate(true) as CoreModule | undefined;
  if (fresh) {
    core = fresh;
    return;
  }
  loading = (instantiate(false) as Promise<CoreModule>).then((c) => {
    core = c;
  });
  loading.catch(silent);
}

// Per instance: the request buffer's address and size (it only moves when a
// larger one is requested; memory growth keeps addresses).
let requestAddress = 0;
let requestCapacity = 0;
// Where prints of the call in progress go; `busy` while a call runs, because
// wasm is not re-entrant (a print callback cannot call monty-wasm).
let printSink: PrintSink | null = null;
let busy = false;
let deferredFrees: number[] = [];
const utf8 = new TextDecoder('utf-8');

function newInstance(): void {
  generation++;
  deferredFrees = [];
  requestAddress = 0;
  requestCapacity = 0;
}

function forwardPrint(stream: number, address: number, size: number): void {
  if (printSink && core) printSink(stream, utf8.decode(core.HEAPU8.subarray(address, address + size)));
}

// Runs one wasm entry point; a trap resets the module and becomes a
// MontyInternalError. Returns the reply's [start, end) in core.HEAPU8.
function enter(c: CoreModule, body: () => number, print: PrintSink | null): [number, number] {
  if (busy) {
    throw new MontyUsageError('monty-wasm cannot be called while it is running (e.g. from inside a print callback)');
  }
  busy = true;
  printSink = print;
  let address: number;
  try {
    address = body();
  } catch (e) {
    if (e instanceof RequestTooLarge) throw new MontyInternalError(e.message);
    reset();
    throw new MontyInternalError(
      `the WebAssembly module failed (${(e as Error)?.message ?? e}); it has been reset, and paused snapshots from before are lost`,
      { cause: e },
    );
  } finally {
    busy = false;
    printSink = null;
  }
  if (deferredFrees.length) {
    const handles = deferredFrees;
    deferredFrees = [];
    for (const h of handles) if (core === c) c.freeHandle(h);
  }
  const heap = c.HEAPU8;
  const length = (heap[address] | (heap[address + 1] << 8) | (heap[address + 2] << 16) | (heap[address + 3] << 24)) >>> 0;
  return [address + 4, address + 4 + length];
}

function writeRequest(c: CoreModule, request: Uint8Array): void {
  if (request.length > requestCapacity) {
    // Room to grow, but if that does not fit, exactly the request. A failed
    // attempt leaves the old buffer (and requestAddress) as it was.
    let size = Math.max(request.length, Math.min(2 * requestCapacity, 0x7fffffff), 256);
    let address = c.requestBuffer(size);
    if (!address && size > request.length) {
      size = request.length;
      address = c.requestBuffer(size);
    }
    if (!address) throw new RequestTooLarge(request.length);
    requestAddress = address;
    requestCapacity = size;
  }
  c.HEAPU8.set(request, requestAddress);
}

// Not a trap: the module is fine, the request just does not fit in wasm memory.
class RequestTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`out of memory in the wasm module: a request of ${bytes} bytes does not fit`);
  }
}

function frames(raw: PyValue): TracebackFrame[] {
  return (raw as PyValue[][]).map(([filename, line, fn, source, endLine, column, endColumn]) => {
    const frame: TracebackFrame = {
      filename: filename as string,
      line: line as number,
      function: fn as string,
      source: source as string,
    };
    if (column !== undefined) {
      frame.column = column as number;
      frame.endLine = endLine as number;
      frame.endColumn = endColumn as number;
    }
    return frame;
  });
}

/** Throws a reply's error (kinds 1 and 2); returns the success array. */
function unwrap(r: PyValue[]): PyValue[] {
  if (r[0] === 0) return r;
  if (r[0] === 1) {
    const [, type, message, formatted, tb] = r as [number, string, string, string, PyValue];
    throw pythonError(type, message, formatted, frames(tb));
  }
  const message = r[1] as string;
  if (message.startsWith('out of memory') || message.startsWith('internal error')) {
    throw new MontyInternalError(message);
  }
  throw new MontyError(message);
}

/** Sends a MessagePack request to an entry point; returns the decoded reply (throws its error). */
export function callCore(op: RequestOp, request: Uint8Array, print: PrintSink | null = null): PyValue[] {
  const c = getCore();
  const [start, end] = enter(c, () => (writeRequest(c, request), c[op](request.length)), print);
  return unwrap(decode(c.HEAPU8.subarray(start, end)) as PyValue[]);
}

/** Calls an entry point that takes a handle; returns the decoded reply (throws its error). */
export function callHandle(op: HandleOp, handle: number): PyValue[] {
  const c = getCore();
  const [start, end] = enter(c, () => c[op](handle), null);
  return unwrap(decode(c.HEAPU8.subarray(start, end)) as PyValue[]);
}

/** Like callCore, but returns a copy of the raw reply bytes. */
export function callCoreRaw(op: RequestOp, request: Uint8Array): Uint8Array {
  const c = getCore();
  const [start, end] = enter(c, () => (writeRequest(c, request), c[op](request.length)), null);
  return c.HEAPU8.slice(start, end);
}

/** Frees a handle if it belongs to the current instance. */
export function freeHandle(handle: number, gen: number): void {
  if (!core || gen !== generation) return;
  // While wasm runs (a print callback disposing the object being run), the
  // object must outlive the call: free it right after.
  if (busy) deferredFrees.push(handle);
  else core.freeHandle(handle);
}

/** What the loaded module holds, for monitoring (and the package's leak tests). */
export interface MemoryStats {
  /** Size of the WebAssembly memory in bytes (it grows on demand and never shrinks). */
  wasmMemoryBytes: number;
  /** Programs, paused runs and REPL sessions currently held in wasm memory. */
  liveObjects: number;
}

/** Reports the module's memory use; see {@link MemoryStats}. */
export function memoryStats(): MemoryStats {
  const c = getCore();
  return { wasmMemoryBytes: c.HEAPU8.length, liveObjects: c.liveHandles() };
}
