// Kind analysis of bytecode: for every reachable instruction, the depth of
// the value stack, the kind of value in each stack slot, the handler blocks
// in effect, and the kinds of the compiler's temporaries (`.0`, `.t3`).
//
// Why: the dispatch loop trusts the compiler. LIST_APPEND casts the slot
// below to a list, CALL_KW reads its keyword names as strs, MAKE_FUNCTION
// takes a closure tuple of cells, FOR_ITER reads its iterator as a heap
// object, COPY_DICT_WITHOUT_KEYS casts the match subject (held in a temp) to
// a dict. A paused frame read from a snapshot must therefore hold, in each
// slot, a value of the kind the code will later assume. The analysis proves
// every such assumption of the code from its own instructions (rejecting the
// code if it cannot), and gives the loader the kinds to check frame contents
// against.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/code.h"

namespace monty::snapshot {

enum class KT : uint8_t {
  Top,        // any value, including Undef (an unbound temp)
  Any,        // any value except Undef
  Undef,      // exactly Undef (LOAD_CONST of the Undef constant)
  Str,        // a str object
  Tuple,      // a tuple object
  StrTuple,   // a tuple of n strs (keyword names)
  CellTuple,  // a tuple of n cells (a closure)
  List,
  Set,
  Dict,
  Exc,      // an exception instance (handler entry, RERAISE)
  Iter,     // any heap object (GET_ITER's result; FOR_ITER reads it as one)
  Cell,     // a cell object (LOAD_CLOSURE)
  Code,     // the int n (a code constant, MAKE_FUNCTION's operand)
  Fn,       // a function object of code n
  MCall,    // LOAD_METHOD's callable: anything, or a builtin method reference
  MSelf,    // LOAD_METHOD's receiver, paired with the MCall below it
  MapTest,  // MATCH_MAPPING's result for the temp var n (refines it to Dict)
};

struct Kind {
  KT t = KT::Top;
  uint32_t n = 0;
  uint32_t origin = 0;  // 1 + tracked var the value was loaded from (0: none)
  bool operator==(const Kind& o) const { return t == o.t && n == o.n && origin == o.origin; }
};

struct TrackedVar {
  enum Space : uint8_t { Local, Global, Name } space;
  uint32_t
      index;  // local slot, or global slot (Name: the class namespace entry of that global's name)
};

struct BlockState {
  uint32_t handler;
  uint32_t depth;  // value-stack depth (above the locals and cells) to restore
  bool operator==(const BlockState& o) const { return handler == o.handler && depth == o.depth; }
};

struct InstrState {
  bool reached = false;
  std::vector<Kind> stack;
  std::vector<BlockState> blocks;
  std::vector<Kind> vars;  // per CodeAnalysis::vars
};

struct CodeAnalysis {
  std::vector<TrackedVar> vars;
  std::vector<InstrState> at;  // state before each instruction
};

// Analyzes program.codes[code]. False with *error set if the code does
// something the analysis cannot prove safe (which this build's compiler
// never emits: tests run it over every test program).
bool analyze_code(const Program& program, uint32_t code, std::string* error,
                  CodeAnalysis* out = nullptr);
// The same for a code outside the program (a consumer frame's, which may
// use the CONSUME_* instructions), in the program's context.
bool analyze_code(const Program& program, const Code& code, std::string* error,
                  CodeAnalysis* out = nullptr);

const char* kind_name(KT t);

// LOAD_FAST_LOAD_CONST / LOAD_FAST_LOAD_FAST execute the next instruction
// from its operand: a constant index, or a local index (the next may itself
// be a fused LOAD_FAST_*, whose operand is a local too).
inline bool fused_second_ok(Op first, Op next) {
  if (first == Op::LOAD_FAST_LOAD_CONST) return next == Op::LOAD_CONST;
  return next == Op::LOAD_FAST || next == Op::LOAD_FAST_LOAD_CONST ||
         next == Op::LOAD_FAST_LOAD_FAST;
}

}  // namespace monty::snapshot
