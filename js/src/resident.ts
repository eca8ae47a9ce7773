// Programs, paused runs and REPL sessions keep their state in wasm memory
// while they hold a handle ("resident"). V8's garbage collector cannot see
// wasm memory, and neither finalizers nor WeakRefs help within one
// synchronous job (a loop creating interpreters keeps every WeakRef target
// alive and runs no finalizer until it ends), so wasm memory would grow until
// it failed. Instead at most MAX_RESIDENT objects hold a handle at once, held
// here strongly: beyond that the least recently used one is evicted (its
// state kept in JS as source code or dump bytes, which V8 does account for,
// and its handle freed), and restored when it is next used. An object that is
// dropped is thus freed in wasm at the latest after MAX_RESIDENT newer ones.
import { MontyInternalError, MontyUsageError } from './errors.js';
import { callCore, callHandle, currentGeneration, freeHandle, type HandleOp, type RequestOp } from './loader.js';

export interface Evictable {
  /** Moves the object's state out of wasm and frees its handle (via disown). */
  evict(): void;
}

const MAX_RESIDENT = 128;

// Handle -> owner, least recently used first (a Map keeps insertion order).
const residents = new Map<number, Evictable>();
let residentGeneration = -1;

function sameInstance(): void {
  // Handles die with the module instance (reset after a trap).
  if (residentGeneration !== currentGeneration()) {
    residents.clear();
    residentGeneration = currentGeneration();
  }
}

/** Makes `owner` the holder of a new handle; may evict the least recently used owner. */
export function own(owner: Evictable, handle: number): void {
  sameInstance();
  residents.set(handle, owner);
  while (residents.size > MAX_RESIDENT) {
    const [oldest, evicted] = residents.entries().next().value as [number, Evictable];
    residents.delete(oldest);
    evicted.evict();
  }
}

/** Marks a handle as just used. */
export function touch(handle: number): void {
  const owner = residents.get(handle);
  if (owner) {
    residents.delete(handle);
    residents.set(handle, owner);
  }
}

/**
 * Ends `owner`'s hold on a handle of instance generation `gen`; `free` frees
 * it in wasm too (false when wasm already let go of it, as resuming does).
 */
export function disown(owner: Evictable, handle: number, gen: number, free: boolean): void {
  if (gen !== currentGeneration()) return; // died with an earlier instance
  if (residents.get(handle) === owner) residents.delete(handle);
  if (free) freeHandle(handle, gen);
}

/** How many handles are resident (for tests). */
export function residentCount(): number {
  sameInstance();
  return residents.size;
}

/** How to move one kind of state out of wasm and back. */
export interface DumpKind {
  dump: HandleOp;
  load: RequestOp;
  /** Where the load reply has the new handle. */
  handleAt: number;
  /** The error message when the state died with a reset module. */
  lost: string;
  /** The error message for a use after dispose(). */
  disposed: string;
}

/**
 * The wasm handle of a paused run or REPL session: evicted as dump bytes
 * when too many objects are resident, loaded again when next used.
 */
export class DumpableHandle implements Evictable {
  private handle: number;
  private gen: number;
  private saved: Uint8Array | undefined = undefined;
  private done = false; // disposed or used up

  constructor(
    handle: number,
    private readonly kind: DumpKind,
  ) {
    this.handle = handle;
    this.gen = currentGeneration();
    own(this, handle);
  }

  evict(): void {
    try {
      this.saved = callHandle(this.kind.dump, this.handle)[1] as Uint8Array;
    } catch {
      return; // stays in wasm
    }
    disown(this, this.handle, this.gen, true);
  }

  /** The handle, with the state loaded back into wasm if it was evicted. */
  get(): number {
    if (this.done) throw new MontyUsageError(this.kind.disposed);
    if (this.saved) {
      const r = callCore(this.kind.load, this.saved);
      this.saved = undefined;
      this.handle = r[this.kind.handleAt] as number;
      this.gen = currentGeneration();
      own(this, this.handle);
    } else if (this.gen !== currentGeneration()) {
      throw new MontyInternalError(this.kind.lost);
    } else {
      touch(this.handle);
    }
    return this.handle;
  }

  /** The state as dump bytes (a copy). */
  dump(): Uint8Array {
    if (this.saved) return this.saved.slice();
    return callHandle(this.kind.dump, this.get())[1] as Uint8Array;
  }

  /** The wasm side was used up (resuming consumes a paused run). */
  release(): void {
    this.done = true;
    disown(this, this.handle, this.gen, false);
  }

  /** Frees the state now; later uses throw MontyUsageError. Idempotent. */
  dispose(): void {
    if (this.done) return;
    this.done = true;
    if (this.saved) this.saved = undefined;
    else disown(this, this.handle, this.gen, true);
  }
}
