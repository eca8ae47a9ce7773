// The public interpreter API: Monty (compiled code), MontySnapshot (a paused
// run), MontyComplete (a finished run). Mirrors the seed project's Python API
// in JS style; see README "npm package".
import {
  MontyError,
  MontyHostError,
  MontyInputError,
  MontyInternalError,
  MontyLoadError,
  MontyMissingFunctionError,
  MontyRuntimeError,
  MontySnapshotConsumedError,
  MontyUsageError,
} from './errors.js';
import { callCore, callHandle, currentGeneration, type PrintSink } from './loader.js';
import { DumpableHandle, disown, own, touch, type DumpKind } from './resident.js';
import { Encoder, ValueConversionError, type JsValue, type PyValue } from './values.js';

/** Limits on one run (unset: unlimited, except recursion depth 1000). */
export interface Limits {
  /** Bytes of live heap (MemoryError). */
  maxMemory?: number;
  /** Heap objects allocated (MemoryError). */
  maxAllocations?: number;
  /** Bytecode instructions executed (TimeoutError). */
  maxInstructions?: number;
  /** Wall-clock time of the run in milliseconds, measured with performance.now() (TimeoutError). */
  maxDurationMs?: number;
  /** Python call depth (RecursionError); default 1000. */
  maxRecursionDepth?: number;
  /** Pause (a snapshot of kind 'yield') every N instructions, so runAsync() can yield to the event loop. */
  pauseEveryInstructions?: number;
}

/** Receives what the program prints; `null` discards output. */
export type PrintCallback = (stream: 'stdout' | 'stderr', text: string) => void;

export interface MontyOptions {
  /** Names of the input variables, in order. */
  inputs?: readonly string[];
  /** Names of the host functions the code may call. */
  externalFunctions?: readonly string[];
  /** File name shown in tracebacks (default `main.py`). */
  scriptName?: string;
  /** Default limits for every run (each run's own `limits` override them per field). */
  limits?: Limits;
  /** Default print callback for every run (default: the console / process streams). */
  printCallback?: PrintCallback | null;
}

/** A host function: called with the positional arguments, then (if any) one object of keyword arguments. */
export type ExternalFunction = (...args: any[]) => unknown;

/** How MontySnapshot.resume()/resumeError() answer an external call. */
export interface ResumeOptions {
  /**
   * The host function is async: while the program's asyncio event loop runs,
   * the call gives an awaitable (a finished asyncio Future) holding the value
   * or the error, as an `async def`'s call would. Outside a running loop the
   * answer is given as it is. Default false.
   */
  awaitable?: boolean;
}

export interface RunOptions {
  /** One value per declared input, by name. */
  inputs?: Readonly<Record<string, JsValue>>;
  limits?: Limits;
  printCallback?: PrintCallback | null;
  /**
   * Implementations of the declared external functions. For `run()` they
   * must return their result synchronously; `runAsync()` also awaits promises.
   */
  externalFunctions?: Readonly<Record<string, ExternalFunction>>;
}

export type StartOptions = Omit<RunOptions, 'externalFunctions'>;

/** The result of a run that finished. */
export class MontyComplete {
  constructor(
    /** The value of the program's last statement if it is an expression, else `null`. */
    readonly output: PyValue,
  ) {}
}

const NO_LIMITS: Limits = {};
const LIMIT_FIELDS = [
  'maxMemory',
  'maxAllocations',
  'maxInstructions',
  'maxDurationMs',
  'maxRecursionDepth',
  'pauseEveryInstructions',
] as const;

/** @internal */
export function writeLimits(enc: Encoder, base: Limits, over: Limits | undefined): void {
  enc.arrayHeader(LIMIT_FIELDS.length);
  for (const field of LIMIT_FIELDS) {
    const v = over?.[field] ?? base[field];
    if (v === undefined || v === null) {
      enc.nil();
      continue;
    }
    const integral = field !== 'maxDurationMs';
    const min = field === 'maxRecursionDepth' || field === 'pauseEveryInstructions' ? 1 : 0;
    if (typeof v !== 'number' || !(v >= min) || (integral && !Number.isSafeInteger(v)) || !Number.isFinite(v)) {
      throw new MontyUsageError(
        `limits.${field} must be ${integral ? 'an integer' : 'a number'} >= ${min}, got ${String(v)}`,
      );
    }
    if (integral) enc.int(v);
    else enc.float(v);
  }
}

