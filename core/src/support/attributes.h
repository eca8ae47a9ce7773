// Function attributes that steer inlining.
//
// MONTY_NOINLINE keeps a function out of its callers. Two reasons to use it:
//   - native stack: a function on a recursive path (the parser's nesting)
//     stays small when its rare branches live elsewhere;
//   - start-up time in WebAssembly: V8 compiles a wasm function when it is
//     first called (lazy compilation, ~10 KB of function body per ms on the
//     benchmark machine), so a switch that inlines every case is compiled
//     whole the first time any case runs. A case kept out of line is compiled
//     only by the programs that use it (bench/README.md, "Time to the first
//     result").
// MONTY_COLD also tells the optimizer the function is rarely called (error
// paths), so calls to it are laid out off the hot path.
#pragma once

#define MONTY_NOINLINE [[gnu::noinline]]
#define MONTY_COLD [[gnu::noinline, gnu::cold]]

// MONTY_NO_UNROLL before a loop keeps clang from unrolling it: for the short
// copies in the dispatch loop (a call's arguments, an unpacked tuple)
// unrolling buys nothing and makes VM::dispatch bigger, which the first run
// pays for in WebAssembly. (GCC does not unroll at -O3 by default.)
#if defined(__clang__)
#define MONTY_NO_UNROLL _Pragma("clang loop unroll(disable) vectorize(disable)")
#else
#define MONTY_NO_UNROLL
#endif
