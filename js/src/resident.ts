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
import { currentGeneration, freeHandle } from './loader.js';

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