// ---- printing --------------------------------------------------------------------

interface ProcessLike {
  stdout?: { write(s: string): unknown };
  stderr?: { write(s: string): unknown };
}

// Without a callback, output goes where console output goes: straight to the
// process streams in Node, else line by line to console.log / console.error.
const pending = ['', ''];
function defaultPrint(stream: number, text: string): void {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const target = stream === 0 ? proc?.stdout : proc?.stderr;
  if (target && typeof target.write === 'function') {
    target.write(text);
    return;
  }
  const lines = (pending[stream] + text).split('\n');
  pending[stream] = lines.pop() ?? '';
  for (const line of lines) (stream === 0 ? console.log : console.error)(line);
}
function flushDefaultPrint(): void {
  for (const stream of [0, 1]) {
    if (pending[stream]) {
      (stream === 0 ? console.log : console.error)(pending[stream]);
      pending[stream] = '';
    }
  }
}

// The sink handed to wasm must never throw (a JS exception unwinding through
// the VM would leave it half-updated): a failing callback's first error is
// kept and rethrown once the call has returned.
/** @internal */
export class Printer {
  error: { value: unknown } | undefined;
  readonly sink: PrintSink | null;

  constructor(callback: PrintCallback | null | undefined) {
    if (callback === null) {
      this.sink = null;
    } else if (callback === undefined) {
      this.sink = defaultPrint;
    } else {
      this.sink = (stream, text) => {
        if (this.error) return;
        try {
          callback(stream === 0 ? 'stdout' : 'stderr', text);
        } catch (e) {
          this.error = { value: e };
        }
      };
    }
  }

  done(): void {
    if (this.sink === defaultPrint) flushDefaultPrint();
    if (this.error) throw this.error.value;
  }
}

// ---- replies ---------------------------------------------------------------------

// One encoder for every request: requests are built and sent one at a time,
// and reusing its buffer keeps a run free of allocations on the JS side.
const scratch = new Encoder();
/** @internal The shared request encoder, emptied. */
export function requestEncoder(): Encoder {
  return scratch.reset();
}


function encodeInputs(enc: Encoder, names: readonly string[], inputs: Readonly<Record<string, JsValue>> | undefined): void {
  const given = inputs ?? {};
  if (typeof given !== 'object' || given === null) throw new MontyInputError('inputs must be an object keyed by input name');
  for (const key of Object.keys(given)) {
    if (!names.includes(key)) {
      throw new MontyInputError(
        `unknown input '${key}' (declared inputs: ${names.length ? names.join(', ') : 'none'})`,
      );
    }
  }
  enc.arrayHeader(names.length);
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(given, name)) throw new MontyInputError(`missing input '${name}'`);
    encodeValue(enc, given[name], `inputs.${name}`);
  }
}

function encodeValue(enc: Encoder, value: unknown, path: string): void {
  try {
    enc.encode(value, path);
  } catch (e) {
    if (e instanceof ValueConversionError) throw new MontyInputError(e.message, e.path);
    throw e;
  }
}

// ---- MontySnapshot ---------------------------------------------------------------

const SNAPSHOT_STATE: DumpKind = {
  dump: 'dumpSnapshot',
  load: 'loadSnapshot',
  handleAt: 2,
  lost: 'this snapshot was lost when the WebAssembly module was reset after a failure',
  disposed: 'this snapshot was disposed',
};

/** What a paused run is waiting for. */
export type PauseKind = 'call' | 'name' | 'yield' | 'wait';
const PAUSE_KINDS: PauseKind[] = ['call', 'name', 'yield', 'wait'];

/**
 * The answer to a deferred call ({@link MontySnapshot.resolve}): the value it
 * returned, or the error it raised (a JS error, or a Python exception type
 * name with `message`).
 */
export type CallOutcome = { value: JsValue } | { error: unknown; message?: string };

