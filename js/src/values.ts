// The value mapping between JavaScript and Python (docs/value-mapping.md),
// and the MessagePack codec that carries values across the wasm boundary.
//
// The codec is written here rather than taken from a library because the
// mapping needs things a generic codec does not give: errors that name where
// a bad value sits (`inputs.x[2]`), cycle detection, maps with keys of any
// type, and JS-side markers for tuple and frozenset.

/** Marks an array as a Python tuple (see {@link tuple}). */
export const TUPLE: unique symbol = Symbol.for('monty-wasm.tuple') as never;
/** Marks a Set as a Python frozenset (see {@link frozenset}). */
export const FROZEN: unique symbol = Symbol.for('monty-wasm.frozenset') as never;

/** A Python tuple: a frozen array carrying the {@link TUPLE} marker. */
export interface PyTuple<T = PyValue> extends ReadonlyArray<T> {
  readonly [TUPLE]: true;
}

/** A Python frozenset: a Set carrying the {@link FROZEN} marker. */
export interface PyFrozenSet<T = PyValue> extends Set<T> {
  readonly [FROZEN]: true;
}

/** Python's `Ellipsis` (`...`). */
export class MontyEllipsis {
  // A private member makes the type nominal: without it any object with a
  // toString() (a Date, a function) would type-check as Ellipsis.
  private readonly ellipsisBrand = true;
  private constructor() {}
  /** The one instance. */
  static readonly instance: MontyEllipsis = new MontyEllipsis();
  toString(): string {
    return 'Ellipsis';
  }
}
export const Ellipsis: MontyEllipsis = MontyEllipsis.instance;

/**
 * A Python value with no data mapping (a function, a class, an instance of a
 * user-defined class, ...), returned as its `repr()`. Passed back into Python
 * it becomes that text, as a `str`.
 */
export class MontyRepr {
  constructor(readonly repr: string) {}
  toString(): string {
    return this.repr;
  }
}

/** What Python values become in JavaScript. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyValue[]
  | PyTuple
  | Map<PyValue, PyValue>
  | Set<PyValue>
  | PyFrozenSet
  | MontyEllipsis
  | MontyRepr;

/**
 * What JavaScript may pass into Python: every {@link PyValue}, plus
 * `undefined` (None) and plain objects (dict with str keys).
 */
export type JsValue =
  | PyValue
  | undefined
  | readonly JsValue[]
  | ReadonlyMap<JsValue, JsValue>
  | ReadonlySet<JsValue>
  | ArrayBuffer
  | { readonly [key: string]: JsValue };

/** Makes a Python tuple: `tuple(1, 'a')` is `(1, 'a')`. */
export function tuple<T extends PyValue>(...items: T[]): PyTuple<T> {
  Object.defineProperty(items, TUPLE, { value: true });
  return Object.freeze(items) as unknown as PyTuple<T>;
}

/** Makes a Python frozenset from any iterable. */
export function frozenset<T extends PyValue>(items: Iterable<T> = []): PyFrozenSet<T> {
  const s = new Set(items);
  Object.defineProperty(s, FROZEN, { value: true });
  return s as PyFrozenSet<T>;
}

