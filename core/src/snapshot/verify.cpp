// See verify.h. A forward data-flow analysis over the instructions of one
// code object; the lattice per slot is small (a kind, joined to Any or Top
// when paths disagree), so the work list converges quickly.
#include "snapshot/verify.h"

#include <algorithm>
#include <stdexcept>

#include "support/attributes.h"

namespace monty::snapshot {

const char* kind_name(KT t) {
  switch (t) {
    case KT::Top:
      return "any value";
    case KT::Any:
      return "a value";
    case KT::Undef:
      return "unset";
    case KT::Str:
      return "a str";
    case KT::Tuple:
      return "a tuple";
    case KT::StrTuple:
      return "a tuple of strs";
    case KT::CellTuple:
      return "a tuple of cells";
    case KT::List:
      return "a list";
    case KT::Set:
      return "a set";
    case KT::Dict:
      return "a dict";
    case KT::Exc:
      return "an exception";
    case KT::Iter:
      return "an iterator";
    case KT::Cell:
      return "a cell";
    case KT::Code:
      return "a code index";
    case KT::Fn:
      return "a function";
    case KT::MCall:
      return "a method";
    case KT::MSelf:
      return "a method receiver";
    case KT::MapTest:
      return "a mapping test";
  }
  return "?";
}

namespace {

bool tuple_family(KT t) { return t == KT::Tuple || t == KT::StrTuple || t == KT::CellTuple; }

Kind join(const Kind& a, const Kind& b) {
  Kind r;
  r.origin = a.origin == b.origin ? a.origin : 0;
  if (a.t == b.t && a.n == b.n) {
    r.t = a.t;
    r.n = a.n;
    return r;
  }
  auto maybe_undef = [](KT t) { return t == KT::Top || t == KT::Undef || t == KT::MSelf; };
  if (maybe_undef(a.t) || maybe_undef(b.t)) {
    r.t = KT::Top;
  } else if (tuple_family(a.t) && tuple_family(b.t)) {
    r.t = KT::Tuple;
  } else {
    r.t = KT::Any;
  }
  return r;
}

struct Fail {
  std::string message;
};

class Analyzer {
 public:
  Analyzer(const Program& p, const Code& c) : p_(p), c_(c) {}

  void run(CodeAnalysis& out) {
    out.vars.clear();
    for (uint32_t i = 0; i < c_.nlocals(); i++) {
      if (!c_.local_names[i].empty() && c_.local_names[i][0] == '.')
        out.vars.push_back({TrackedVar::Local, i});
    }
    bool module = c_.flags & kCodeModule, class_body = c_.flags & kCodeClassBody;
    if (module || class_body) {
      for (uint32_t g = 0; g < p_.globals.size(); g++) {
        const std::string& n = p_.names[p_.globals[g]];
        if (!n.empty() && n[0] == '.')
          out.vars.push_back({module ? TrackedVar::Global : TrackedVar::Name, g});
      }
    }
    vars_ = &out.vars;
    local_var_.assign(c_.nlocals(), 0);
    global_var_.assign(p_.globals.size(), 0);
    for (uint32_t v = 0; v < out.vars.size(); v++) {
      if (out.vars[v].space == TrackedVar::Local)
        local_var_[out.vars[v].index] = v + 1;
      else
        global_var_[out.vars[v].index] = v + 1;
    }
    at_ = &out.at;
    out.at.assign(c_.code.size(), InstrState());
    InstrState start;
    start.vars.assign(out.vars.size(), Kind{KT::Top, 0, 0});
    // A comprehension's iterator arrives in its first parameter `.0`.
    if ((c_.flags & kCodeComprehension) && c_.nlocals() > 0 && c_.local_names[0] == ".0" &&
        local_var_[0]) {
      start.vars[local_var_[0] - 1] = Kind{KT::Iter, 0, 0};
    }
    // A consumer frame starts with its iterator on the stack.
    if (c_.flags & kCodeIntrinsic) start.stack.push_back(Kind{KT::Iter, 0, 0});
    merge(0, std::move(start));
    while (!work_.empty()) {
      uint32_t ip = work_.back();
      work_.pop_back();
      step(ip);
    }
  }

