// Type tests (tsc --noEmit): the value mapping and the API as a TypeScript
// user sees them through the package's exports map (ESM side).
import {
  loadMonty, Monty, MontySnapshot, MontyComplete, MontyRepl, memoryStats, type MemoryStats, MontyRuntimeError, MontyLimitError, MontyHostError,
  tuple, frozenset, isTuple, Ellipsis, MontyRepr,
  type PyValue, type PyTuple, type JsValue, type Limits, type TracebackFrame, type LimitKind,
} from 'monty-wasm';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

await loadMonty({ wasmBinary: new Uint8Array() });
const m = new Monty('x', { inputs: ['x'], externalFunctions: ['f'], scriptName: 'a.py', limits: { maxMemory: 1 } });
const out: PyValue = m.run({ inputs: { x: [1, 2n, 'a', null, undefined, { k: new Map([[1, new Set([tuple(1)])]]) }] } });
const p = m.start({ inputs: { x: new Uint8Array(1) } });
if (p instanceof MontySnapshot) {
  const name: string = p.functionName;
  const args: PyValue[] = p.args;
  const kw: Record<string, PyValue> = p.kwargs;
  const next: MontySnapshot | MontyComplete = p.resume(frozenset([1]));
  void [name, args, kw, next, p.resumeError('ValueError', 'x'), p.dump()];
} else {
  const o: PyValue = p.output;
  void o;
}
const t: PyTuple<number> = tuple(1, 2);
const el: number = t[0];
if (isTuple(out)) {
  const asTuple: PyTuple = out;
  void asTuple;
}
assertType<Equal<ReturnType<typeof tuple<number>>, PyTuple<number>>>();
const asyncResult: Promise<PyValue> = m.runAsync({ externalFunctions: { f: async (a: number) => a + 1 } });
const limits: Limits = { maxDurationMs: 1.5, pauseEveryInstructions: 10 };
const repl = new MontyRepl({ scriptName: '<s>', limits, printCallback: null });
const fed: PyValue = repl.feed('1', { printCallback: (stream: 'stdout' | 'stderr', text: string) => void [stream, text] });
const restored: MontyRepl = MontyRepl.load(repl.dump());
const stats: MemoryStats = memoryStats();
const wasmBytes: number = stats.wasmMemoryBytes + stats.liveObjects;
restored.dispose();
repl.dispose();
void [fed, restored, wasmBytes];
try {
  m.run();
} catch (e) {
  if (e instanceof MontyLimitError) {
    const k: LimitKind = e.limit;
    const frames: TracebackFrame[] = e.traceback;
    void [k, frames];
  }
  if (e instanceof MontyHostError) void e.cause;
  if (e instanceof MontyRuntimeError) {
    const s: string = e.type + e.formatted + e.pythonMessage;
    // Where the failing expression is, when known.
    const where: [number | undefined, number | undefined, number | undefined] = [
      e.traceback[0]?.column,
      e.traceback[0]?.endLine,
      e.traceback[0]?.endColumn,
    ];
    // @ts-expect-error: a column is a number
    const notText: string | undefined = e.traceback[0]?.column;
    void [s, where, notText];
  }
}
const j: JsValue = { a: [1, Ellipsis, new MontyRepr('x')] };
// @ts-expect-error a Date is not a JsValue
const bad: JsValue = new Date();
// @ts-expect-error functions are not values
m.run({ inputs: { x: () => 1 } });
void [el, asyncResult, limits, j, bad, Monty.load(new Uint8Array()), MontySnapshot.load(new Uint8Array())];
