// Everything the package exports, shared by its entry points (index.ts finds
// the wasm next to the bundle, inline.ts carries it embedded).
export { loadMonty, isLoaded, memoryStats, type LoadOptions, type MemoryStats } from './loader.js';
export {
  Monty,
  MontySnapshot,
  MontyComplete,
  type MontyOptions,
  type RunOptions,
  type StartOptions,
  type Limits,
  type PrintCallback,
  type ExternalFunction,
  type PauseKind,
  type ResumeOptions,
  type CallOutcome,
} from './monty.js';
export { MontyRepl, type MontyReplOptions } from './repl.js';
export {
  MontyError,
  MontyRuntimeError,
  MontySyntaxError,
  MontyLimitError,
  MontyHostError,
  MontyUsageError,
  MontyNotLoadedError,
  MontyInputError,
  MontySnapshotConsumedError,
  MontyMissingFunctionError,
  MontyLoadError,
  MontyInternalError,
  type LimitKind,
  type TracebackFrame,
} from './errors.js';
export {
  tuple,
  frozenset,
  isTuple,
  isFrozenSet,
  Ellipsis,
  MontyEllipsis,
  MontyRepr,
  TUPLE,
  FROZEN,
  type PyValue,
  type PyTuple,
  type PyFrozenSet,
  type JsValue,
} from './values.js';