 private:
  [[noreturn]] MONTY_COLD void bad(uint32_t ip, const std::string& what) {
    throw Fail{"instruction " + std::to_string(ip) + " (" + opcode_name(instr_op(c_.code[ip])) +
               "): " + what};
  }
  // (Out of line, so a call site passes a pointer instead of building a
  // std::string: see step().)
  [[noreturn]] MONTY_COLD void bad(uint32_t ip, const char* what) { bad(ip, std::string(what)); }
  [[noreturn]] MONTY_COLD void bad_count(uint32_t ip, const char* before, uint64_t count,
                                         const char* after) {
    bad(ip, before + std::to_string(count) + after);
  }
  [[noreturn]] MONTY_COLD void bad_kind(uint32_t ip, const char* what, KT found, KT expected) {
    bad(ip, std::string(what) + " is " + kind_name(found) + ", expected " + kind_name(expected));
  }

  static Kind const_kind(const Constant& k) {
    switch (k.kind) {
      case Constant::Kind::Str:
        return Kind{KT::Str, 0, 0};
      case Constant::Kind::Code:
        return Kind{KT::Code, static_cast<uint32_t>(k.int_value), 0};
      case Constant::Kind::Undef:
        return Kind{KT::Undef, 0, 0};
      case Constant::Kind::Tuple: {
        bool strs = std::all_of(k.items.begin(), k.items.end(),
                                [](const Constant& x) { return x.kind == Constant::Kind::Str; });
        if (strs) return Kind{KT::StrTuple, static_cast<uint32_t>(k.items.size()), 0};
        return Kind{KT::Tuple, 0, 0};
      }
      default:
        return Kind{KT::Any, 0, 0};
    }
  }

  MONTY_NOINLINE void merge(uint32_t ip, InstrState in) {
    InstrState& s = (*at_)[ip];
    if (!s.reached) {
      s = std::move(in);
      s.reached = true;
      work_.push_back(ip);
      return;
    }
    if (s.stack.size() != in.stack.size()) {
      throw Fail{"instruction " + std::to_string(ip) + ": reached with stack depths " +
                 std::to_string(s.stack.size()) + " and " + std::to_string(in.stack.size())};
    }
    if (s.blocks != in.blocks)
      throw Fail{"instruction " + std::to_string(ip) + ": reached with different handlers"};
    bool changed = false;
    for (size_t i = 0; i < s.stack.size(); i++) {
      Kind j = join(s.stack[i], in.stack[i]);
      if (!(j == s.stack[i])) {
        s.stack[i] = j;
        changed = true;
      }
    }
    for (size_t i = 0; i < s.vars.size(); i++) {
      Kind j = join(s.vars[i], in.vars[i]);
      if (!(j == s.vars[i])) {
        s.vars[i] = j;
        changed = true;
      }
    }
    if (changed) work_.push_back(ip);
  }