/** A paused run: the program called an external function (or its time slice ended). */
export class MontySnapshot {
  /**
   * `call`: an external function call; `name`: an undefined global name;
   * `yield`: a time slice ended (`limits.pauseEveryInstructions`); `wait`:
   * asyncio's event loop waits for deferred calls ({@link MontySnapshot.defer}).
   */
  readonly kind: PauseKind;
  /** The external function called (empty for a yield or a wait). */
  readonly functionName: string;
  readonly args: PyValue[];
  readonly kwargs: Record<string, PyValue>;
  /** Counts the pauses of this run: 1, 2, 3, ... (a deferred call is answered by this id). */
  readonly callId: number;
  /** For a `call`: made while asyncio's event loop runs, so it can be {@link MontySnapshot.defer}red. */
  readonly inEventLoop: boolean;
  /** For a `wait`: the callIds of the deferred calls not answered yet, in the order they were made. */
  readonly waiting: readonly number[];
  /**
   * For a `wait`: seconds until the event loop's next timer (an
   * `asyncio.sleep`, a `wait_for` timeout), or null if it has none.
   * Resolving no call lets that time pass.
   */
  readonly timeout: number | null;
  /** Where the program's output goes when resumed. */
  printCallback: PrintCallback | null | undefined;
  private readonly wasm: DumpableHandle;
  private used = false;

  /** @internal */
  constructor(reply: PyValue[], printCallback: PrintCallback | null | undefined) {
    // reply: [0, 1, handle, kind, name, args, kwargs, call_id]
    this.kind = PAUSE_KINDS[reply[3] as number] ?? 'call';
    this.functionName = reply[4] as string;
    this.args = reply[5] as PyValue[];
    this.kwargs = Object.fromEntries(reply[6] as Map<string, PyValue>);
    this.callId = reply[7] as number;
    this.inEventLoop = reply[8] === true;
    this.waiting = Object.freeze([...((reply[9] as number[] | undefined) ?? [])]);
    this.timeout = typeof reply[10] === 'number' ? reply[10] : null;
    this.printCallback = printCallback;
    this.wasm = new DumpableHandle(reply[2] as number, SNAPSHOT_STATE);
  }

  /** True once resume*() has been called: a snapshot resumes once (dump() it first to keep a copy). */
  get consumed(): boolean {
    return this.used;
  }

  private take(what: string): number {
    if (this.used) {
      throw new MontySnapshotConsumedError(
        `this snapshot was already resumed; ${what} needs a fresh one (dump() before resuming to keep a copy)`,
      );
    }
    return this.wasm.get();
  }

  private refuseWait(): void {
    if (this.kind === 'wait' && !this.used) {
      throw new MontyUsageError('this snapshot waits for deferred calls (a wait): answer them with resolve()');
    }
  }

  // Sends [handle, print, ...write()] to resume. `write` encodes the rest; if
  // it throws (a value that cannot cross), the snapshot is not consumed.
  private proceed(items: number, write: (enc: Encoder) => void): MontySnapshot | MontyComplete {
    const handle = this.take('resume');
    const printer = new Printer(this.printCallback);
    const enc = requestEncoder();
    enc.arrayHeader(items);
    enc.int(handle);
    enc.bool(printer.sink !== null);
    write(enc);
    const request = enc.finish();
    this.used = true;
    this.wasm.release(); // resuming uses the wasm side up
    return progress('resume', request, printer, this.printCallback);
  }

  /**
   * Continues the run with `value` as the result of the external call.
   * `options.awaitable`: the host function is async. While the program's
   * asyncio event loop runs, the call then gives an awaitable (a finished
   * asyncio Future holding `value`), as calling an `async def` would, so
   * `await fetch(url)` and `asyncio.gather(fetch(a), fetch(b))` work;
   * outside a running loop the value is given as it is. runAsync() sets it
   * for functions that return a promise.
   */
  resume(value?: JsValue, options: ResumeOptions = {}): MontySnapshot | MontyComplete {
    this.refuseWait();
    return this.proceed(4, (e) => {
      e.int(options.awaitable ? 3 : 0);
      encodeValue(e, value, 'value');
    });
  }

  /**
   * Raises an exception at the call site (the program may catch it). Give a
   * Python exception type name and message, or a JS error (its `pythonType`
   * property, else its `name`, picks the type; unknown names become
   * RuntimeError).
   */
  resumeError(error: unknown, message?: string, options: ResumeOptions = {}): MontySnapshot | MontyComplete {
    this.refuseWait();
    const [type, text] = exceptionFor(error, message);
    return this.proceed(5, (e) => {
      e.int(options.awaitable ? 4 : 1);
      e.str(type);
      e.str(text);
    });
  }

