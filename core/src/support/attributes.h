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
