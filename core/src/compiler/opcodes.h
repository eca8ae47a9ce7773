// The bytecode instruction set, written once.
//
// An instruction is one 32-bit word: opcode in the low 8 bits, a 24-bit
// unsigned argument above it. X(name, stack effect or kVariable, comment)
// generates the Opcode enum, the name table for the disassembler, and the
// stack-effect table used by the compiler (max stack depth) and by the
// snapshot verifier.
#pragma once

#include <cstdint>

namespace monty {

inline constexpr int kVariable = 1000;  // stack effect depends on the argument

// clang-format off
#define MONTY_OPCODES(X)                                                                \
  X(NOP,               0, "do nothing")                                                 \
  X(POP_TOP,          -1, "drop TOS")                                                   \
  X(DUP_TOP,           1, "push TOS again")                                             \
  X(DUP_TOP_TWO,       2, "push TOS1, TOS again")                                       \
  X(ROT_TWO,           0, "swap TOS and TOS1")                                          \
  X(ROT_THREE,         0, "TOS moves below TOS2")                                       \
  X(ROT_FOUR,          0, "TOS moves below TOS3")                                       \
  X(LOAD_CONST,        1, "push constants[arg]")                                        \
  X(LOAD_FAST,         1, "push local arg (UnboundLocalError if unset)")                \
  X(STORE_FAST,       -1, "local arg = TOS")                                            \
  X(DELETE_FAST,       0, "unset local arg")                                            \
  X(LOAD_DEREF,        1, "push the value of cell slot arg")                            \
  X(STORE_DEREF,      -1, "cell slot arg = TOS")                                        \
  X(DELETE_DEREF,      0, "empty cell slot arg")                                        \
  X(LOAD_CLOSURE,      1, "push the cell object in slot arg")                           \
  X(LOAD_GLOBAL,       1, "push global arg, else builtin, else NameError")              \
  X(STORE_GLOBAL,     -1, "global arg = TOS")                                           \
  X(DELETE_GLOBAL,     0, "unset global arg")                                           \
  X(LOAD_NAME,         1, "class body: namespace, globals, builtins (arg: global id)")  \
  X(STORE_NAME,       -1, "class body: namespace[name of global arg] = TOS")            \
  X(DELETE_NAME,       0, "class body: del namespace[name]")                            \
  X(LOAD_ATTR,         0, "TOS = getattr(TOS, names[arg])")                             \
  X(STORE_ATTR,       -2, "setattr(TOS, names[arg], TOS1)")                             \
  X(DELETE_ATTR,      -1, "delattr(TOS, names[arg])")                                   \
  X(LOAD_METHOD,       1, "TOS -> (method, self) or (callable, Undef)")                 \
  X(CALL_METHOD,  kVariable, "call after LOAD_METHOD with arg positional args")         \
  X(BINARY_OP,        -1, "TOS = TOS1 <op arg> TOS (arg >= 16: in-place form)")        \
  X(UNARY_OP,          0, "TOS = <unary op arg> TOS")                                   \
  X(COMPARE_OP,       -1, "TOS = TOS1 <cmp arg> TOS (Lt, LtE, Eq, NotEq, Gt, GtE)")     \
  X(IS_OP,            -1, "TOS = TOS1 is TOS (arg 1: is not)")                          \
  X(CONTAINS_OP,      -1, "TOS = TOS1 in TOS (arg 1: not in)")                          \
  X(BINARY_SUBSCR,    -1, "TOS = TOS1[TOS]")                                            \
  X(STORE_SUBSCR,     -3, "TOS1[TOS] = TOS2")                                           \
  X(DELETE_SUBSCR,    -2, "del TOS1[TOS]")                                              \
  X(BUILD_SLICE,  kVariable, "slice of the top arg (2 or 3) values")                    \
  X(BUILD_TUPLE,  kVariable, "tuple of the top arg values")                             \
  X(BUILD_LIST,   kVariable, "list of the top arg values")                              \
  X(BUILD_SET,    kVariable, "set of the top arg values")                               \
  X(BUILD_MAP,    kVariable, "dict of the top 2*arg values (k0, v0, k1, v1...)")        \
  X(BUILD_STRING, kVariable, "concatenate the top arg str values")                      \
  X(FORMAT_VALUE,  kVariable, "f-string field: arg&3 conversion, arg&4 spec on TOS")    \
  X(LIST_APPEND,      -1, "stack[-arg-1].append(TOS) (comprehensions)")                 \
  X(SET_ADD,          -1, "stack[-arg-1].add(TOS)")                                     \
  X(MAP_ADD,          -2, "stack[-arg-2][TOS1] = TOS")                                  \
  X(LIST_EXTEND,      -1, "stack[-arg-1].extend(TOS)")                                  \
  X(SET_UPDATE,       -1, "stack[-arg-1].update(TOS)")                                  \
  X(DICT_UPDATE,      -1, "stack[-arg-1].update(TOS) (display **)")                     \
  X(DICT_MERGE,       -1, "like DICT_UPDATE but duplicate keys are a TypeError")        \
  X(LIST_TO_TUPLE,     0, "TOS = tuple(TOS)")                                           \
  X(UNPACK_SEQUENCE, kVariable, "unpack TOS into arg values")                           \
  X(UNPACK_EX,    kVariable, "starred unpack: arg&0xff before, arg>>8 after")           \
  X(JUMP,              0, "ip = arg")                                                   \
  X(POP_JUMP_IF_FALSE, -1, "if not TOS: ip = arg; pop")                                 \
  X(POP_JUMP_IF_TRUE, -1, "if TOS: ip = arg; pop")                                      \
  X(JUMP_IF_FALSE_OR_POP, kVariable, "if not TOS: ip = arg else pop")                   \
  X(JUMP_IF_TRUE_OR_POP, kVariable, "if TOS: ip = arg else pop")                        \
  X(JUMP_IF_NOT_UNDEF, 0, "if TOS is set: ip = arg (match/default helpers)")            \
  X(GET_ITER,          0, "TOS = iter(TOS)")                                            \
  X(FOR_ITER,     kVariable, "push next(TOS), or pop TOS and ip = arg")                 \
  X(CALL,         kVariable, "call stack[-arg-1] with arg positional args")             \
  X(CALL_KW,      kVariable, "call with arg args; TOS is a tuple of keyword names")     \
  X(CALL_EX,      kVariable, "call TOS2(*TOS1, **TOS) (arg 0: TOS is Undef, no kwargs)")\
  X(MAKE_FUNCTION, kVariable, "function from code const; arg flags: defaults, kwdefaults, closure, annotations") \
  X(MAKE_CLASS,   kVariable, "run class body TOS (a function) with name, arg bases")    \
  X(RETURN_VALUE,     -1, "return TOS")                                                 \
  X(YIELD_VALUE,       0, "yield TOS; TOS becomes the value sent in")                   \
  X(YIELD_FROM,   kVariable, "delegate to iterator TOS1; ip stays until exhausted")     \
  X(SETUP_FINALLY,     0, "push a handler at arg for the current stack depth")          \
  X(POP_BLOCK,         0, "pop the innermost handler")                                  \
  X(POP_EXCEPT,        0, "leave an except clause: restore the handled exception")      \
  X(RERAISE,          -1, "raise TOS again, keeping its traceback")                     \
  X(RAISE_VARARGS, kVariable, "raise (0: re-raise; 1: TOS; 2: TOS1 from TOS)")          \
  X(CHECK_EXC_MATCH,   0, "TOS = isinstance(TOS1, TOS) for except clauses")             \
  X(WITH_EXIT_CALL,    1, "[exit, exc] -> [exit, exc, exit(type, exc, None)]")          \
  X(LOAD_ASSERTION_ERROR, 1, "push AssertionError")                                     \
  X(IMPORT_NAME,       1, "push module names[arg]")                                     \
  X(IMPORT_FROM,       1, "push getattr(TOS, names[arg]) with ImportError wording")     \
  X(MATCH_CLASS,      -2, "TOS2 subject, TOS1 class, TOS kw names -> attribute tuple or None")   \
  X(MATCH_MAPPING,     0, "TOS = isinstance(TOS, Mapping)")                              \
  X(MATCH_SEQUENCE,    0, "TOS = isinstance(TOS, Sequence) and not str/bytes/dict")           \
      \
  X(COPY_DICT_WITHOUT_KEYS, -1, "TOS1 subject, TOS keys: both -> dict(subject) - keys")    \
  X(GET_LEN,           0, "TOS = len(TOS)")                                              \
  X(PRINT_EXPR,       -1, "REPL: remember TOS as the snippet's result")                 \
  X(SETUP_ANNOTATIONS, 0, "no-op: annotations are not evaluated")                    \
  X(INPLACE_ADD_FAST, -1, "local arg += TOS (appends in place to a str only it holds)") \
  X(INPLACE_ADD_GLOBAL, -1, "global arg += TOS (same, for module-level names)")       \
  X(LOAD_FAST_LOAD_CONST, 1, "LOAD_FAST arg, then runs the LOAD_CONST after it")       \
  X(LOAD_FAST_LOAD_FAST, 1, "LOAD_FAST arg, then runs the LOAD_FAST after it")      \
  X(GET_AWAITABLE,     0, "TOS = the awaitable of TOS for await (then LOAD_CONST None, YIELD_FROM)") \
  X(CONSUME_STEP,     -1, "consumer frames only: the builtin's work on TOS; any/all/next may jump to arg") \
  X(CONSUME_FINISH,    1, "consumer frames only: push the builtin's result")          \
  X(CONSUME_KEYED,    -2, "consumer frames only: the builtin's work on TOS1 and its key TOS") \
  X(ADAPT_ENUMERATE,   0, "step frames only: TOS = (count, TOS) of the enumerate in local 0") \
  X(ADAPT_END,         0, "step frames only: the source is exhausted: raise StopIteration") \
  X(ZIP_SOURCE,        1, "zip step only: push the next source, or jump to arg when all gave one") \
  X(ZIP_TAKE,         -2, "zip step only: keep TOS as this source's item, drop the source") \
  X(ZIP_SHORT,         0, "zip step only: a source is exhausted: strict checks, StopIteration") \
  X(ZIP_ITEM,          1, "zip step only: push the tuple of the items taken")           \
  X(LOOP_NEXT,         1, "event loop only: push the coroutine of the next task step, or jump to arg when done") \
  X(LOOP_YIELDED,     -2, "event loop only: [coroutine, yielded] -> the task waits on what it yielded") \
  X(LOOP_RETURNED,     0, "event loop only: the stepped task returned (its value in last_return_)") \
  X(LOOP_RAISED,      -1, "event loop only: the stepped task raised TOS (in an except handler)") \
  X(LOOP_FINISH,       1, "event loop only: push the main task's result (or raise its exception)")
// clang-format on

// CONSUME_STEP and after (the last ones) appear only in the VM's own
// consumer and step codes (runtime/consumers.h), never in a Program.
enum class Op : uint8_t {
#define MONTY_X(name, effect, doc) name,
  MONTY_OPCODES(MONTY_X)
#undef MONTY_X
      Count
};

inline constexpr uint32_t kOpcodeCount = static_cast<uint32_t>(Op::Count);

const char* opcode_name(Op op);
int opcode_stack_effect(Op op);  // kVariable if it depends on the argument
// Whether the argument is an instruction index (a jump or handler target).
bool opcode_is_jump(Op op);

using Instr = uint32_t;
inline constexpr Instr make_instr(Op op, uint32_t arg) {
  return static_cast<uint32_t>(op) | (arg << 8);
}
inline constexpr Op instr_op(Instr i) { return static_cast<Op>(i & 0xff); }
inline constexpr uint32_t instr_arg(Instr i) { return i >> 8; }
inline constexpr uint32_t kMaxInstrArg = (1u << 24) - 1;

// BINARY_OP arguments (CPython's order) and UNARY_OP / COMPARE_OP arguments.
enum class BinOp : uint8_t {
  Add,
  And,
  FloorDiv,
  LShift,
  MatMul,
  Mul,
  Mod,
  Or,
  Pow,
  RShift,
  Sub,
  TrueDiv,
  Xor,
  Count
};
inline constexpr uint32_t kInplace = 16;
enum class UnaryOp : uint8_t { Neg, Pos, Not, Invert };
enum class CmpArg : uint8_t { Lt, LtE, Eq, NotEq, Gt, GtE };

// MAKE_FUNCTION flags.
inline constexpr uint32_t kFnDefaults = 1, kFnKwDefaults = 2, kFnClosure = 4;
// The def has annotations: a dict of them sits between the kw-defaults and
// the closure (evaluated when the def runs, as in CPython 3.11).
inline constexpr uint32_t kFnAnnotations = 8;

}  // namespace monty