  /**
   * Answers a `call` later: the call gives a pending asyncio Future and the
   * program runs on, so several host calls can be in flight at once
   * (`await asyncio.gather(fetch(a), fetch(b))`). Only for calls made inside
   * the program's running event loop ({@link MontySnapshot.inEventLoop}).
   * When every task waits, the run pauses with kind `wait`: answer the
   * calls by their callId with {@link MontySnapshot.resolve}. runAsync()
   * does this for host functions that return a promise.
   */
  defer(): MontySnapshot | MontyComplete {
    if (this.kind !== 'call') throw new MontyUsageError(`defer() answers a call; this snapshot waits for a ${this.kind}`);
    if (!this.inEventLoop) {
      throw new MontyUsageError(
        `defer(): '${this.functionName}' was not called inside a running asyncio event loop, so nothing could await a later answer; answer it with resume()`,
      );
    }
    return this.proceed(3, (e) => {
      e.int(5);
    });
  }

  /**
   * Answers deferred calls of a `wait` pause, by callId (each one of
   * {@link MontySnapshot.waiting}), and runs on: `resolve({ 3: { value: 'A' },
   * 4: { error: new Error('down') } })` (a Map works too). With no answers,
   * the event loop's clock moves to its next timer instead (there must be
   * one: see {@link MontySnapshot.timeout}).
   */
  resolve(
    results: ReadonlyMap<number, CallOutcome> | Readonly<Record<number, CallOutcome>> = {},
  ): MontySnapshot | MontyComplete {
    if (this.kind !== 'wait') throw new MontyUsageError(`resolve() answers a wait; this snapshot waits for a ${this.kind}`);
    const entries: [number, CallOutcome][] =
      results instanceof Map
        ? [...results.entries()]
        : Object.entries(results as Record<string, CallOutcome>).map(([k, v]) => [Number(k), v]);
    for (const [id, outcome] of entries) {
      if (!this.waiting.includes(id)) {
        throw new MontyUsageError(`resolve(): call ${id} is not one this snapshot waits for (${this.waiting.join(', ')})`);
      }
      if (typeof outcome !== 'object' || outcome === null || !('value' in outcome || 'error' in outcome)) {
        throw new MontyUsageError(`resolve(): the answer to call ${id} must be { value } or { error }`);
      }
    }
    if (entries.length === 0 && this.timeout === null) {
      throw new MontyUsageError(
        `resolve(): no timer is set, so only an answer can wake the program: answer at least one of the calls it waits for (${this.waiting.join(', ')})`,
      );
    }
    return this.proceed(4, (e) => {
      e.int(6);
      e.arrayHeader(entries.length);
      for (const [id, outcome] of entries) {
        if ('error' in outcome) {
          const [type, text] = exceptionFor(outcome.error, outcome.message);
          e.arrayHeader(4);
          e.int(id);
          e.int(1);
          e.str(type);
          e.str(text);
        } else {
          e.arrayHeader(3);
          e.int(id);
          e.int(0);
          encodeValue(e, outcome.value, `results[${id}].value`);
        }
      }
    });
  }

  /** For a `name` pause: the name stays undefined and NameError is raised. */
  resumeUndefined(): MontySnapshot | MontyComplete {
    return this.proceed(3, (e) => {
      e.int(2);
    });
  }

  /**
   * Frees the paused run's memory now instead of when it is evicted (see
   * "Memory" in the README). Later calls throw MontyUsageError; disposing
   * twice, or after resuming, does nothing.
   */
  dispose(): void {
    this.wasm.dispose();
  }

  /** The paused run as bytes (MessagePack); {@link MontySnapshot.load} restores it anywhere. */
  dump(): Uint8Array {
    if (this.used) this.take('dump'); // throws
    return this.wasm.dump();
  }

  /** Restores a paused run from {@link MontySnapshot.dump} bytes (also those of the native library). */
  static load(bytes: Uint8Array, options: { printCallback?: PrintCallback | null } = {}): MontySnapshot {
    if (!(bytes instanceof Uint8Array)) throw new MontyUsageError('MontySnapshot.load() expects a Uint8Array');
    let r: PyValue[];
    try {
      r = callCore('loadSnapshot', bytes);
    } catch (e) {
      throw asLoadError(e);
    }
    return new MontySnapshot(r, options.printCallback);
  }
}

function exceptionFor(error: unknown, message?: string): [string, string] {
  if (typeof error === 'string') return [error, message ?? ''];
  if (error instanceof Error) {
    const pythonType = (error as { pythonType?: unknown }).pythonType;
    return [typeof pythonType === 'string' ? pythonType : error.name, message ?? error.message];
  }
  return ['RuntimeError', message ?? String(error)];
}

