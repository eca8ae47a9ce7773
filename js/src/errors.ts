// Every failure the package reports is an instance of one of these classes
// (never a string, never an Emscripten abort). Python-level failures carry the
// exception's type name, message, traceback frames and CPython's text.

/** One traceback line, innermost last (as CPython prints them). */
export interface TracebackFrame {
  filename: string;
  line: number;
  /** `<module>` for top-level code. */
  function: string;
  /** The source text of that line less its indentation (may be empty). */
  source: string;
  /**
   * Where the failing expression (or a syntax error) is, when known: what
   * the text underlines with `^^^`, from `column` on `line` to `endColumn`
   * on `endLine`; 0-based code point offsets into the line as written
   * (indentation included), end exclusive.
   */
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** Base class of every error thrown by monty-wasm. */
export class MontyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A Python exception: the program raised and nothing caught it. */
export class MontyRuntimeError extends MontyError {
  /** The Python exception type name, e.g. `ZeroDivisionError`. */
  readonly type: string;
  /** `str()` of the exception (may be empty). */
  readonly pythonMessage: string;
  /** Traceback frames, innermost last. */
  readonly traceback: TracebackFrame[];
  /** The complete text CPython would print (`Traceback (most recent call last): ...`). */
  readonly formatted: string;

  constructor(
    type: string,
    pythonMessage: string,
    formatted: string,
    traceback: TracebackFrame[],
    options?: { cause?: unknown },
  ) {
    super(pythonMessage ? `${type}: ${pythonMessage}` : type, options);
    this.type = type;
    this.pythonMessage = pythonMessage;
    this.formatted = formatted;
    this.traceback = traceback;
  }
}

/** The code failed to compile (or uses a construct outside the supported subset). */
export class MontySyntaxError extends MontyRuntimeError {}

/** Which limit a {@link MontyLimitError} hit. */
export type LimitKind = 'memory' | 'allocations' | 'instructions' | 'duration' | 'recursion';

/** The program exceeded one of its limits (a MemoryError, TimeoutError or RecursionError). */
export class MontyLimitError extends MontyRuntimeError {
  constructor(
    readonly limit: LimitKind,
    type: string,
    pythonMessage: string,
    formatted: string,
    traceback: TracebackFrame[],
  ) {
    super(type, pythonMessage, formatted, traceback);
  }
}

/**
 * A host (external) function threw or its promise rejected, the error was
 * raised in Python at the call site, and the program did not catch it.
 * `cause` is the original JS error.
 */
export class MontyHostError extends MontyRuntimeError {
  constructor(
    readonly functionName: string,
    type: string,
    pythonMessage: string,
    formatted: string,
    traceback: TracebackFrame[],
    cause: unknown,
  ) {
    super(type, pythonMessage, formatted, traceback, { cause });
  }
}

/** The API was used in a way it does not allow; the message says how to fix it. */
export class MontyUsageError extends MontyError {}

/** `loadMonty()` has not finished (or failed): await it before creating interpreters. */
export class MontyNotLoadedError extends MontyUsageError {}

/** Inputs do not match the declared names, or a value has no Python counterpart (`path` says where). */
export class MontyInputError extends MontyUsageError {
  constructor(
    message: string,
    /** Where the bad value was, e.g. `inputs.x[2]` (empty for name mismatches). */
    readonly path: string = '',
  ) {
    super(message);
  }
}

/** A snapshot was resumed (or dumped) after it had already been resumed. */
export class MontySnapshotConsumedError extends MontyUsageError {}

/** The program called an external function that no implementation was given for. */
export class MontyMissingFunctionError extends MontyUsageError {
  constructor(
    message: string,
    readonly functionName: string,
  ) {
    super(message);
  }
}

/** Bytes given to `load()` are not a valid dump (corrupt, truncated, other version). */
export class MontyLoadError extends MontyError {}

/**
 * The WebAssembly module failed (a trap or an internal error). The module
 * has been reset: new interpreters work, paused snapshots from before are lost.
 */
export class MontyInternalError extends MontyError {}

const LIMIT_PATTERNS: [RegExp, LimitKind][] = [
  [/^memory limit exceeded/, 'memory'],
  [/^allocation limit exceeded/, 'allocations'],
  [/^instruction limit exceeded/, 'instructions'],
  [/^time limit exceeded/, 'duration'],
  [/^maximum recursion depth exceeded/, 'recursion'],
];

/** Builds the right error class for a Python exception reply. */
export function pythonError(
  type: string,
  message: string,
  formatted: string,
  traceback: TracebackFrame[],
): MontyRuntimeError {
  if (type === 'SyntaxError' || type === 'IndentationError' || type === 'TabError') {
    return new MontySyntaxError(type, message, formatted, traceback);
  }
  if (type === 'MemoryError' || type === 'TimeoutError' || type === 'RecursionError') {
    for (const [pattern, limit] of LIMIT_PATTERNS) {
      if (pattern.test(message)) return new MontyLimitError(limit, type, message, formatted, traceback);
    }
  }
  return new MontyRuntimeError(type, message, formatted, traceback);
}