export function isTuple(value: unknown): value is PyTuple {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

export function isFrozenSet(value: unknown): value is PyFrozenSet {
  return value instanceof Set && (value as unknown as Record<symbol, unknown>)[FROZEN] === true;
}

// ---- MessagePack ------------------------------------------------------------------

// Extension type codes, shared with wasm/msgpack_codec.h. Never renumber.
const EXT_TUPLE = 1;
const EXT_SET = 2;
const EXT_FROZENSET = 3;
const EXT_BIGINT = 4;
const EXT_ELLIPSIS = 5;
const EXT_REPR = 6;

/** Values nested deeper than this are refused (the C++ side has the same bound). */
export const MAX_DEPTH = 400;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/**
 * A value that is already MessagePack (internal: the CLI passes values parsed
 * by the native JSON reader this way, so a JSON `1.0` stays a float).
 */
export class EncodedValue {
  constructor(readonly bytes: Uint8Array) {}
}

/** Raised by {@link Encoder} for a value that cannot cross; `path` names it. */
export class ValueConversionError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (value instanceof Date) return 'a Date';
  if (value instanceof RegExp) return 'a RegExp';
  if (value instanceof Promise) return 'a Promise (await it first)';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} (only Uint8Array maps to bytes)`;
  const name = (value as object)?.constructor?.name;
  return name ? `an instance of ${name}` : 'an object with a custom prototype';
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Writes MessagePack; grows its buffer as needed. */
export class Encoder {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  // Containers on the path from the root to the value being written: meeting
  // one again is a cycle. A path (not a global set) so shared non-cyclic
  // references are fine.
  private readonly open: object[] = [];
  private readonly path: string[] = [];

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Starts a new message (the buffer is reused: encoding allocates only when it grows). */
  reset(): this {
    if (this.buf.length > 1 << 20) {
      // Don't hold on to the buffer of one huge message.
      this.buf = new Uint8Array(256);
      this.view = new DataView(this.buf.buffer);
    }
    this.pos = 0;
    // (Setting an array's length is a runtime call in V8, even to its length.)
    if (this.open.length) this.open.length = 0;
    if (this.path.length) this.path.length = 0;
    return this;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private sized(op8: number, n: number): void {
    // op8, op8+1, op8+2: the 8-, 16- and 32-bit length forms (bin, ext).
    this.ensure(5);
    if (n <= 0xff) {
      this.buf[this.pos++] = op8;
      this.buf[this.pos++] = n;
    } else if (n <= 0xffff) {
      this.buf[this.pos++] = op8 + 1;
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = op8 + 2;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  private header(fixBase: number, fixMax: number, op16: number, n: number): void {
    this.ensure(5);
    if (n <= fixMax) {
      this.buf[this.pos++] = fixBase | n;
    } else if (n <= 0xffff) {
      this.buf[this.pos++] = op16;
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = op16 + 1;
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(b: boolean): void {
    this.byte(b ? 0xc3 : 0xc2);
  }

  arrayHeader(n: number): void {
    this.header(0x90, 15, 0xdc, n);
  }

  mapHeader(n: number): void {
    this.header(0x80, 15, 0xde, n);
  }

  str(s: string): void {
    // Short strings are common (names, keys): encode straight into the buffer
    // with room for the worst case (3 bytes per UTF-16 unit), then fix the header.
    const max = s.length * 3;
    this.ensure(max + 5);
    const headerSize = max <= 31 ? 1 : max <= 0xff ? 2 : max <= 0xffff ? 3 : 5;
    const start = this.pos + headerSize;
    const { written } = utf8.encodeInto(s, this.buf.subarray(start));
    const n = written ?? 0;
    if (headerSize === 1) {
      this.buf[this.pos] = 0xa0 | n;
    } else if (headerSize === 2) {
      this.buf[this.pos] = 0xd9;
      this.buf[this.pos + 1] = n;
    } else if (headerSize === 3) {
      this.buf[this.pos] = 0xda;
      this.view.setUint16(this.pos + 1, n);
    } else {
      this.buf[this.pos] = 0xdb;
      this.view.setUint32(this.pos + 1, n);
    }
    this.pos = start + n;
  }

  /** Appends bytes that are already MessagePack. */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  bin(bytes: Uint8Array): void {
    this.sized(0xc4, bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  int(n: number): void {
    // n is a safe integer.
    this.ensure(9);
    if (n >= 0 && n < 128) {
      this.buf[this.pos++] = n;
    } else if (n < 0 && n >= -32) {
      this.buf[this.pos++] = n & 0xff;
    } else if (n >= -0x80000000 && n <= 0x7fffffff) {
      this.buf[this.pos++] = 0xd2;
      this.view.setInt32(this.pos, n);
      this.pos += 4;
    } else {
      this.buf[this.pos++] = 0xd3;
      this.view.setBigInt64(this.pos, BigInt(n));
      this.pos += 8;
    }
  }

  float(n: number): void {
    this.ensure(9);
    this.buf[this.pos++] = 0xcb;
    this.view.setFloat64(this.pos, n);
    this.pos += 8;
  }

  bigint(n: bigint): void {
    if (n >= INT64_MIN && n <= INT64_MAX) {
      this.ensure(9);
      this.buf[this.pos++] = 0xd3;
      this.view.setBigInt64(this.pos, n);
      this.pos += 8;
    } else {
      const digits = utf8.encode(n.toString());
      this.sized(0xc7, digits.length);
      this.byte(EXT_BIGINT);
      this.ensure(digits.length);
      this.buf.set(digits, this.pos);
      this.pos += digits.length;
    }
  }

  // An extension whose payload is an array of values; the length is patched
  // in afterwards because it is not known in advance.
  private sequenceExt(type: number, items: Iterable<unknown>, count: number, label: (i: number) => string): void {
    this.ensure(6);
    this.buf[this.pos++] = 0xc9;
    const lengthAt = this.pos;
    this.pos += 4;
    this.buf[this.pos++] = type;
    const payloadStart = this.pos;
    this.arrayHeader(count);
    let i = 0;
    for (const item of items) {
      this.path.push(label(i++));
      this.value(item);
      this.path.pop();
    }
    this.view.setUint32(lengthAt, this.pos - payloadStart);
  }

  private fail(reason: string): never {
    throw new ValueConversionError(this.path.join(''), reason);
  }

  /** Encodes one value; `root` names it in errors (e.g. "inputs.x"). */
  encode(value: unknown, root: string): void {
    this.path.length = 0;
    this.path.push(root);
    this.value(value);
  }

  private value(v: unknown): void {
    switch (typeof v) {
      case 'undefined':
        return this.nil();
      case 'boolean':
        return this.byte(v ? 0xc3 : 0xc2);
      case 'number':
        // JS integers become int, everything else float; -0 keeps its sign
        // as a float (the int 0 has none).
        if (Number.isInteger(v) && !Object.is(v, -0)) {
          return Number.isSafeInteger(v) ? this.int(v) : this.bigint(BigInt(v));
        }
        return this.float(v);
      case 'bigint':
        return this.bigint(v);
      case 'string':
        return this.str(v);
      case 'object':
        if (v === null) return this.nil();
        return this.object(v);
      default:
        return this.fail(`${describe(v)} has no Python counterpart`);
    }
  }

  private object(v: object): void {
    if (v instanceof Uint8Array) return this.bin(v);
    if (v instanceof EncodedValue) return this.raw(v.bytes);
    if (v instanceof ArrayBuffer) return this.bin(new Uint8Array(v));
    if (v === Ellipsis) {
      this.sized(0xc7, 0);
      return this.byte(EXT_ELLIPSIS);
    }
    if (v instanceof MontyRepr) {
      const text = utf8.encode(v.repr);
      this.sized(0xc7, text.length);
      this.byte(EXT_REPR);
      this.ensure(text.length);
      this.buf.set(text, this.pos);
      this.pos += text.length;
      return;
    }
    const isArray = Array.isArray(v);
    if (!isArray && !(v instanceof Map) && !(v instanceof Set) && !isPlainObject(v)) {
      return this.fail(`${describe(v)} has no Python counterpart`);
    }
    if (this.open.includes(v)) return this.fail('cyclic reference (a value that contains itself cannot be passed)');
    if (this.open.length >= MAX_DEPTH) return this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.open.push(v);
    if (isArray) {
      const a = v as unknown[];
      if (isTuple(a)) {
        this.sequenceExt(EXT_TUPLE, a, a.length, (i) => `[${i}]`);
      } else {
        this.arrayHeader(a.length);
        for (let i = 0; i < a.length; i++) {
          this.path.push(`[${i}]`);
          this.value(a[i]);
          this.path.pop();
        }
      }
    } else if (v instanceof Map) {
      this.mapHeader(v.size);
      let i = 0;
      for (const [k, val] of v) {
        this.path.push(`.keys()[${i}]`);
        this.value(k);
        this.path.pop();
        this.path.push(typeof k === 'string' || typeof k === 'number' ? `.get(${JSON.stringify(k)})` : `.values()[${i}]`);
        this.value(val);
        this.path.pop();
        i++;
      }
    } else if (v instanceof Set) {
      this.sequenceExt(isFrozenSet(v) ? EXT_FROZENSET : EXT_SET, v, v.size, (i) => `.values()[${i}]`);
    } else {
      const keys = Object.keys(v);
      this.mapHeader(keys.length);
      for (const k of keys) {
        this.str(k);
        this.path.push(IDENT.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);
        this.value((v as Record<string, unknown>)[k]);
        this.path.pop();
      }
    }
    this.open.pop();
  }
}

/** Reads MessagePack produced by the wasm module into JS values. */
export class Decoder {
  private pos = 0;
  // Made on first use: most replies hold only small ints, short strings and
  // arrays, read from `buf` directly, and a DataView costs ~0.3 us to create.
  private viewCache: DataView | undefined;

  constructor(private readonly buf: Uint8Array) {}

  private get view(): DataView {
    return (this.viewCache ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  private text(n: number): string {
    const s = utf8Decoder.decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  private bytes(n: number): Uint8Array {
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  private array(n: number): PyValue[] {
    const out = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) out[i] = this.value();
    return out;
  }

  private map(n: number): Map<PyValue, PyValue> {
    const m = new Map<PyValue, PyValue>();
    for (let i = 0; i < n; i++) {
      const k = this.value();
      m.set(k, this.value());
    }
    return m;
  }

  private int64(v: bigint): number | bigint {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  private ext(n: number): PyValue {
    const type = this.i8();
    switch (type) {
      case EXT_TUPLE:
      case EXT_SET:
      case EXT_FROZENSET: {
        const items = this.value() as PyValue[];
        if (type === EXT_TUPLE) return tuple(...items);
        return type === EXT_SET ? new Set(items) : frozenset(items);
      }
      case EXT_BIGINT:
        return BigInt(this.text(n));
      case EXT_ELLIPSIS:
        this.pos += n;
        return Ellipsis;
      case EXT_REPR:
        return new MontyRepr(this.text(n));
      default:
        throw new Error(`unknown MessagePack extension type ${type}`);
    }
  }

  // Big-endian reads straight from the bytes (a DataView only for 64-bit
  // integers and floats).
  private i8(): number {
    return (this.buf[this.pos++] << 24) >> 24;
  }

  private u16(): number {
    const b = this.buf;
    const n = (b[this.pos] << 8) | b[this.pos + 1];
    this.pos += 2;
    return n;
  }

  private u32(): number {
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  }

  value(): PyValue {
    const b = this.buf[this.pos++];
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xe0) === 0xa0) return this.text(b & 0x1f);
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f);
    if ((b & 0xf0) === 0x80) return this.map(b & 0x0f);
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xcc:
        return this.buf[this.pos++];
      case 0xd9:
        return this.text(this.buf[this.pos++]);
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf: {
        const big = this.view.getBigUint64(this.pos);
        this.pos += 8;
        return this.int64(big);
      }
      case 0xd0:
        return this.i8();
      case 0xd1:
        return (this.u16() << 16) >> 16;
      case 0xd2:
        return this.u32() | 0;
      case 0xd3: {
        const big = this.view.getBigInt64(this.pos);
        this.pos += 8;
        return this.int64(big);
      }
      case 0xca:
        this.pos += 4;
        return this.view.getFloat32(this.pos - 4);
      case 0xcb:
        this.pos += 8;
        return this.view.getFloat64(this.pos - 8);
      case 0xda:
        return this.text(this.u16());
      case 0xdb:
        return this.text(this.u32());
      case 0xc4:
        return this.bytes(this.buf[this.pos++]);
      case 0xc5:
        return this.bytes(this.u16());
      case 0xc6:
        return this.bytes(this.u32());
      case 0xdc:
        return this.array(this.u16());
      case 0xdd:
        return this.array(this.u32());
      case 0xde:
        return this.map(this.u16());
      case 0xdf:
        return this.map(this.u32());
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.ext(1 << (b - 0xd4));
      case 0xc7:
        return this.ext(this.buf[this.pos++]);
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      default:
        throw new Error(`invalid MessagePack byte 0x${b.toString(16)}`);
    }
  }
}

/** Decodes one complete MessagePack value. */
export function decode(bytes: Uint8Array): PyValue {
  return new Decoder(bytes).value();
}