/** @internal */
export function asLoadError(e: unknown): unknown {
  if (e instanceof MontyRuntimeError || (e instanceof MontyError && !(e instanceof MontyInternalError))) {
    return new MontyLoadError(`invalid dump: ${(e as Error).message}`, { cause: e });
  }
  return e;
}

function progress(
  op: 'start' | 'resume',
  request: Uint8Array,
  printer: Printer,
  printCallback: PrintCallback | null | undefined,
): MontySnapshot | MontyComplete {
  let r: PyValue[];
  try {
    r = callCore(op, request, printer.sink);
  } finally {
    printer.done();
  }
  if (r[1] === 0) return new MontyComplete(r[2]);
  return new MontySnapshot(r, printCallback);
}

// ---- Monty -----------------------------------------------------------------------

const NO_NAMES: readonly string[] = Object.freeze([]);

function checkNames(what: string, names: unknown): readonly string[] {
  if (names === undefined || (Array.isArray(names) && names.length === 0)) return NO_NAMES;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw new MontyUsageError(`${what} must be an array of names (strings)`);
  }
  return Object.freeze([...names]);
}

// A host error raised into Python; if the run ends with that same exception,
// the error thrown to the caller is a MontyHostError carrying it.
interface RaisedHostError {
  functionName: string;
  type: string;
  message: string;
  error: unknown;
}

// The uncaught exception a host function's error became (the latest one that
// matches), as a MontyHostError with the JS error as its cause.
function asHostError(e: unknown, raised: readonly RaisedHostError[]): unknown {
  if (!(e instanceof MontyRuntimeError) || e.constructor !== MontyRuntimeError) return e;
  for (let i = raised.length - 1; i >= 0; i--) {
    const r = raised[i] as RaisedHostError;
    const sameType = e.type === r.type || (e.type === 'RuntimeError' && r.type !== e.type);
    if (sameType && e.pythonMessage === r.message) {
      return new MontyHostError(r.functionName, e.type, e.pythonMessage, e.formatted, e.traceback, r.error);
    }
  }
  return e;
}

// For a `wait`: the outcomes of the deferred calls that have settled, once
// at least one has (or, when the event loop has a timer, once its timeout
// has passed in real time: then none, and the loop's clock moves on).
async function nextOutcomes(
  snap: MontySnapshot,
  inflight: Map<number, Promise<void>>,
  settled: Map<number, CallOutcome>,
): Promise<Map<number, CallOutcome>> {
  // Calls the program gave up on (cancelled) are no longer waited for.
  for (const id of [...inflight.keys()]) {
    if (!snap.waiting.includes(id)) {
      inflight.delete(id);
      settled.delete(id);
    }
  }
  const ready = () => snap.waiting.filter((id) => settled.has(id));
  if (ready().length === 0) {
    const pending = snap.waiting.flatMap((id) => inflight.get(id) ?? []);
    if (pending.length === 0 && snap.timeout === null) {
      throw new MontyUsageError(`runAsync(): the program waits for calls it did not make in this run (${snap.waiting.join(', ')})`);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const races: Promise<unknown>[] = [...pending];
    if (snap.timeout !== null) races.push(new Promise((r) => (timer = setTimeout(r, (snap.timeout as number) * 1000))));
    await Promise.race(races);
    clearTimeout(timer);
  }
  const out = new Map<number, CallOutcome>();
  for (const id of ready()) {
    out.set(id, settled.get(id) as CallOutcome);
    settled.delete(id);
    inflight.delete(id);
  }
  return out;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown })?.then === 'function';
}

function callArgs(s: MontySnapshot): unknown[] {
  return Object.keys(s.kwargs).length ? [...s.args, s.kwargs] : s.args;
}

/** Compiled Python code, ready to run any number of times. */
export class Monty {
  readonly inputs: readonly string[];
  readonly externalFunctions: readonly string[];
  readonly scriptName: string;
  /** Default limits of every run. */
  limits: Limits;
  /** Default print callback of every run. */
  printCallback: PrintCallback | null | undefined;
  private handle = 0;
  private gen = -1;
  private disposed = false;
  // What recompiles this program if the module had to be reset after a trap.
  private readonly source: { code: string } | { dump: Uint8Array };

