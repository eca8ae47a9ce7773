// Builtins that consume an iterator driven by Python code — sum(f(x) for x
// in xs), list(map(fetch, urls)), sorted(gen), "".join(gen), any(gen) —
// run as a frame of the dispatch loop instead of a native loop.
//
// Why: a native loop resumes the generator (or calls map's function) through
// a nested dispatch loop for every item, and nothing inside such a re-entry
// can pause: an external function called by the generator would have to
// stop the C++ stack, so it raised RuntimeError. As a frame, the consumer's
// loop is VM state like any other frame: it pauses for the host, is dumped
// and loaded, and its FOR_ITER resumes the generator's frame on top of it
// without C++ recursion. The builtin's own work per item (an append, an
// addition, a comparison) is one instruction, CONSUME_STEP.
//
// Only where the run can pause (it has external functions, pauses for
// undefined names or for time slices): elsewhere the native loops stay, as
// they are faster for native iterators and need no frame. A consumer frame
// has no line of its own: tracebacks skip it, as CPython shows no frame for
// a builtin. next(gen) is one too: a consumer of one item.
#pragma once

#include <cstdint>

namespace monty {

struct Code;

// What a consumer frame builds. Its locals: 0 = the accumulator, 1..3 =
// per kind (below); its value stack starts with the iterable (next(): the
// iterator).
enum class Consumer : uint8_t {
  List,       // 0: the list
  Tuple,      // 0: a list, made a tuple at the end
  Set,        // 0: the set
  FrozenSet,  // 0: the frozenset
  Sorted,     // 0: a list; 1, 2: keyword names and values for list.sort (or unset)
  Join,       // 0: a list; 1: the separator str
  Sum,        // 0: the running total
  Min,        // 0: best item (unset before the first); 1: its key; 3: default
  Max,        // as Min
  Any,        // (no state)
  All,        // (no state)
  Next,       // 0: the default (unset: StopIteration when exhausted)
  Dict,       // 0: the dict; 1: items added (int); 2, 3: keyword names and values (or unset)
  // With a key function that may pause (its calls are CALL instructions):
  SortedKeyed,  // 0: the items (list); 1: the key function; 2: their keys (list); 3: reverse
  MinKeyed,     // as Min, and 2: the key function
  MaxKeyed,
  // Step frames: one item of an iterator adaptor whose source runs Python
  // code (or whose function may pause), for the FOR_ITER below them, which
  // pushed them. They return the item, or end the loop below by raising
  // StopIteration (as CPython's adaptor's __next__ would). Local 0 is the
  // adaptor; the value stack starts with its source iterator.
  MapStep,          // map(f, source): 1 = f
  FilterStep,       // filter(pred, source): 1 = pred
  FilterTruthStep,  // filter(None or bool, source)
  EnumerateStep,    // enumerate(source)
  ZipStep,          // zip(*sources): 1 = the items taken (list), 2 = how many (int);
                    // its stack starts with the zip itself
  // list.sort(key=f) with a key function that may pause (appended after the
  // step frames, whose snapshot indices stay as format 4 first wrote them):
  // 0 = the list's items, taken out while it sorts (CPython's list looks
  // empty then); 1 = the key function; 2 = the keys; 3 = the list sorted.
  // Its stack starts with the items (0), which it iterates.
  ListSortKeyed,
  ListSortKeyedReverse,  // as ListSortKeyed, reverse=True
  // asyncio.run's event loop (builtins/asyncio.cpp), appended: 0 = the
  // loop's state (a list, see asyncio.cpp). Its stack starts with the main
  // coroutine, which the loop's task holds; the code drops it first.
  EventLoop,
  Count
};
inline constexpr uint32_t kConsumerCount = static_cast<uint32_t>(Consumer::Count);
inline constexpr uint32_t kConsumerLocals = 4;

// The code a consumer frame runs (flags kCodeIntrinsic). Immutable, shared
// by every VM; a VM gives these codes the indices just past its program's
// (VM::ensure_consumer_codes), and snapshots refer to them that way.
// A consumer's (List .. Dict), after a GET_ITER of its iterable (all but
// next(), which is given an iterator; jump targets below count from it):
//   0 FOR_ITER 3        next item, or to 3 when exhausted
//   1 CONSUME_STEP 4    the builtin's work; any/all/next jump to 4 with the result
//   2 JUMP 0
//   3 CONSUME_FINISH    push the result
//   4 RETURN_VALUE
// The keyed consumers call the key function with LOAD_FAST/ROT_TWO/CALL and
// hand item and key to CONSUME_KEYED. A step frame's is ordinary bytecode
// (FOR_ITER over the source, then LOAD_FAST 1 / CALL for the function,
// POP_JUMP_IF_FALSE for filter, ADAPT_ENUMERATE, the ZIP_* steps) ending in
// ADAPT_END or ZIP_SHORT; see make_consumer_code.
const Code& consumer_code(Consumer kind);

}  // namespace monty