  // One instruction: its effect on the state before it, merged into its
  // successors. step() keeps no locals with destructors (its states live in
  // members): in WebAssembly every call made while such a local is alive
  // needs an exception cleanup, and step() is one big switch that V8
  // compiles whole on a snapshot's first load (bench/README.md, "Time to the
  // first result").
  void step(uint32_t ip) {
    cur_ = (*at_)[ip];
    jumps_.clear();
    InstrState& s = cur_;
    const Instr in = c_.code[ip];
    const Op op = instr_op(in);
    const uint32_t arg = instr_arg(in);
    const size_t n = c_.code.size();

    // Any instruction inside a try may raise into the innermost handler,
    // which sees the stack cut back to the block's depth plus the exception.
    if (!s.blocks.empty()) {
      BlockState b = s.blocks.back();
      if (s.stack.size() < b.depth) bad(ip, "stack below its handler's depth");
      InstrState& h = handler_;
      h.stack.assign(s.stack.begin(), s.stack.begin() + b.depth);
      h.stack.push_back(Kind{KT::Exc, 0, 0});
      h.blocks.assign(s.blocks.begin(), s.blocks.end() - 1);
      h.vars = s.vars;
      if (b.handler >= n) bad(ip, "handler out of range");
      merge(b.handler, std::move(h));
    }

    auto& st = s.stack;
    auto pop = [&]() -> Kind {
      if (st.empty()) bad(ip, "stack underflow");
      Kind k = st.back();
      st.pop_back();
      return k;
    };
    // A value consumed as a Python value: never one half of a method pair.
    auto value = [&](const Kind& k) {
      if (k.t == KT::MCall || k.t == KT::MSelf) bad(ip, "method pair used as a value");
      return k;
    };
    auto popv = [&]() { return value(pop()); };
    auto need = [&](const Kind& k, KT t, const char* what) {
      bool ok = t == KT::Tuple ? tuple_family(k.t) : k.t == t;
      if (!ok) bad_kind(ip, what, k.t, t);
    };
    auto peek = [&](uint32_t depth) -> Kind& {  // 1 = top
      if (depth == 0 || depth > st.size()) bad(ip, "stack underflow");
      return st[st.size() - depth];
    };
    auto push = [&](KT t, uint32_t k = 0) { st.push_back(Kind{t, k, 0}); };
    auto set_var = [&](uint32_t v, Kind k) {
      if (!v) return;
      k.origin = 0;
      if (k.t == KT::MapTest) k.t = KT::Any;  // a stored test result proves nothing later
      s.vars[v - 1] = k;
      // Values loaded from the old contents no longer speak for the var.
      for (Kind& x : st) {
        if (x.origin == v) x.origin = 0;
        if (x.t == KT::MapTest && x.n == v) x = Kind{KT::Any, 0, 0};
      }
    };
    auto load_var = [&](uint32_t v) {
      Kind k{KT::Any, 0, 0};
      if (v) {
        k = s.vars[v - 1];
        if (k.t == KT::Top || k.t == KT::Undef) k = Kind{KT::Any, 0, 0};
        k.origin = v;
      }
      st.push_back(k);
    };
    auto name_var = [&](uint32_t g) { return (c_.flags & kCodeClassBody) ? global_var_[g] : 0u; };
    auto global_var = [&](uint32_t g) { return (c_.flags & kCodeModule) ? global_var_[g] : 0u; };
    auto code_of = [&](const Kind& k) -> const Code& { return p_.codes[k.n]; };
    auto restricted = [&](const Kind& k) {
      return k.t == KT::Fn && (code_of(k).flags & (kCodeClassBody | kCodeComprehension));
    };

    bool fall = true;
    // A copy of the current state that flows to `target` (merged once this
    // instruction's effect is known; the caller may adjust it first).
    auto jump_to = [&](uint32_t target) -> InstrState& {
      if (target >= n) bad(ip, "jump target out of range");
      return jumps_.emplace_back(target, s).second;
    };

    // CONSUME_STEP and the opcodes after it belong to the VM's consumer and
    // step codes (runtime/consumers.h), never to a program's.
    if (op >= Op::CONSUME_STEP && op < Op::Count && !(c_.flags & kCodeIntrinsic))
      bad(ip, "outside a consumer or step frame");
    switch (op) {
      case Op::NOP:
      case Op::SETUP_ANNOTATIONS:
      case Op::POP_EXCEPT:
        break;
      case Op::POP_TOP:
        pop();
        break;
      case Op::DUP_TOP:
        st.push_back(value(peek(1)));
        break;
      case Op::DUP_TOP_TWO: {
        Kind a = value(peek(2)), b = value(peek(1));
        st.push_back(a);
        st.push_back(b);
        break;
      }
      case Op::ROT_TWO:
        value(peek(2));
        std::swap(peek(1), peek(2));
        break;
      case Op::ROT_THREE: {
        value(peek(3));
        value(peek(2));
        Kind t = value(peek(1));
        peek(1) = peek(2);
        peek(2) = peek(3);
        peek(3) = t;
        break;
      }
      case Op::ROT_FOUR: {
        value(peek(4));
        value(peek(3));
        value(peek(2));
        Kind t = value(peek(1));
        peek(1) = peek(2);
        peek(2) = peek(3);
        peek(3) = peek(4);
        peek(4) = t;
        break;
      }
      case Op::LOAD_CONST:
        st.push_back(const_kind(c_.constants.at(arg)));
        break;
      case Op::LOAD_FAST:
        load_var(local_var_.at(arg));
        break;
      case Op::LOAD_FAST_LOAD_CONST:
      case Op::LOAD_FAST_LOAD_FAST: {
        // Superinstructions: this load plus the instruction after it, which
        // they execute from its operand and skip.
        if (ip + 1 >= n || !fused_second_ok(op, instr_op(c_.code[ip + 1]))) {
          bad(ip, "superinstruction without its second half");
        }
        load_var(local_var_.at(arg));
        uint32_t arg2 = instr_arg(c_.code[ip + 1]);
        if (op == Op::LOAD_FAST_LOAD_FAST) {
          load_var(local_var_.at(arg2));
        } else {
          st.push_back(const_kind(c_.constants.at(arg2)));
        }
        fall = false;
        if (ip + 2 >= n) bad(ip, "execution runs off the end of the code");
        jump_to(ip + 2);
        break;
      }
      case Op::STORE_FAST:
        set_var(local_var_.at(arg), popv());
        break;
      case Op::DELETE_FAST:
        set_var(local_var_.at(arg), Kind{KT::Undef, 0, 0});
        break;
      case Op::INPLACE_ADD_FAST:
        popv();
        set_var(local_var_.at(arg), Kind{KT::Any, 0, 0});
        break;
      case Op::LOAD_DEREF:
        push(KT::Any);
        break;
      case Op::STORE_DEREF:
        popv();
        break;
      case Op::DELETE_DEREF:
        break;
      case Op::LOAD_CLOSURE:
        push(KT::Cell);
        break;
      case Op::LOAD_GLOBAL:
        load_var(global_var(arg));
        break;
      case Op::STORE_GLOBAL:
        set_var(global_var(arg), popv());
        break;
      case Op::DELETE_GLOBAL:
        set_var(global_var(arg), Kind{KT::Undef, 0, 0});
        break;
      case Op::INPLACE_ADD_GLOBAL:
        popv();
        set_var(global_var(arg), Kind{KT::Any, 0, 0});
        break;
      case Op::LOAD_NAME:
      case Op::STORE_NAME:
      case Op::DELETE_NAME:
        // These read the frame's namespace dict: class bodies only.
        if (!(c_.flags & kCodeClassBody)) bad(ip, "namespace access outside a class body");
        if (op == Op::LOAD_NAME) load_var(name_var(arg));
        if (op == Op::STORE_NAME) set_var(name_var(arg), popv());
        if (op == Op::DELETE_NAME) set_var(name_var(arg), Kind{KT::Undef, 0, 0});
        break;
      case Op::LOAD_ATTR:
        popv();
        push(KT::Any);
        break;
      case Op::STORE_ATTR:
        popv();
        popv();
        break;
      case Op::DELETE_ATTR:
        popv();
        break;
      case Op::LOAD_METHOD:
        popv();
        push(KT::MCall);
        push(KT::MSelf);
        break;
      case Op::CALL_METHOD: {
        for (uint32_t i = 0; i < arg; i++) popv();
        need(pop(), KT::MSelf, "receiver");
        need(pop(), KT::MCall, "method");
        push(KT::Any);
        break;
      }
      case Op::CALL: {
        Kind last{KT::Any, 0, 0};  // the argument on top
        for (uint32_t i = 0; i < arg; i++) {
          Kind k = popv();
          if (i == 0) last = k;
        }
        Kind callee = popv();
        if (callee.t == KT::Fn) {
          const Code& k = code_of(callee);
          if (k.flags & kCodeClassBody) bad(ip, "class body called as a function");
          if ((k.flags & kCodeComprehension) && (arg != 1 || last.t != KT::Iter)) {
            bad(ip, "comprehension called without an iterator");
          }
        }
        push(KT::Any);
        break;
      }
      case Op::CALL_KW: {
        Kind names = pop();
        need(names, KT::StrTuple, "keyword names");
        if (names.n > arg) bad(ip, "more keyword names than arguments");
        for (uint32_t i = 0; i < arg; i++) popv();
        if (restricted(popv())) bad(ip, "restricted function called with keywords");
        push(KT::Any);
        break;
      }
      case Op::CALL_EX: {
        if (arg & 1) need(pop(), KT::Dict, "keyword arguments");
        need(pop(), KT::Tuple, "positional arguments");
        if (restricted(popv())) bad(ip, "restricted function called with *args");
        push(KT::Any);
        break;
      }
      case Op::BINARY_OP:
      case Op::COMPARE_OP:
      case Op::IS_OP:
      case Op::CONTAINS_OP:
      case Op::BINARY_SUBSCR:
        popv();
        popv();
        push(KT::Any);
        break;
      case Op::UNARY_OP:
        popv();
        push(KT::Any);
        break;
      case Op::STORE_SUBSCR:
        popv();
        popv();
        popv();
        break;
      case Op::DELETE_SUBSCR:
        popv();
        popv();
        break;
      case Op::BUILD_SLICE:
        if (arg != 2 && arg != 3) bad_count(ip, "slice of ", arg, " values");
        for (uint32_t i = 0; i < arg; i++) popv();
        push(KT::Any);
        break;
      case Op::BUILD_TUPLE: {
        bool cells = arg > 0, strs = true;
        for (uint32_t i = 0; i < arg; i++) {
          Kind k = popv();
          cells = cells && k.t == KT::Cell;
          strs = strs && k.t == KT::Str;
        }
        if (cells) {
          push(KT::CellTuple, arg);
        } else if (strs) {
          push(KT::StrTuple, arg);
        } else {
          push(KT::Tuple);
        }
        break;
      }
      case Op::BUILD_LIST:
      case Op::BUILD_SET:
        for (uint32_t i = 0; i < arg; i++) popv();
        push(op == Op::BUILD_LIST ? KT::List : KT::Set);
        break;
      case Op::BUILD_MAP:
        for (uint64_t i = 0; i < 2ull * arg; i++) popv();
        push(KT::Dict);
        break;
      case Op::BUILD_STRING:
        for (uint32_t i = 0; i < arg; i++) need(pop(), KT::Str, "string part");
        push(KT::Str);
        break;
      case Op::FORMAT_VALUE:
        if (arg & 4) need(pop(), KT::Str, "format spec");
        popv();
        push(KT::Str);
        break;
      case Op::LIST_APPEND:
      case Op::LIST_EXTEND:
        popv();
        need(peek(arg), KT::List, "target");
        break;
      case Op::SET_ADD:
      case Op::SET_UPDATE:
        popv();
        need(peek(arg), KT::Set, "target");
        break;
      case Op::MAP_ADD:
        popv();
        popv();
        need(peek(arg), KT::Dict, "target");
        break;
      case Op::DICT_UPDATE:
      case Op::DICT_MERGE:
        popv();
        need(peek(arg), KT::Dict, "target");
        break;
      case Op::LIST_TO_TUPLE:
        need(pop(), KT::List, "operand");
        push(KT::Tuple);
        break;
      case Op::UNPACK_SEQUENCE:
        popv();
        for (uint32_t i = 0; i < arg; i++) push(KT::Any);
        break;
      case Op::UNPACK_EX: {
        popv();
        uint32_t count = (arg & 0xff) + (arg >> 8) + 1;
        for (uint32_t i = 0; i < count; i++) push(KT::Any);
        break;
      }
      case Op::JUMP:
        fall = false;
        jump_to(arg);
        break;
      case Op::POP_JUMP_IF_FALSE:
      case Op::POP_JUMP_IF_TRUE: {
        Kind k = popv();
        InstrState& taken = jump_to(arg);
        if (k.t == KT::MapTest) {
          // The tested temp is a dict on the path where the test was true.
          InstrState& yes = op == Op::POP_JUMP_IF_FALSE ? s : taken;
          uint32_t v = k.n;
          Kind d{KT::Dict, 0, 0};
          yes.vars[v - 1] = d;
        }
        break;
      }
      case Op::JUMP_IF_FALSE_OR_POP:
      case Op::JUMP_IF_TRUE_OR_POP:
        value(peek(1));
        jump_to(arg);
        pop();
        break;
      case Op::JUMP_IF_NOT_UNDEF: {
        Kind& top = peek(1);
        value(top);
        InstrState& taken = jump_to(arg);
        Kind& t2 = taken.stack.back();
        if (t2.t == KT::Top || t2.t == KT::Undef) t2.t = KT::Any;
        break;
      }
      case Op::GET_ITER:
        popv();
        push(KT::Iter);
        break;
      case Op::FOR_ITER: {
        need(peek(1), KT::Iter, "iterator");
        jump_to(arg).stack.pop_back();
        push(KT::Any);
        break;
      }
      case Op::MAKE_FUNCTION: {
        if (arg > (kFnDefaults | kFnKwDefaults | kFnClosure | kFnAnnotations))
          bad(ip, "unknown flags");
        Kind code = pop();
        need(code, KT::Code, "code");
        if (code.n == 0 || code.n >= p_.codes.size()) bad(ip, "code index out of range");
        const Code& k = p_.codes[code.n];
        if (arg & kFnClosure) {
          Kind cl = pop();
          need(cl, KT::CellTuple, "closure");
          if (cl.n != k.freevars.size()) bad(ip, "closure size differs from the free variables");
        } else if (!k.freevars.empty()) {
          bad(ip, "function with free variables made without a closure");
        }
        if (arg & kFnAnnotations) need(pop(), KT::Dict, "annotations");
        if (arg & kFnKwDefaults) need(pop(), KT::Tuple, "keyword defaults");
        if (arg & kFnDefaults) need(pop(), KT::Tuple, "defaults");
        push(KT::Fn, code.n);
        break;
      }
      case Op::MAKE_CLASS: {
        Kind body = peek(arg + 2);
        need(body, KT::Fn, "class body");
        if (!(code_of(body).flags & kCodeClassBody)) bad(ip, "class body is not class-body code");
        need(peek(arg + 1), KT::Str, "class name");
        for (uint32_t i = 1; i <= arg; i++) value(peek(i));
        for (uint32_t i = 0; i < arg + 2; i++) pop();
        push(KT::Any);
        break;
      }
      case Op::RETURN_VALUE:
        popv();
        fall = false;
        break;
      case Op::CONSUME_STEP: {
        popv();
        need(peek(1), KT::Iter, "iterator");
        // any()/all()/next() decided: the result replaces the iterator.
        jump_to(arg).stack.back() = Kind{KT::Any, 0, 0};
        break;
      }
      case Op::CONSUME_FINISH:
        push(KT::Any);
        break;
      case Op::CONSUME_KEYED:
        popv();
        popv();
        break;
      case Op::ADAPT_ENUMERATE:
        popv();
        push(KT::Any);
        break;
      case Op::ADAPT_END:
      case Op::ZIP_SHORT:
        fall = false;
        break;
      case Op::ZIP_SOURCE:
        need(peek(1), KT::Iter, "zip");
        jump_to(arg);
        push(KT::Iter);
        break;
      case Op::ZIP_TAKE:
        popv();
        need(pop(), KT::Iter, "source");
        break;
      case Op::ZIP_ITEM:
        push(KT::Any);
        break;
      case Op::GET_AWAITABLE:
        if (!(c_.flags & kCodeCoroutine)) bad(ip, "await outside a coroutine");
        popv();
        push(KT::Iter);
        break;
      case Op::LOOP_NEXT:
        jump_to(arg);
        push(KT::Iter);
        break;
      case Op::LOOP_YIELDED:
        popv();
        need(pop(), KT::Iter, "coroutine");
        break;
      case Op::LOOP_RETURNED:
        break;
      case Op::LOOP_RAISED:
        need(pop(), KT::Exc, "exception");
        break;
      case Op::LOOP_FINISH:
        push(KT::Any);
        break;
      case Op::YIELD_VALUE:
        if (!(c_.flags & kCodeGenerator)) bad(ip, "yield outside a generator");
        popv();
        push(KT::Any);
        break;
      case Op::YIELD_FROM:
        if (!(c_.flags & kCodeGenerator)) bad(ip, "yield outside a generator");
        popv();
        value(peek(1));
        peek(1) = Kind{KT::Any, 0, 0};
        break;
      case Op::SETUP_FINALLY:
        if (arg >= n) bad(ip, "handler out of range");
        s.blocks.push_back(BlockState{arg, static_cast<uint32_t>(st.size())});
        break;
      case Op::POP_BLOCK:
        if (s.blocks.empty()) bad(ip, "no block to pop");
        s.blocks.pop_back();
        break;
      case Op::RERAISE:
        need(pop(), KT::Exc, "re-raised value");
        fall = false;
        break;
      case Op::RAISE_VARARGS:
        if (arg > 2) bad(ip, "bad argument");
        for (uint32_t i = 0; i < arg; i++) popv();
        fall = false;
        break;
      case Op::CHECK_EXC_MATCH:
        popv();
        value(peek(1));
        push(KT::Any);
        break;
      case Op::WITH_EXIT_CALL:
        if (arg > 1) bad(ip, "bad argument");
        value(peek(1));
        value(peek(2));
        push(KT::Any);
        break;
      case Op::LOAD_ASSERTION_ERROR:
      case Op::IMPORT_NAME:
        push(KT::Any);
        break;
      case Op::IMPORT_FROM:
        value(peek(1));
        push(KT::Any);
        break;
      case Op::MATCH_CLASS:
        need(pop(), KT::StrTuple, "keyword attribute names");
        popv();
        value(peek(1));
        peek(1) = Kind{KT::Any, 0, 0};
        break;
      case Op::MATCH_MAPPING: {
        Kind& top = peek(1);
        value(top);
        top = top.origin ? Kind{KT::MapTest, top.origin, 0} : Kind{KT::Any, 0, 0};
        break;
      }
      case Op::MATCH_SEQUENCE:
      case Op::GET_LEN:
        value(peek(1));
        peek(1) = Kind{KT::Any, 0, 0};
        break;
      case Op::COPY_DICT_WITHOUT_KEYS:
        need(pop(), KT::Tuple, "keys");
        need(peek(1), KT::Dict, "subject");
        peek(1) = Kind{KT::Dict, 0, 0};
        break;
      case Op::PRINT_EXPR:
        popv();
        break;
      case Op::Count:
        bad(ip, "invalid opcode");
    }
    if (st.size() > c_.max_stack) bad_count(ip, "stack depth exceeds max_stack ", c_.max_stack, "");
    for (auto& [target, js] : jumps_) {
      if (js.stack.size() > c_.max_stack) bad(ip, "stack depth exceeds max_stack");
      merge(target, std::move(js));
    }
    if (fall) {
      if (ip + 1 >= n) bad(ip, "execution runs off the end of the code");
      merge(ip + 1, std::move(s));
    }
  }

  const Program& p_;
  const Code& c_;
  std::vector<TrackedVar>* vars_ = nullptr;
  std::vector<uint32_t> local_var_, global_var_;  // 1 + tracked var, or 0
  std::vector<InstrState>* at_ = nullptr;
  std::vector<uint32_t> work_;
  // step()'s states: the current instruction's, the one an exception hands
  // to its handler, and those flowing to jump targets.
  InstrState cur_, handler_;
  std::vector<std::pair<uint32_t, InstrState>> jumps_;
};

}  // namespace

bool analyze_code(const Program& program, uint32_t code, std::string* error, CodeAnalysis* out) {
  return analyze_code(program, program.codes[code], error, out);
}

bool analyze_code(const Program& program, const Code& code, std::string* error, CodeAnalysis* out) {
  CodeAnalysis local;
  CodeAnalysis& a = out ? *out : local;
  try {
    Analyzer(program, code).run(a);
    return true;
  } catch (const Fail& f) {
    *error = f.message;
    return false;
  } catch (const std::out_of_range&) {
    *error = "operand index out of range";
    return false;
  }
}

}  // namespace monty::snapshot