  /** Parses and compiles `code`; throws MontySyntaxError for invalid code. Needs `await loadMonty()` first. */
  constructor(code: string, options: MontyOptions = {}) {
    if (typeof code !== 'string') throw new MontyUsageError('code must be a string');
    if (options === null || typeof options !== 'object') throw new MontyUsageError('options must be an object');
    this.inputs = checkNames('options.inputs', options.inputs);
    this.externalFunctions = checkNames('options.externalFunctions', options.externalFunctions);
    this.scriptName = options.scriptName ?? 'main.py';
    if (typeof this.scriptName !== 'string') throw new MontyUsageError('options.scriptName must be a string');
    this.limits = options.limits ?? NO_LIMITS;
    this.printCallback = options.printCallback;
    this.source = { code };
    this.compile();
  }

  private compile(): void {
    let r: PyValue[];
    if ('code' in this.source) {
      const enc = requestEncoder();
      enc.arrayHeader(4);
      enc.str(this.source.code);
      enc.str(this.scriptName);
      for (const names of [this.inputs, this.externalFunctions]) {
        enc.arrayHeader(names.length);
        for (const n of names) enc.str(n);
      }
      r = callCore('compile', enc.finish());
    } else {
      r = callCore('loadProgram', this.source.dump);
    }
    if (this.gen !== -1) disown(this, this.handle, this.gen, false); // the module was reset
    this.handle = r[1] as number;
    this.gen = currentGeneration();
    own(this, this.handle);
  }

  /** @internal Frees the compiled program; it is compiled again from its source when next used. */
  evict(): void {
    disown(this, this.handle, this.gen, true);
    this.gen = -1;
  }

  private liveHandle(): number {
    if (this.disposed) throw new MontyUsageError('this Monty was disposed');
    if (this.gen !== currentGeneration()) this.compile();
    else touch(this.handle);
    return this.handle;
  }

  /**
   * Starts a run: returns a MontyComplete, or a MontySnapshot when the code
   * calls an external function (answer with `snapshot.resume(value)`).
   */
  start(options: StartOptions = {}): MontySnapshot | MontyComplete {
    const handle = this.liveHandle(); // may recompile, which uses the request encoder
    const printCallback = options.printCallback !== undefined ? options.printCallback : this.printCallback;
    const printer = new Printer(printCallback);
    // Inputs first: a bad value must fail before anything reaches wasm.
    const enc = requestEncoder();
    enc.arrayHeader(5);
    enc.int(handle);
    encodeInputs(enc, this.inputs, options.inputs);
    writeLimits(enc, this.limits, options.limits);
    enc.bool(false); // pause_on_undefined_names
    enc.bool(printer.sink !== null);
    return progress('start', enc.finish(), printer, printCallback);
  }

  /**
   * Runs to completion and returns the value of the last statement if it is
   * an expression (else null). External functions, if the code calls any,
   * come from `options.externalFunctions` and must return synchronously.
   */
  run(options: RunOptions = {}): PyValue {
    const impls = options.externalFunctions ?? {};
    let p = this.start(options);
    const raised: RaisedHostError[] = [];
    try {
      while (p instanceof MontySnapshot) {
        const snap: MontySnapshot = p;
        if (snap.kind === 'yield') {
          p = snap.resume();
          continue;
        }
        const fn = impls[snap.functionName];
        if (typeof fn !== 'function') {
          throw new MontyMissingFunctionError(
            `the code called external function '${snap.functionName}', but run() was given no implementation ` +
              `for it: pass it in options.externalFunctions, or use start()/runAsync()`,
            snap.functionName,
          );
        }
        let result: unknown;
        try {
          result = fn(...callArgs(snap));
        } catch (e) {
          const [type, message] = exceptionFor(e);
          raised.push({ functionName: snap.functionName, type, message, error: e });
          p = snap.resumeError(type, message);
          continue;
        }
        if (isThenable(result)) {
          throw new MontyUsageError(
            `external function '${snap.functionName}' returned a promise; run() is synchronous, use runAsync()`,
          );
        }
        p = snap.resume(result as JsValue);
      }
    } catch (e) {
      throw asHostError(e, raised);
    }
    return p.output;
  }

