// MontyRepl: an interactive session. Each feed() compiles and runs one
// snippet against the globals the earlier ones left; a snippet that raises
// leaves them as they were. The session lives in wasm (monty::Repl) and can
// be dumped to bytes and loaded elsewhere, like a paused run.
import { MontyUsageError } from './errors.js';
import { callCore } from './loader.js';
import { DumpableHandle, type DumpKind } from './resident.js';
import {
  asLoadError,
  Printer,
  requestEncoder,
  writeLimits,
  type Limits,
  type PrintCallback,
} from './monty.js';
import type { PyValue } from './values.js';

export interface MontyReplOptions {
  /** File name shown in tracebacks (default `<stdin>`, as CPython's interactive prompt). */
  scriptName?: string;
  /** Limits: time and instruction budgets apply to each snippet, memory to the live heap of the session. */
  limits?: Limits;
  /** Where snippets print (default: the console / process streams; `null` discards). */
  printCallback?: PrintCallback | null;
}

const REPL_STATE: DumpKind = {
  dump: 'replDump',
  load: 'replLoad',
  handleAt: 1,
  lost: 'this REPL session was lost when the WebAssembly module was reset after a failure',
  disposed: 'this REPL session was disposed',
};

/** An interactive Python session whose globals persist from one snippet to the next. */
export class MontyRepl {
  readonly scriptName: string;
  /** Where snippets print; may be changed between feeds. */
  printCallback: PrintCallback | null | undefined;
  private readonly wasm: DumpableHandle;

  constructor(options: MontyReplOptions = {}) {
    if (options === null || typeof options !== 'object') throw new MontyUsageError('options must be an object');
    const scriptName = options.scriptName ?? '<stdin>';
    if (typeof scriptName !== 'string') throw new MontyUsageError('options.scriptName must be a string');
    const enc = requestEncoder();
    enc.arrayHeader(2);
    enc.str(scriptName);
    writeLimits(enc, {}, options.limits);
    const r = callCore('replCreate', enc.finish());
    this.scriptName = scriptName;
    this.printCallback = options.printCallback;
    this.wasm = new DumpableHandle(r[1] as number, REPL_STATE);
  }

  /**
   * Runs one snippet (any number of statements). Returns the value of its
   * last statement if that is an expression, else null; throws
   * MontySyntaxError / MontyRuntimeError (the session keeps its state).
   */
  feed(code: string, options: { printCallback?: PrintCallback | null } = {}): PyValue {
    if (typeof code !== 'string') throw new MontyUsageError('code must be a string');
    const handle = this.wasm.get();
    const printer = new Printer(options.printCallback !== undefined ? options.printCallback : this.printCallback);
    const enc = requestEncoder();
    enc.arrayHeader(3);
    enc.int(handle);
    enc.str(code);
    enc.bool(printer.sink !== null);
    let r: PyValue[];
    try {
      r = callCore('replFeed', enc.finish(), printer.sink);
    } finally {
      printer.done();
    }
    return r[1];
  }

  /**
   * Frees the session's memory now instead of when it is evicted (see
   * "Memory" in the README). Later calls throw MontyUsageError; disposing
   * twice does nothing.
   */
  dispose(): void {
    this.wasm.dispose();
  }

  /** The whole session (globals, functions, classes) as bytes; {@link MontyRepl.load} restores it. */
  dump(): Uint8Array {
    return this.wasm.dump();
  }

  /** Restores a session from {@link MontyRepl.dump} bytes (also those of the native `monty repl --session`). */
  static load(bytes: Uint8Array, options: { printCallback?: PrintCallback | null } = {}): MontyRepl {
    if (!(bytes instanceof Uint8Array)) throw new MontyUsageError('MontyRepl.load() expects a Uint8Array');
    let r: PyValue[];
    try {
      r = callCore('replLoad', bytes);
    } catch (e) {
      throw asLoadError(e);
    }
    const repl = Object.create(MontyRepl.prototype) as MontyRepl;
    const fields = repl as unknown as Record<string, unknown>;
    fields.scriptName = '';
    fields.printCallback = options.printCallback;
    fields.wasm = new DumpableHandle(r[1] as number, REPL_STATE);
    return repl;
  }
}

const disposeSymbol = (Symbol as { dispose?: symbol }).dispose;
if (typeof disposeSymbol === 'symbol') {
  Object.defineProperty(MontyRepl.prototype, disposeSymbol, {
    value(this: MontyRepl) {
      this.dispose();
    },
    configurable: true,
    writable: true,
  });
}