  /**
   * Runs to completion, calling `options.externalFunctions` for each external
   * call and awaiting the promises they return. A thrown error or rejected
   * promise is raised in Python at the call site (MontyHostError if uncaught).
   */
  async runAsync(options: RunOptions = {}): Promise<PyValue> {
    const impls = options.externalFunctions ?? {};
    const missing = this.externalFunctions.filter((n) => typeof impls[n] !== 'function');
    if (missing.length) {
      throw new MontyMissingFunctionError(
        `runAsync() needs an implementation of every declared external function; missing: ${missing.join(', ')}`,
        missing[0],
      );
    }
    let p = this.start(options);
    const raised: RaisedHostError[] = [];
    // Promises of deferred calls (inside asyncio's loop) by callId, and the
    // outcomes of those that have settled, not yet given to the program.
    const inflight = new Map<number, Promise<void>>();
    const settled = new Map<number, CallOutcome>();
    const fail = (functionName: string, e: unknown): CallOutcome => {
      const [type, message] = exceptionFor(e);
      raised.push({ functionName, type, message, error: e });
      return { error: type, message };
    };
    try {
      while (p instanceof MontySnapshot) {
        const snap: MontySnapshot = p;
        if (snap.kind === 'yield') {
          // A time slice ended: let other tasks run.
          await new Promise((resolve) => setTimeout(resolve, 0));
          p = snap.resume();
          continue;
        }
        if (snap.kind === 'wait') {
          p = snap.resolve(await nextOutcomes(snap, inflight, settled));
          continue;
        }
        const fn = impls[snap.functionName] as ExternalFunction;
        let result: unknown;
        // A function that returns a promise is async to Python too: inside
        // asyncio's loop its call is awaitable (see MontySnapshot.resume),
        // and deferred, so the program runs on while the promise settles.
        let awaitable = false;
        try {
          result = fn(...callArgs(snap));
          awaitable = isThenable(result);
          if (awaitable && snap.inEventLoop) {
            const id = snap.callId;
            const name = snap.functionName;
            inflight.set(
              id,
              Promise.resolve(result).then(
                (value) => void settled.set(id, { value: value as JsValue }),
                (e) => void settled.set(id, fail(name, e)),
              ),
            );
            p = snap.defer();
            continue;
          }
          result = await result;
        } catch (e) {
          const { error: type, message } = fail(snap.functionName, e) as { error: string; message: string };
          p = snap.resumeError(type, message, { awaitable });
          continue;
        }
        p = snap.resume(result as JsValue, { awaitable });
      }
    } catch (e) {
      throw asHostError(e, raised);
    }
    return p.output;
  }

  /**
   * Frees the compiled program now instead of when it is evicted (see
   * "Memory" in the README). Later calls throw MontyUsageError; disposing
   * twice does nothing. Runs and snapshots already started are unaffected.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.gen === currentGeneration()) disown(this, this.handle, this.gen, true);
    this.gen = -1;
  }

  /** The compiled program as bytes (MessagePack); {@link Monty.load} restores it without parsing. */
  dump(): Uint8Array {
    const handle = this.liveHandle();
    return callHandle('dumpProgram', handle)[1] as Uint8Array;
  }

  /** Restores a program from {@link Monty.dump} bytes (also those of the native library). */
  static load(bytes: Uint8Array, options: Pick<MontyOptions, 'limits' | 'printCallback'> = {}): Monty {
    if (!(bytes instanceof Uint8Array)) throw new MontyUsageError('Monty.load() expects a Uint8Array');
    let r: PyValue[];
    try {
      r = callCore('loadProgram', bytes);
    } catch (e) {
      throw asLoadError(e);
    }
    const m = Object.create(Monty.prototype) as Monty;
    const fields = m as unknown as Record<string, unknown>;
    fields.inputs = Object.freeze(r[2] as string[]);
    fields.externalFunctions = Object.freeze(r[3] as string[]);
    fields.scriptName = '';
    fields.limits = options.limits ?? NO_LIMITS;
    fields.printCallback = options.printCallback;
    fields.source = { dump: bytes.slice() };
    fields.handle = r[1] as number;
    fields.gen = currentGeneration();
    own(m, r[1] as number);
    return m;
  }
}

// `using m = new Monty(...)` (explicit resource management) where the
// runtime has Symbol.dispose.
const disposeSymbol = (Symbol as { dispose?: symbol }).dispose;
if (typeof disposeSymbol === 'symbol') {
  for (const cls of [Monty, MontySnapshot]) {
    Object.defineProperty(cls.prototype, disposeSymbol, {
      value(this: { dispose(): void }) {
        this.dispose();
      },
      configurable: true,
      writable: true,
    });
  }
}
