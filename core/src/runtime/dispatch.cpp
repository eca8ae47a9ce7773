// The bytecode dispatch loop.
//
// Hot state (instruction pointer, stack pointer, locals base, constants)
// lives in C++ locals and is written back to the Frame before anything that
// can raise, call, or switch frames (SYNC). Small ints and floats are handled
// inline; everything else goes through the generic protocols.

#include <cmath>
#include <cstring>

#include "runtime/types/registry.h"
#include "runtime/vm.h"
#include "support/attributes.h"

// A build may choose (-DMONTY_THREADED_DISPATCH=0: the fuzz build, whose
// clang rejects the computed gotos' jumps past initializations).
#ifndef MONTY_THREADED_DISPATCH
#if defined(__GNUC__) && !defined(__EMSCRIPTEN__)
#define MONTY_THREADED_DISPATCH 1
#else
#define MONTY_THREADED_DISPATCH 0
#endif
#endif

namespace monty {

namespace {

inline bool add_overflow(int64_t a, int64_t b, int64_t* r) {
  return __builtin_add_overflow(a, b, r);
}
inline bool sub_overflow(int64_t a, int64_t b, int64_t* r) {
  return __builtin_sub_overflow(a, b, r);
}
inline bool mul_overflow(int64_t a, int64_t b, int64_t* r) {
  return __builtin_mul_overflow(a, b, r);
}

}  // namespace

Value VM::dispatch(size_t stop_depth) {
  Frame* f = frames.back().get();
  const Code* code = f->code;
  const Instr* instrs = code->code.data();
  Value* slots = f->slots.data();
  Value* sp = slots + f->sp;
  const Value* consts = constants[f->code_index].data();
  uint32_t ip = f->ip;

#define SYNC()                                 \
  do {                                         \
    f->ip = ip;                                \
    f->sp = static_cast<uint32_t>(sp - slots); \
  } while (0)
#define RELOAD()                              \
  do {                                        \
    f = frames.back().get();                  \
    code = f->code;                           \
    instrs = code->code.data();               \
    slots = f->slots.data();                  \
    sp = slots + f->sp;                       \
    consts = constants[f->code_index].data(); \
    ip = f->ip;                               \
  } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])

  // Threaded dispatch where the compiler supports computed goto (one
  // indirect jump per opcode handler predicts far better than one shared
  // jump); a plain switch elsewhere (wasm lowers both to br_table anyway).
  // Either way f->ip is written back only by SYNC(); the executing
  // instruction of any frame is f->ip - 1 (see VM::current_line).
#if MONTY_THREADED_DISPATCH
  static const void* const kTargets[] = {
#define MONTY_X(name, effect, doc) &&L_##name,
      MONTY_OPCODES(MONTY_X)
#undef MONTY_X
          && L_Count,
  };
#define TARGET(name) \
  case Op::name:     \
    L_##name:
#define NEXT()                                \
  do {                                        \
    in = instrs[ip++];                        \
    arg = instr_arg(in);                      \
    goto* kTargets[static_cast<uint8_t>(in)]; \
  } while (0)
#else
#define TARGET(name) case Op::name:
#define NEXT() continue
#endif

  Instr in;
  uint32_t arg;
  // What the shared tail `reload_push` pushes after switching frames.
  Value carry;
  for (;;) {
    in = instrs[ip++];
    arg = instr_arg(in);
    switch (instr_op(in)) {
      TARGET(NOP)
      TARGET(SETUP_ANNOTATIONS)
      NEXT();
      TARGET(POP_TOP)
      sp--;
      NEXT();
      TARGET(DUP_TOP)
      sp[0] = sp[-1];
      sp++;
      NEXT();
      TARGET(DUP_TOP_TWO)
      sp[0] = sp[-2];
      sp[1] = sp[-1];
      sp += 2;
      NEXT();
      TARGET(ROT_TWO) {
        Value t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = t;
        NEXT();
      }
      TARGET(ROT_THREE) {
        Value t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = t;
        NEXT();
      }
      TARGET(ROT_FOUR) {
        Value t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = t;
        NEXT();
      }
      TARGET(LOAD_CONST)
      PUSH(consts[arg]);
      NEXT();
      TARGET(LOAD_FAST) {
        if (static_cast<int32_t>(arg) == f->fresh_slot) f->fresh_slot = -1;  // the str escapes
        Value v = slots[arg];
        if (v.is_undef()) {
          SYNC();
          unbound_local(code->local_names[arg]);
        }
        PUSH(v);
        NEXT();
      }
      TARGET(LOAD_FAST_LOAD_CONST) {
        if (static_cast<int32_t>(arg) == f->fresh_slot) f->fresh_slot = -1;
        Value v = slots[arg];
        if (v.is_undef()) {
          SYNC();
          unbound_local(code->local_names[arg]);
        }
        PUSH(v);
        PUSH(consts[instr_arg(instrs[ip])]);
        ip++;
        NEXT();
      }
      TARGET(LOAD_FAST_LOAD_FAST) {
        uint32_t second = instr_arg(instrs[ip]);
        if (static_cast<int32_t>(arg) == f->fresh_slot ||
            static_cast<int32_t>(second) == f->fresh_slot) {
          f->fresh_slot = -1;
        }
        Value v = slots[arg];
        Value w = slots[second];
        if (v.is_undef() || w.is_undef()) {
          uint32_t bad = v.is_undef() ? arg : second;
          if (!v.is_undef()) ip++;  // the traceback names the second load
          SYNC();
          unbound_local(code->local_names[bad]);
        }
        PUSH(v);
        PUSH(w);
        ip++;
        NEXT();
      }
      TARGET(STORE_FAST)
      if (static_cast<int32_t>(arg) == f->fresh_slot) f->fresh_slot = -1;
      slots[arg] = POP();
      NEXT();
      TARGET(DELETE_FAST)
      if (static_cast<int32_t>(arg) == f->fresh_slot) f->fresh_slot = -1;
      if (slots[arg].is_undef()) {
        SYNC();
        unbound_local(code->local_names[arg]);
      }
      slots[arg] = Value();
      NEXT();
      TARGET(LOAD_DEREF) {
        Value cell = slots[code->nlocals() + arg];
        Value v = as<CellObj>(cell)->value;
        if (v.is_undef()) {
          SYNC();
          unbound_deref(*code, arg);
        }
        PUSH(v);
        NEXT();
      }
      TARGET(STORE_DEREF)
      as<CellObj>(slots[code->nlocals() + arg])->value = POP();
      NEXT();
      TARGET(DELETE_DEREF)
      as<CellObj>(slots[code->nlocals() + arg])->value = Value();
      NEXT();
      TARGET(LOAD_CLOSURE)
      PUSH(slots[code->nlocals() + arg]);
      NEXT();
      TARGET(LOAD_GLOBAL) {
        if (arg == fresh_global_) fresh_global_ = UINT32_MAX;
        Value v = globals[arg];
        if (v.is_undef()) {
          SYNC();
          v = load_global_slow(arg);
          if (paused_) return Value();  // name lookup: the host supplies it
        }
        PUSH(v);
        NEXT();
      }
      TARGET(STORE_GLOBAL)
      if (arg == fresh_global_) fresh_global_ = UINT32_MAX;
      globals[arg] = POP();
      NEXT();
      TARGET(DELETE_GLOBAL)
      if (globals[arg].is_undef()) {
        SYNC();
        name_error(program_->names[program_->globals[arg]]);
      }
      globals[arg] = Value();
      NEXT();
      TARGET(LOAD_NAME) {
        SYNC();
        Value name = names_[program_->globals[arg]];
        Dict::Entry* e = as<DictObj>(f->ns)->dict.find_str(*this, name);
        if (arg == fresh_global_) fresh_global_ = UINT32_MAX;
        Value v = e ? e->value : globals[arg];
        if (v.is_undef()) {
          v = load_global_slow(arg);
          if (paused_) return Value();
        }
        PUSH(v);
        NEXT();
      }
      TARGET(STORE_NAME) {
        SYNC();
        Value name = names_[program_->globals[arg]];
        as<DictObj>(f->ns)->dict.set(*this, name, sp[-1]);
        sp--;
        NEXT();
      }
      TARGET(DELETE_NAME) {
        SYNC();
        Value name = names_[program_->globals[arg]];
        if (!as<DictObj>(f->ns)->dict.erase(*this, name)) {
          name_error(str_view(name));
        }
        NEXT();
      }
      TARGET(LOAD_ATTR) {
        Value obj = TOP();
        Value name = names_[code->names[arg]];
        // Fast path: an instance attribute not shadowed by a property.
        if (obj.tag == Tag::Obj) {
          HeapObject* o = heap.get(obj);
          if (o->kind == ObjKind::Instance) {
            auto* inst = static_cast<InstanceObj*>(o);
            // (Not on a materialized __dict__: its keys may be any objects,
            // whose __eq__ must not run before SYNC.)
            // (Nor when some class overrides __getattribute__.)
            if (inst->cls.tag == Tag::Obj && inst->dict.is_undef() && !getattribute_override_) {
              Value ca = class_lookup(inst->cls, name);
              if (!is_data_descriptor(ca)) {
                if (Dict::Entry* e = inst->inline_attrs.find_str(*this, name)) {
                  TOP() = e->value;
                  NEXT();
                }
              } else if (uint32_t ci = property_getter_code(ca);
                         ci != UINT32_MAX && class_lookup(inst->cls, special_getattr_).is_undef()) {
                // A property whose getter is a plain Python function: its
                // frame is pushed as a call's would be (no nested dispatch
                // loop, so a host call in the getter pauses), and its return
                // value takes the instance's place on the stack. (Not with a
                // __getattr__, which an AttributeError of the getter calls.)
                f->ip = ip;
                f->sp = static_cast<uint32_t>(sp - 1 - slots);
                enter_frame(ci, as<WrapperObj>(ca)->f0, 1)->slots[0] = obj;
                RELOAD();
                if (collect_at_call_) [[unlikely]]
                  collect_at_call();
                NEXT();
              }
            }
          }
        }
        SYNC();
        Value v = getattr(obj, name);
        TOP() = v;
        NEXT();
      }
      TARGET(STORE_ATTR) {
        Value obj = sp[-1];
        Value name = names_[code->names[arg]];
        SYNC();
        // Fast path: a plain instance attribute (no property, no __setattr__).
        if (obj.tag == Tag::Obj) {
          HeapObject* o = heap.get(obj);
          if (o->kind == ObjKind::Instance) {
            auto* inst = static_cast<InstanceObj*>(o);
            if (inst->cls.tag == Tag::Obj && !is_data_descriptor(class_lookup(inst->cls, name)) &&
                class_lookup(inst->cls, special_setattr_).is_undef()) {
              Dict& attrs = instance_attrs(inst);
              if (Dict::Entry* e = attrs.find_str(*this, name)) {
                e->value = sp[-2];
                sp -= 2;
                NEXT();
              }
              // A new attribute: __slots__ may forbid it (setattr says so),
              // and `obj.__dict__ = d` replaces the namespace (compared by
              // text: interning "__dict__" in every new VM costs more).
              if (as<ClassObj>(inst->cls)->slots.is_undef() && str_view(name) != "__dict__") {
                attrs.set(*this, name, sp[-2]);
                sp -= 2;
                NEXT();
              }
            }
          }
        }
        setattr(obj, name, sp[-2]);
        sp -= 2;
        NEXT();
      }
      TARGET(DELETE_ATTR) {
        SYNC();
        delattr(sp[-1], names_[code->names[arg]]);
        sp--;
        NEXT();
      }
      TARGET(LOAD_METHOD) {
        SYNC();
        Value obj = TOP();
        Value name = names_[code->names[arg]];
        Value self;
        Value m = load_method(obj, name, &self);
        sp[-1] = m;
        PUSH(self);
        NEXT();
      }
      TARGET(CALL_METHOD)
      TARGET(CALL)
      TARGET(CALL_KW) {
        Op op = instr_op(in);
        Value kwnames;
        uint32_t nargs = arg;
        Value* args;
        Value self;
        Value* callable_slot;
        if (op == Op::CALL_METHOD) {
          self = sp[-static_cast<int>(nargs) - 1];
          callable_slot = sp - nargs - 2;
          args = sp - nargs;
        } else if (op == Op::CALL_KW) {
          kwnames = sp[-1];
          callable_slot = sp - nargs - 2;
          args = sp - nargs - 1;
        } else {
          callable_slot = sp - nargs - 1;
          args = sp - nargs;
        }
        Value callable = *callable_slot;
        // Fast path: a plain Python function with exactly its positional arguments.
        if (callable.tag == Tag::Obj && op != Op::CALL_KW) {
          HeapObject* o = heap.get(callable);
          if (o->kind == ObjKind::Function) {
            auto* fn = static_cast<FunctionObj*>(o);
            uint32_t ci = fn->code;
            uint32_t total = nargs + (self.is_undef() ? 0 : 1);
            if (total == shapes_[ci].plain_argc) {
              f->sp = static_cast<uint32_t>(callable_slot - slots);
              f->ip = ip;
              f = enter_frame(ci, callable, total);
              Value* dst = f->slots.data();
              slots = dst;
              if (!self.is_undef()) *dst++ = self;
              MONTY_NO_UNROLL
              for (uint32_t i = 0; i < nargs; i++) dst[i] = args[i];
              code = f->code;
              instrs = code->code.data();
              sp = slots + f->sp;
              consts = constants[ci].data();
              ip = 0;
              // The arguments are in the callee's frame: a collection the
              // call's safepoint had to put off can run now.
              if (collect_at_call_) [[unlikely]]
                collect_at_call();
              NEXT();
            }
          }
        }
        f->ip = ip;
        f->sp = static_cast<uint32_t>(sp - slots);
        bool pushed = false;
        uint32_t total = nargs + (op == Op::CALL_KW ? 0 : 0);
        invoke_from_bytecode_ = true;  // the arguments are on this frame's value stack
        Value result = invoke(callable, args, total, kwnames, self, &pushed);
        if (paused_) {
          // An external call: the result arrives with resume() and is
          // pushed where the callable was.
          f->sp = static_cast<uint32_t>(callable_slot - slots);
          return Value();
        }
        if (pushed) {
          // The callee frame is on top; the caller resumes after the call
          // with its stack cut back to the callable's slot.
          Frame* caller = frames[frames.size() - 2].get();
          caller->sp = static_cast<uint32_t>(callable_slot - slots);
          caller->ip = ip;
          if (frames.back()->on_return == kReturnInstance) {
            // The instance waits in the callable's slot.
            *callable_slot = frames.back()->ns;
            caller->sp++;
          }
          RELOAD();
          if (collect_at_call_) [[unlikely]]
            collect_at_call();
          NEXT();
        }
        sp = callable_slot;
        PUSH(result);
        NEXT();
      }
      TARGET(CALL_EX) {
        SYNC();
        Value* callable_slot = sp - 2 - (arg & 1);
        bool pushed = false;
        Value result = call_ex(f, sp, arg, &pushed);
        if (paused_) {
          f->sp = static_cast<uint32_t>(callable_slot - slots);
          return Value();
        }
        if (pushed) {
          Frame* caller = frames[frames.size() - 2].get();
          caller->sp = static_cast<uint32_t>(callable_slot - slots);
          caller->ip = ip;
          if (frames.back()->on_return == kReturnInstance) {
            *callable_slot = frames.back()->ns;
            caller->sp++;
          }
          goto reload;
        }
        sp = callable_slot;
        PUSH(result);
        NEXT();
      }
      TARGET(BINARY_OP) {
        Value b = sp[-1];
        Value a = sp[-2];
        uint32_t bop = arg & 15;
        if (a.tag == Tag::Int && b.tag == Tag::Int) {
          int64_t r;
          switch (static_cast<BinOp>(bop)) {
            case BinOp::Add:
              if (!add_overflow(a.i, b.i, &r)) {
                sp[-2] = Value::integer(r);
                sp--;
                NEXT();
              }
              break;
            case BinOp::Sub:
              if (!sub_overflow(a.i, b.i, &r)) {
                sp[-2] = Value::integer(r);
                sp--;
                NEXT();
              }
              break;
            case BinOp::Mul:
              if (!mul_overflow(a.i, b.i, &r)) {
                sp[-2] = Value::integer(r);
                sp--;
                NEXT();
              }
              break;
            case BinOp::Mod:
              if (b.i > 0 && a.i >= 0) {
                sp[-2] = Value::integer(a.i % b.i);
                sp--;
                NEXT();
              }
              break;
            case BinOp::FloorDiv:
              if (b.i > 0 && a.i >= 0) {
                sp[-2] = Value::integer(a.i / b.i);
                sp--;
                NEXT();
              }
              break;
            case BinOp::And:
              sp[-2] = Value::integer(a.i & b.i);
              sp--;
              NEXT();
            case BinOp::Or:
              sp[-2] = Value::integer(a.i | b.i);
              sp--;
              NEXT();
            case BinOp::Xor:
              sp[-2] = Value::integer(a.i ^ b.i);
              sp--;
              NEXT();
            default:
              break;
          }
        } else if (a.tag == Tag::Float && b.tag == Tag::Float) {
          switch (static_cast<BinOp>(bop)) {
            case BinOp::Add:
              sp[-2] = Value::floating(a.f + b.f);
              sp--;
              NEXT();
            case BinOp::Sub:
              sp[-2] = Value::floating(a.f - b.f);
              sp--;
              NEXT();
            case BinOp::Mul:
              sp[-2] = Value::floating(a.f * b.f);
              sp--;
              NEXT();
            case BinOp::TrueDiv:
              if (b.f != 0) {
                sp[-2] = Value::floating(a.f / b.f);
                sp--;
                NEXT();
              }
              break;
            default:
              break;
          }
        }
        SYNC();
        Value r = binary_op(static_cast<BinOp>(bop), a, b, arg >= kInplace);
        sp[-2] = r;
        sp--;
        NEXT();
      }
      TARGET(UNARY_OP) {
        Value a = TOP();
        if (arg == static_cast<uint32_t>(UnaryOp::Not)) {
          if (a.tag == Tag::Bool) {
            TOP() = Value::boolean(!a.i);
            NEXT();
          }
          SYNC();
          TOP() = Value::boolean(!truthy(a));
          NEXT();
        }
        if (a.tag == Tag::Int && arg == static_cast<uint32_t>(UnaryOp::Neg) && a.i != INT64_MIN) {
          TOP() = Value::integer(-a.i);
          NEXT();
        }
        if (a.tag == Tag::Float && arg == static_cast<uint32_t>(UnaryOp::Neg)) {
          TOP() = Value::floating(-a.f);
          NEXT();
        }
        SYNC();
        TOP() = unary_op(static_cast<UnaryOp>(arg), a);
        NEXT();
      }
      TARGET(COMPARE_OP) {
        Value b = sp[-1];
        Value a = sp[-2];
        if (a.tag == Tag::Int && b.tag == Tag::Int) {
          bool r;
          switch (static_cast<CmpArg>(arg)) {
            case CmpArg::Lt:
              r = a.i < b.i;
              break;
            case CmpArg::LtE:
              r = a.i <= b.i;
              break;
            case CmpArg::Eq:
              r = a.i == b.i;
              break;
            case CmpArg::NotEq:
              r = a.i != b.i;
              break;
            case CmpArg::Gt:
              r = a.i > b.i;
              break;
            default:
              r = a.i >= b.i;
              break;
          }
          // A comparison feeding a conditional jump skips the bool.
          Instr nx = instrs[ip];
          if (instr_op(nx) == Op::POP_JUMP_IF_FALSE || instr_op(nx) == Op::POP_JUMP_IF_TRUE) {
            sp -= 2;
            if (r == (instr_op(nx) == Op::POP_JUMP_IF_TRUE)) {
              arg = instr_arg(nx);
              if (arg < ip) goto backward_jump;
              ip = arg;
            } else {
              ip++;
            }
            NEXT();
          }
          sp[-2] = Value::boolean(r);
          sp--;
          NEXT();
        }
        if (a.tag == Tag::Float && b.tag == Tag::Float) {
          bool r;
          switch (static_cast<CmpArg>(arg)) {
            case CmpArg::Lt:
              r = a.f < b.f;
              break;
            case CmpArg::LtE:
              r = a.f <= b.f;
              break;
            case CmpArg::Eq:
              r = a.f == b.f;
              break;
            case CmpArg::NotEq:
              r = a.f != b.f;
              break;
            case CmpArg::Gt:
              r = a.f > b.f;
              break;
            default:
              r = a.f >= b.f;
              break;
          }
          sp[-2] = Value::boolean(r);
          sp--;
          NEXT();
        }
        SYNC();
        Value r = compare(static_cast<CmpArg>(arg), a, b);
        sp[-2] = r;
        sp--;
        NEXT();
      }
      TARGET(IS_OP) {
        bool r = sp[-2].same(sp[-1]);
        sp[-2] = Value::boolean(arg ? !r : r);
        sp--;
        NEXT();
      }
      TARGET(CONTAINS_OP) {
        SYNC();
        bool r = contains(sp[-1], sp[-2]);
        sp[-2] = Value::boolean(arg ? !r : r);
        sp--;
        NEXT();
      }
      TARGET(BINARY_SUBSCR) {
        Value key = sp[-1];
        Value obj = sp[-2];
        if (key.tag == Tag::Int && obj.tag == Tag::Obj) {
          HeapObject* o = heap.get(obj);
          if (o->kind == ObjKind::List) {
            auto& items = static_cast<ListObj*>(o)->items;
            int64_t i = key.i < 0 ? key.i + static_cast<int64_t>(items.size()) : key.i;
            if (i >= 0 && i < static_cast<int64_t>(items.size())) {
              sp[-2] = items[i];
              sp--;
              NEXT();
            }
          } else if (o->kind == ObjKind::Tuple) {
            auto& items = static_cast<TupleObj*>(o)->items;
            int64_t i = key.i < 0 ? key.i + static_cast<int64_t>(items.size()) : key.i;
            if (i >= 0 && i < static_cast<int64_t>(items.size())) {
              sp[-2] = items[i];
              sp--;
              NEXT();
            }
          }
        }
        SYNC();
        Value r = getitem(obj, key);
        sp[-2] = r;
        sp--;
        NEXT();
      }
      TARGET(STORE_SUBSCR) {
        Value key = sp[-1];
        Value obj = sp[-2];
        Value val = sp[-3];
        if (key.tag == Tag::Int && obj.tag == Tag::Obj && heap.get(obj)->kind == ObjKind::List) {
          auto& items = as<ListObj>(obj)->items;
          int64_t i = key.i < 0 ? key.i + static_cast<int64_t>(items.size()) : key.i;
          if (i >= 0 && i < static_cast<int64_t>(items.size())) {
            items[i] = val;
            sp -= 3;
            NEXT();
          }
        }
        SYNC();
        setitem(obj, key, val);
        sp -= 3;
        NEXT();
      }
      TARGET(DELETE_SUBSCR)
      SYNC();
      delitem(sp[-2], sp[-1]);
      sp -= 2;
      NEXT();
      TARGET(BUILD_SLICE) {
        SYNC();
        Value step = arg == 3 ? POP() : Value::none();
        Value stop = POP();
        Value start = POP();
        PUSH(new_slice(start, stop, step));
        NEXT();
      }
      TARGET(BUILD_TUPLE)
      SYNC();
      sp = build_tuple_op(sp, arg);
      NEXT();
      TARGET(BUILD_LIST)
      SYNC();
      sp = build_list_op(sp, arg);
      NEXT();
      TARGET(BUILD_SET)
      SYNC();
      sp = build_set_op(sp, arg);
      NEXT();
      TARGET(BUILD_MAP)
      SYNC();
      sp = build_map_op(sp, arg);
      NEXT();
      TARGET(BUILD_STRING)
      SYNC();
      sp = build_string_op(sp, arg);
      NEXT();
      TARGET(FORMAT_VALUE) {
        SYNC();
        Value spec = (arg & 4) ? POP() : Value();
        Value v = POP();
        if ((arg & 3) != 0 || !spec.is_undef() || !is_str(v)) v = format_value_op(v, spec, arg & 3);
        PUSH(v);
        NEXT();
      }
      TARGET(LIST_APPEND) {
        Value item = POP();
        as<ListObj>(sp[-static_cast<int>(arg)])->items.push_back(item);
        NEXT();
      }
      TARGET(SET_ADD) {
        SYNC();
        Value item = POP();
        as<SetObj>(sp[-static_cast<int>(arg)])->table.set(*this, item, Value::none());
        NEXT();
      }
      TARGET(MAP_ADD) {
        SYNC();
        Value v = POP();
        Value k = POP();
        as<DictObj>(sp[-static_cast<int>(arg)])->dict.set(*this, k, v);
        NEXT();
      }
      TARGET(LIST_EXTEND)
      SYNC();
      list_extend_op(sp, arg);
      sp--;
      NEXT();
      TARGET(SET_UPDATE) {
        SYNC();
        Value src = POP();
        set_update_from(*this, sp[-static_cast<int>(arg)], src);
        NEXT();
      }
      TARGET(DICT_UPDATE)
      TARGET(DICT_MERGE) {
        SYNC();
        Value src = POP();
        dict_merge_op(sp, arg, src, instr_op(in) == Op::DICT_MERGE);
        NEXT();
      }
      TARGET(LIST_TO_TUPLE) {
        SYNC();
        TOP() = new_tuple(as<ListObj>(TOP())->items);
        NEXT();
      }
      TARGET(UNPACK_SEQUENCE) {
        SYNC();
        Value seq = POP();
        if (is_kind(seq, ObjKind::Tuple) || is_kind(seq, ObjKind::List)) {
          const auto& items =
              is_kind(seq, ObjKind::Tuple) ? as<TupleObj>(seq)->items : as<ListObj>(seq)->items;
          if (items.size() == arg) {
            MONTY_NO_UNROLL
            for (uint32_t i = 0; i < arg; i++) sp[i] = items[arg - 1 - i];
            sp += arg;
            NEXT();
          }
        }
        unpack_into(seq, arg, 0, false, sp);
        sp += arg;
        NEXT();
      }
      TARGET(UNPACK_EX) {
        SYNC();
        Value seq = POP();
        uint32_t before = arg & 0xff, after = arg >> 8;
        unpack_into(seq, before, after, true, sp);
        sp += before + after + 1;
        NEXT();
      }
      TARGET(JUMP)
      if (arg >= ip) {
        ip = arg;
        NEXT();
      }
    backward_jump:
      // Every backward jump to `arg` is a safepoint (limits, time slices,
      // collection), the conditional ones included: a comprehension whose
      // filter rejects every item (`[x for x in range(10**18) if x < 0]`)
      // loops through a conditional jump alone. A limit error is reported at
      // the loop's line (the jump); a time slice resumes at the jump target.
      if (++instructions >= next_check_) {
        SYNC();
        if (safepoint(true)) {
          f->ip = arg;
          return Value();
        }
      }
      ip = arg;
      NEXT();
      TARGET(POP_JUMP_IF_FALSE) {
        Value v = POP();
        bool t;
        if (v.tag == Tag::Bool) {
          t = v.i != 0;
        } else {
          SYNC();
          t = truthy(v);
        }
        if (!t) {
          if (arg < ip) goto backward_jump;
          ip = arg;
        }
        NEXT();
      }
      TARGET(POP_JUMP_IF_TRUE) {
        Value v = POP();
        bool t;
        if (v.tag == Tag::Bool) {
          t = v.i != 0;
        } else {
          SYNC();
          t = truthy(v);
        }
        if (t) {
          if (arg < ip) goto backward_jump;
          ip = arg;
        }
        NEXT();
      }
      TARGET(JUMP_IF_FALSE_OR_POP) {
        SYNC();
        if (!truthy(TOP())) {
          if (arg < ip) goto backward_jump;
          ip = arg;
        } else {
          sp--;
        }
        NEXT();
      }
      TARGET(JUMP_IF_TRUE_OR_POP) {
        SYNC();
        if (truthy(TOP())) {
          if (arg < ip) goto backward_jump;
          ip = arg;
        } else {
          sp--;
        }
        NEXT();
      }
      TARGET(JUMP_IF_NOT_UNDEF)
      if (!TOP().is_undef()) ip = arg;
      NEXT();
      TARGET(GET_ITER) {
        SYNC();
        Value v = TOP();
        if (!(v.tag == Tag::Obj &&
              (heap.get(v)->kind == ObjKind::Iterator ||
               (heap.get(v)->kind == ObjKind::Generator && !as<GeneratorObj>(v)->coroutine)))) {
          TOP() = iter(v);  // (a coroutine: "'coroutine' object is not iterable")
        }
        NEXT();
      }
      TARGET(FOR_ITER) {
        Value it = TOP();
        HeapObject* o = heap.get(it);
        if (o->kind == ObjKind::Iterator) {
          auto* io = static_cast<IterObj*>(o);
          if (io->type == BuiltinTypeId::RangeIterator) {
            if (io->end > 0) {
              PUSH(Value::integer(io->pos));
              io->pos += io->step;
              io->end--;
            } else {
              sp--;
              ip = arg;
            }
            NEXT();
          }
          // (An exhausted iterator has dropped its list: iter_next handles it.)
          if (io->type == BuiltinTypeId::ListIterator && !io->exhausted) {
            auto& items = as<ListObj>(io->source)->items;
            if (io->index >= 0 && io->index < static_cast<int64_t>(items.size())) {
              PUSH(items[io->index++]);
            } else {
              io->index = -1;
              sp--;
              ip = arg;
            }
            NEXT();
          }
        }
        if (o->kind == ObjKind::Generator && !static_cast<GeneratorObj*>(o)->frame) {
          sp--;
          ip = arg;
          NEXT();
        }
        SYNC();
        if (o->kind == ObjKind::Generator) {
          // Resumed as a frame on top of this one.
          resume_generator_frame(static_cast<GeneratorObj*>(o));
          goto reload;
        }
        Value out;
        switch (for_iter_slow(it, &out)) {
          case ForIterStep::Item:
            PUSH(out);
            NEXT();
          case ForIterStep::Exhausted:
            sp--;
            ip = arg;
            NEXT();
          case ForIterStep::FramePushed:
            goto reload;
          case ForIterStep::Paused:
            return Value();
        }
        NEXT();
      }
      TARGET(CONSUME_STEP) {
        SYNC();
        Value result;
        // The item stays on the stack (rooted) while the step runs.
        bool more = consumer_step(*f, TOP(), &result);
        sp--;
        if (!more) {
          TOP() = result;  // in place of the iterator
          ip = arg;
        }
        NEXT();
      }
      TARGET(CONSUME_KEYED) {
        SYNC();
        // Item and key stay on the stack (rooted) while the step runs.
        consumer_keyed(*f, sp[-2], sp[-1]);
        sp -= 2;
        NEXT();
      }
      TARGET(CONSUME_FINISH) {
        SYNC();
        Value result = consumer_finish(*f);
        PUSH(result);
        NEXT();
      }
      TARGET(ADAPT_ENUMERATE) {
        SYNC();
        Value item = enumerate_step_item(*f, TOP());
        TOP() = item;
        NEXT();
      }
      TARGET(ADAPT_END) {
        SYNC();
        end_step(*f);
      }
      TARGET(ZIP_SOURCE) {
        SYNC();
        Value source;
        if (zip_step_source(*f, &source)) {
          PUSH(source);
        } else {
          ip = arg;
        }
        NEXT();
      }
      TARGET(ZIP_TAKE) {
        SYNC();
        zip_step_take(*f, TOP());
        sp -= 2;
        NEXT();
      }
      TARGET(ZIP_SHORT) {
        SYNC();
        zip_step_short(*f);
      }
      TARGET(ZIP_ITEM) {
        SYNC();
        Value item = zip_step_item(*f);
        PUSH(item);
        NEXT();
      }
      TARGET(MAKE_FUNCTION)
      SYNC();
      sp = make_function_op(sp, arg);
      NEXT();
      TARGET(MAKE_CLASS)
      SYNC();
      begin_class_body(sp, arg);
      goto reload;
      TARGET(RETURN_VALUE) {
        Value result = POP();
        if (f->generator.tag == Tag::Undef && f->on_return == kReturnValue) {
          // A plain function returns to its caller.
          bool boundary = f->reentry_boundary;
          pop_frame();
          if (boundary || frames.size() <= stop_depth) return result;
          RELOAD();  // (not the shared tail: this is every call's return)
          PUSH(result);
          NEXT();
        }
        if (f->generator.tag != Tag::Undef) {
          // A generator finished: wake whoever resumed it.
          bool by_for = f->resumed_by_for_iter;
          bool by_yield_from = f->resumed_by_yield_from;
          if (finish_generator_frame()) {
            yielded_ = false;
            return result;
          }
          if (by_yield_from) {
            // The value of the caller's `yield from` (or `await`): it
            // replaces the iterator there.
            RELOAD();
            TOP() = result;
            NEXT();
          }
          if (by_for) {
            RELOAD();
            // next(gen) as a consumer frame makes StopIteration(value) of
            // it, also through step frames (CPython's map, filter and
            // enumerate pass their source's StopIteration on).
            if (code->flags & kCodeIntrinsic) last_return_ = result;
            // Exhausted: drop the iterator and leave the loop.
            Instr fi = instrs[ip - 1];
            sp--;
            ip = instr_arg(fi);
            NEXT();
          }
          carry = result;
          goto reload_push;
        }
        uint8_t on_return = f->on_return;
        bool boundary = f->reentry_boundary;
        Value ns = f->ns;
        if (on_return == kReturnClass) {
          SYNC();
          Value cls = finish_class_body(ns, boundary);
          if (boundary) return cls;
          goto reload;
        }
        if (on_return == kReturnCache) {
          // An lru_cache miss: the result is stored, then returned as usual.
          SYNC();
          lru_cache_store(*this, as<TupleObj>(ns)->items[0], as<TupleObj>(ns)->items[1], result);
          pop_frame();
          if (boundary || frames.size() <= stop_depth) return result;
          carry = result;
          goto reload_push;
        }
        // kReturnInstance (a kReturnValue frame returned above).
        if (!result.is_none()) {
          SYNC();
          init_returned(result);
        }
        pop_frame();
        if (boundary) return ns;
        goto reload;
      }
      TARGET(YIELD_VALUE) {
        Value v = POP();
        SYNC();
        if (suspend_generator_frame()) {
          yielded_ = true;
          return v;
        }
        carry = v;
        goto reload_push;
      }
      TARGET(YIELD_FROM) {
        // [iterator, sent] -> delegate one step.
        Value sent = POP();
        Value it = TOP();
        SYNC();
        if (is_kind(it, ObjKind::Generator)) {
          // The delegate's frame runs on top of this one, so an external
          // call inside it pauses like any other, and a snapshot holds the
          // chain. Its yields come back through suspend_generator_frame.
          auto* g = as<GeneratorObj>(it);
          if (!g->frame && !g->running) {
            // Finished: by a throw() that it answered with a return
            // (throw_into_generator leaves the value here), or before.
            TOP() = last_return_.is_undef() ? Value::none() : last_return_;
            last_return_ = Value();
            NEXT();
          }
          resume_delegate_frame(g, sent);
          goto reload;
        }
        Value out;
        bool got;
        if (is_asyncio_awaitable(it)) [[unlikely]] {
          // An asyncio future, task or sleep: it yields itself (or None)
          // to the event loop until done; then `out` is its result.
          got = await_native_step(it, &out);
          if (!got) {
            TOP() = out;
            NEXT();
          }
        } else {
          got = next(it, &out);
        }
        if (got) {
          // Yield `out` to our resumer; when resumed, execute YIELD_FROM again.
          ip--;
          SYNC();
          if (suspend_generator_frame()) {
            yielded_ = true;
            return out;
          }
          carry = out;
          goto reload_push;
        }
        TOP() = Value::none();
        NEXT();
      }
      TARGET(GET_AWAITABLE) {
        SYNC();
        TOP() = get_awaitable(TOP());
        NEXT();
      }
      TARGET(LOOP_NEXT) {
        SYNC();
        Value coro;
        if (!loop_next(*f, &coro)) {
          if (paused_) {
            // Waiting for deferred host calls: this instruction runs again
            // once the host has answered (PendingCall::Kind::Wait).
            f->ip = ip - 1;
            return Value();
          }
          ip = arg;
          NEXT();
        }
        PUSH(coro);
        NEXT();
      }
      TARGET(LOOP_YIELDED) {
        SYNC();
        Value v = POP();
        sp--;  // the coroutine
        f->sp = static_cast<uint32_t>(sp - slots);
        loop_yielded(*f, v);
        NEXT();
      }
      TARGET(LOOP_RETURNED) {
        SYNC();
        loop_returned(*f, std::exchange(last_return_, Value()));
        NEXT();
      }
      TARGET(LOOP_RAISED) {
        Value exc = POP();
        SYNC();
        if (handled.size() > f->handled_base) handled.pop_back();
        loop_raised(*f, exc);
        NEXT();
      }
      TARGET(LOOP_FINISH) {
        SYNC();
        Value r = loop_finish(*f);
        PUSH(r);
        NEXT();
      }
      TARGET(SETUP_FINALLY)
      push_block(*f, arg, static_cast<uint32_t>(sp - slots));
      NEXT();
      TARGET(POP_BLOCK)
      f->blocks.pop_back();
      NEXT();
      TARGET(POP_EXCEPT)
      if (handled.size() > f->handled_base) handled.pop_back();
      NEXT();
      TARGET(RERAISE) {
        SYNC();
        Value exc = POP();
        f->sp = static_cast<uint32_t>(sp - slots);
        reraising_ = true;
        throw PyError{exc};
      }
      TARGET(RAISE_VARARGS) {
        SYNC();
        if (arg == 0) {
          if (handled.empty()) raise(BuiltinTypeId::RuntimeError, "No active exception to reraise");
          // Like CPython, a bare raise adds no traceback entry for its own
          // line: the exception keeps the traceback it was caught with.
          reraising_ = true;
          throw PyError{handled.back()};
        }
        Value cause = arg == 2 ? POP() : Value();
        Value exc = POP();
        raise_from(exc, cause, arg == 2);
      }
      TARGET(CHECK_EXC_MATCH) {
        SYNC();
        Value type = POP();
        bool matches = exception_matches(TOP(), type);
        PUSH(Value::boolean(matches));
        NEXT();
      }
      TARGET(WITH_EXIT_CALL) {
        SYNC();
        Value r = with_exit_call(sp[-2], sp[-1], arg != 0);
        PUSH(r);
        NEXT();
      }
      TARGET(LOAD_ASSERTION_ERROR)
      PUSH(Value::type(static_cast<uint32_t>(BuiltinTypeId::AssertionError)));
      NEXT();
      TARGET(IMPORT_NAME) {
        SYNC();
        PUSH(import_module(str_view(names_[code->names[arg]])));
        NEXT();
      }
      TARGET(IMPORT_FROM) {
        SYNC();
        Value mod = TOP();
        Value name = names_[code->names[arg]];
        Value v = getattr_opt(mod, name);
        if (v.is_undef()) v = import_from_submodule(mod, name);
        PUSH(v);
        NEXT();
      }
      TARGET(MATCH_CLASS) {
        SYNC();
        Value kw = POP();
        Value cls = POP();
        Value subject = TOP();
        TOP() = match_class(subject, cls, arg, kw);
        NEXT();
      }
      TARGET(MATCH_MAPPING) {
        Value v = TOP();
        TOP() = Value::boolean(is_dict(v));
        NEXT();
      }
      TARGET(MATCH_SEQUENCE) {
        Value v = TOP();
        bool r =
            is_kind(v, ObjKind::List) || is_kind(v, ObjKind::Tuple) || is_kind(v, ObjKind::Range);
        TOP() = Value::boolean(r);
        NEXT();
      }
      TARGET(COPY_DICT_WITHOUT_KEYS) {
        SYNC();
        Value keys = POP();
        TOP() = copy_dict_without_keys(TOP(), keys);
        NEXT();
      }
      TARGET(GET_LEN) {
        SYNC();
        TOP() = Value::integer(len(TOP()));
        NEXT();
      }
      TARGET(INPLACE_ADD_FAST) {
        Value b = sp[-1];
        Value a = slots[arg];
        if (a.is_undef()) {
          SYNC();
          unbound_local(code->local_names[arg]);
        }
        if (a.tag == Tag::Int && b.tag == Tag::Int) {
          int64_t r;
          if (!__builtin_add_overflow(a.i, b.i, &r)) {
            slots[arg] = Value::integer(r);
            sp--;
            NEXT();
          }
        }
        SYNC();
        slots[arg] = inplace_add_owned(a, b, static_cast<int32_t>(arg) == f->fresh_slot);
        f->fresh_slot = fresh_result_ ? static_cast<int32_t>(arg) : -1;
        sp--;
        NEXT();
      }
      TARGET(INPLACE_ADD_GLOBAL) {
        Value b = sp[-1];
        Value a = globals[arg];
        if (a.is_undef()) {
          SYNC();
          a = load_global_slow(arg);
          if (paused_) return Value();
        }
        if (a.tag == Tag::Int && b.tag == Tag::Int) {
          int64_t r;
          if (!__builtin_add_overflow(a.i, b.i, &r)) {
            globals[arg] = Value::integer(r);
            sp--;
            NEXT();
          }
        }
        SYNC();
        globals[arg] = inplace_add_owned(a, b, arg == fresh_global_);
        fresh_global_ = fresh_result_ ? arg : UINT32_MAX;
        sp--;
        NEXT();
      }
      TARGET(PRINT_EXPR)
      result_ = POP();
      NEXT();
      TARGET(Count)
      SYNC();
      raise(BuiltinTypeId::SystemError, "bad opcode");
    }
    NEXT();
    // Shared tails of the handlers that switch frames (one copy of RELOAD
    // instead of one per handler keeps dispatch small; see vm.h).
  reload_push:
    RELOAD();
    PUSH(carry);
    NEXT();
  reload:
    RELOAD();
    NEXT();
  }
#undef SYNC
#undef TARGET
#undef NEXT
#undef RELOAD
#undef PUSH
#undef POP
#undef TOP
}

// ---------------------------------------------------------------------------
// Out-of-line handlers (see vm.h): what dispatch's handlers do past their
// fast paths. Each runs with the frame synced.
// ---------------------------------------------------------------------------

MONTY_COLD void VM::unbound_deref(const Code& code, uint32_t index) {
  if (index < code.cellvars.size()) unbound_local(code.cellvars[index]);
  raise(BuiltinTypeId::NameError,
        "cannot access free variable '" + code.freevars[index - code.cellvars.size()] +
            "' where it is not associated with a value in enclosing scope");
}

// CALL_EX: [callable, args tuple, (kwargs dict)] above `sp`. The callable
// stays in its slot (the frame's sp is cut back to just above it before the
// call); the argument tuple and dict stay rooted until the keyword names are
// built.
MONTY_NOINLINE Value VM::call_ex(Frame* f, Value* sp, uint32_t flags, bool* pushed) {
  Value kwargs = (flags & 1) ? *--sp : Value();
  Value posargs = *--sp;
  Value callable = *--sp;
  std::vector<Value> buf = as<TupleObj>(posargs)->items;
  Value kwnames;
  if (!kwargs.is_undef()) {
    std::vector<Value> names;
    for (const auto& e : as<DictObj>(kwargs)->dict.entries()) {
      if (e.key.is_undef()) continue;
      // Callees read keyword names as str objects.
      if (!is_str(e.key)) type_error("keywords must be strings");
      names.push_back(e.key);
      buf.push_back(e.value);
    }
    if (!names.empty()) kwnames = new_tuple(std::move(names));
  }
  f->sp = static_cast<uint32_t>(sp + 1 - f->slots.data());
  return invoke(callable, buf.data(), static_cast<uint32_t>(buf.size()), kwnames, Value(), pushed);
}

MONTY_NOINLINE Value* VM::build_tuple_op(Value* sp, uint32_t n) {
  Value t = n == 0 ? empty_tuple() : new_tuple(std::vector<Value>(sp - n, sp));
  sp -= n;
  *sp++ = t;
  return sp;
}

MONTY_NOINLINE Value* VM::build_list_op(Value* sp, uint32_t n) {
  Value l = new_list(std::vector<Value>(sp - n, sp));
  sp -= n;
  *sp++ = l;
  return sp;
}

MONTY_NOINLINE Value* VM::build_set_op(Value* sp, uint32_t n) {
  Value s = new_set(false);
  for (Value* item = sp - n; item < sp; item++)
    as<SetObj>(s)->table.set(*this, *item, Value::none());
  sp -= n;
  *sp++ = s;
  return sp;
}

MONTY_NOINLINE Value* VM::build_map_op(Value* sp, uint32_t n) {
  Value d = new_dict();
  Value* base = sp - 2 * n;
  for (uint32_t i = 0; i < n; i++) as<DictObj>(d)->dict.set(*this, base[2 * i], base[2 * i + 1]);
  *base = d;
  return base + 1;
}

MONTY_NOINLINE Value* VM::build_string_op(Value* sp, uint32_t n) {
  size_t total = 0;
  for (Value* part = sp - n; part < sp; part++) total += as<StrObj>(*part)->data.size();
  check_alloc(total);
  std::string s;
  s.reserve(total);
  for (Value* part = sp - n; part < sp; part++) s += as<StrObj>(*part)->data;
  sp -= n;
  *sp++ = new_str(std::move(s));
  return sp;
}

// FORMAT_VALUE past its fast path (a str with no conversion and no spec):
// conversion 1 is !s, 2 !r, 3 !a.
MONTY_NOINLINE Value VM::format_value_op(Value v, Value spec, uint32_t conversion) {
  if (conversion == 1) {
    v = new_str(to_str(v));
  } else if (conversion == 2) {
    v = repr(v);
  } else if (conversion == 3) {
    v = new_str(ascii_of(repr_str(v)));
  }
  if (spec.is_undef() && is_str(v)) return v;
  return new_str(format(v, spec.is_undef() ? std::string_view() : str_view(spec)));
}

// LIST_EXTEND: extends the list `depth` below the iterable at sp[-1] (the
// caller pops the iterable).
MONTY_NOINLINE void VM::list_extend_op(Value* sp, uint32_t depth) {
  Value src = sp[-1];  // stays on the stack (rooted) while iter() may allocate
  bool sequence = is_kind(src, ObjKind::List) || is_kind(src, ObjKind::Tuple);
  if (!sequence) {
    Value it = try_iter(src);
    if (it.is_undef()) not_iterable_after_star(sp - 1, depth, src);
    sp[-1] = it;
  }
  Value list = sp[-1 - static_cast<int>(depth)];
  std::vector<Value> items = sequence ? to_vector(src) : drain_iterator(sp[-1]);
  auto& dst = as<ListObj>(list)->items;
  dst.insert(dst.end(), items.begin(), items.end());
}

// DICT_MERGE (`f(**m)`: duplicate keywords are errors) and DICT_UPDATE
// (`{**m}`): `src` was popped; the dict is `depth` below `sp`.
MONTY_NOINLINE void VM::dict_merge_op(Value* sp, uint32_t depth, Value src, bool merge) {
  Value dst = sp[-static_cast<int>(depth)];
  if (!is_dict(src) && lookup_special(src, "keys").is_undef()) {
    if (merge) {
      type_error(call_target_name(sp, depth) + " argument after ** must be a mapping, not " +
                 type_name(src));
    }
    type_error("'" + type_name(src) + "' object is not a mapping");
  }
  if (merge && is_dict(src)) {
    for (const auto& e : as<DictObj>(src)->dict.entries()) {
      if (e.key.is_undef()) continue;
      if (as<DictObj>(dst)->dict.find(*this, e.key, e.hash)) {
        type_error(call_target_name(sp, depth) + " got multiple values for keyword argument '" +
                   to_str(e.key) + "'");
      }
      as<DictObj>(dst)->dict.set(*this, e.key, e.hash, e.value);
    }
  } else {
    dict_update_from(*this, dst, src);
  }
}

// MAKE_FUNCTION: [defaults] [kwdefaults] [annotations] [closure] code-index
// on the stack (as `flags` says) become one function object.
MONTY_NOINLINE Value* VM::make_function_op(Value* sp, uint32_t flags) {
  uint32_t code_index = static_cast<uint32_t>((*--sp).i);
  Value fnv = heap.make<FunctionObj>();
  auto* fn = as<FunctionObj>(fnv);
  fn->code = code_index;
  const Code& c = *code_ptrs_[code_index];
  if (flags & kFnClosure) fn->cells = as<TupleObj>(*--sp)->items;
  if (flags & kFnAnnotations) fn->annotations = *--sp;  // [annotations] a dict
  if (flags & kFnKwDefaults) fn->kwdefaults = as<TupleObj>(*--sp)->items;
  if (flags & kFnDefaults) fn->defaults = as<TupleObj>(*--sp)->items;
  if (code_index >= code_names_.size()) code_names_.resize(code_ptrs_.size());
  std::pair<Value, Value>& names = code_names_[code_index];
  if (names.first.is_undef()) names = {intern(c.name), intern(c.qualname)};
  fn->name = names.first;
  fn->qualname = names.second;
  fn->doc = c.has_docstring ? new_str(c.docstring) : Value::none();
  *sp++ = fnv;
  return sp;
}

// MAKE_CLASS. Stack: body function, name, bases... The body runs as a frame
// with a fresh namespace; when it returns, finish_class_body builds the class
// from the namespace, which replaces these values.
MONTY_NOINLINE void VM::begin_class_body(Value* sp, uint32_t nbases) {
  Value body = sp[-static_cast<int>(nbases) - 2];
  for (Value* base = sp - nbases; base < sp; base++) check_base_class(*base);
  auto* fn = as<FunctionObj>(body);
  Frame* nf = push_frame(fn->code, body);
  nf->ns = new_dict();
  Value modname = intern("__module__");
  as<DictObj>(nf->ns)->dict.set(*this, modname, intern("__main__"));
  as<DictObj>(nf->ns)->dict.set(*this, intern("__qualname__"), new_str(nf->code->qualname));
  if (nf->code->has_docstring) {
    as<DictObj>(nf->ns)->dict.set(*this, intern("__doc__"), new_str(nf->code->docstring));
  }
  init_frame_cells(*nf, fn);
  nf->on_return = kReturnClass;
}

// RETURN_VALUE of a class body (the top frame, synced): pops it and builds
// the class in the caller, in place of MAKE_CLASS's operands.
MONTY_NOINLINE Value VM::finish_class_body(Value ns, bool boundary) {
  const Frame& body = *frames.back();
  const Code& code = *body.code;
  Value cls_cell;
  for (size_t i = 0; i < code.cellvars.size(); i++) {
    if (code.cellvars[i] == "__class__") cls_cell = body.slots[code.nlocals() + i];
  }
  pop_frame();
  // Caller stack: body, name, bases...
  Frame* caller = frames.back().get();
  uint32_t nbases = instr_arg(caller->code->code[caller->ip - 1]);
  Value* sp = caller->slots.data() + caller->sp;
  Value* base = sp - nbases - 2;
  std::vector<Value> bases(sp - nbases, sp);
  Value cls = build_class(base[1], bases, ns);
  if (!cls_cell.is_undef()) as<CellObj>(cls_cell)->value = cls;
  *base = cls;
  if (!boundary) caller->sp = static_cast<uint32_t>(base + 1 - caller->slots.data());
  return cls;
}

MONTY_COLD void VM::init_returned(Value result) {
  type_error("__init__() should return None, not '" + type_name(result) + "'");
}

// FOR_ITER over a suspended generator: its frame goes on top of the
// (synced) loop's frame, and its next yield or return comes back there.
MONTY_NOINLINE void VM::resume_generator_frame(GeneratorObj* g) {
  if (g->running) value_error("generator already executing");
  std::unique_ptr<Frame> gf = std::move(g->frame);
  if (g->started) gf->slots[gf->sp++] = Value::none();
  g->started = true;
  g->running = true;
  gf->resumed_by_for_iter = true;
  gf->resumed_by_yield_from = false;
  gf->reentry_boundary = false;
  gf->handled_base = static_cast<uint32_t>(handled.size());
  if (frames.size() >= limits_.max_recursion_depth + 50) {
    g->frame = std::move(gf);
    g->running = false;
    raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  }
  frames.push_back(std::move(gf));
}

// YIELD_FROM over a generator: its frame goes on top of the (synced)
// delegating frame, which waits after its YIELD_FROM. `sent` goes in as
// send() would send it.
MONTY_NOINLINE void VM::resume_delegate_frame(GeneratorObj* g, Value sent) {
  if (g->running) value_error("generator already executing");
  if (!g->started && !sent.is_none()) {
    // (The delegating frame has popped `sent`; the iterator stays on its
    // stack, so the frame is as it was before the YIELD_FROM.)
    type_error("can't send non-None value to a just-started generator");
  }
  if (frames.size() >= limits_.max_recursion_depth + 50)
    raise(BuiltinTypeId::RecursionError, "maximum recursion depth exceeded");
  std::unique_ptr<Frame> gf = std::move(g->frame);
  if (g->started) gf->slots[gf->sp++] = sent;
  g->started = true;
  g->running = true;
  gf->resumed_by_for_iter = false;
  gf->resumed_by_yield_from = true;
  gf->reentry_boundary = false;
  gf->handled_base = static_cast<uint32_t>(handled.size());
  frames.push_back(std::move(gf));
}

// RETURN_VALUE of a generator's frame (the top one): the generator is
// finished. Returns whether that frame was a re-entry boundary.
MONTY_NOINLINE bool VM::finish_generator_frame() {
  auto* g = as<GeneratorObj>(frames.back()->generator);
  g->running = false;
  bool boundary = frames.back()->reentry_boundary;
  pop_frame();
  g->frame.reset();
  return boundary;
}

// SETUP_FINALLY: a try block's handler at `handler`, the value stack at `sp`.
MONTY_NOINLINE void VM::push_block(Frame& f, uint32_t handler, uint32_t sp) {
  f.blocks.push_back(Block{handler, sp, static_cast<uint32_t>(handled.size())});
}

// YIELD_VALUE / YIELD_FROM: the generator's (synced) frame leaves the stack
// and waits in its generator. Returns whether that frame was a re-entry
// boundary (the yield then returns from dispatch).
// A frame resumed by YIELD_FROM takes its delegating frame along: that one
// yields the same value, and waits at its YIELD_FROM to resume the delegate
// again (so up a chain of `yield from`s / `await`s to whoever resumed the
// outermost).
MONTY_NOINLINE bool VM::suspend_generator_frame() {
  for (;;) {
    Frame& f = *frames.back();
    auto* g = as<GeneratorObj>(f.generator);
    g->running = false;
    bool boundary = f.reentry_boundary;
    bool by_yield_from = f.resumed_by_yield_from;
    uint32_t hb = f.handled_base;
    g->frame = std::move(frames.back());
    frames.pop_back();
    if (handled.size() > hb) handled.resize(hb);
    if (!by_yield_from) return boundary;
    frames.back()->ip--;  // back to its YIELD_FROM
  }
}

// FOR_ITER over anything but a range, a list or a generator.
MONTY_NOINLINE VM::ForIterStep VM::for_iter_slow(Value it, Value* out) {
  HeapObject* o = heap.get(it);
  if (o->kind == ObjKind::Iterator) {
    auto* io = static_cast<IterObj*>(o);
    if (consumer_frames_ && native_depth == 0 &&
        (io->type == BuiltinTypeId::Map || io->type == BuiltinTypeId::Filter ||
         io->type == BuiltinTypeId::Enumerate || io->type == BuiltinTypeId::Zip) &&
        steps_as_frame(io)) [[unlikely]] {
      // enumerate(gen), filter(check, urls), map(f, gen): a step frame
      // takes the next item; it returns it or ends this loop.
      push_step_frame(io);
      return ForIterStep::FramePushed;
    }
    if (io->type == BuiltinTypeId::Map && consumer_frames_ && native_depth == 0 &&
        map_calls_can_pause(io)) [[unlikely]] {
      // map(fetch, urls): the call runs as a frame or pauses for the
      // host, and what it returns is pushed as this loop's item.
      MapStep step = for_iter_map(io, out);
      if (step == MapStep::Exhausted) return ForIterStep::Exhausted;
      if (paused_) return ForIterStep::Paused;
      if (step == MapStep::Called) {
        if (collect_at_call_) [[unlikely]]
          collect_at_call();
        return ForIterStep::FramePushed;
      }
      return ForIterStep::Item;
    }
    // GC-safe: the iterator is on the stack and `out` is written last,
    // so one long step (a groupby skipping a group, a filter) can collect.
    return iter_next(*this, io, out, true) ? ForIterStep::Item : ForIterStep::Exhausted;
  }
  if (o->kind == ObjKind::Instance && consumer_frames_ && native_depth == 0) [[unlikely]] {
    // An iterator class's __next__ written in Python runs as a frame
    // (it may pause for the host); what it returns is this loop's
    // item, and StopIteration from it ends the loop
    // (ends_adaptor_iteration).
    Value next_fn = python_next_method(it);
    if (!next_fn.is_undef()) {
      bool pushed = false;
      invoke_from_bytecode_ = false;
      invoke(next_fn, nullptr, 0, Value(), it, &pushed);
      return ForIterStep::FramePushed;
    }
  }
  return next(it, out) ? ForIterStep::Item : ForIterStep::Exhausted;
}

MONTY_COLD Value VM::import_from_submodule(Value mod, Value name) {
  if (is_kind(mod, ObjKind::Module)) {
    std::string full =
        std::string(str_view(as<ModuleObj>(mod)->name)) + "." + std::string(str_view(name));
    if (full == "collections.abc") return import_module(full);
  }
  import_from_error(mod, name);
}

MONTY_COLD void VM::import_from_error(Value mod, Value name) {
  raise(BuiltinTypeId::ImportError, "cannot import name '" + std::string(str_view(name)) +
                                        "' from '" + to_str(getattr(mod, "__name__")) +
                                        "' (unknown location)");
}

// COPY_DICT_WITHOUT_KEYS (a mapping pattern's **rest).
MONTY_NOINLINE Value VM::copy_dict_without_keys(Value subject, Value keys) {
  Value d = new_dict();
  for (const auto& e : as<DictObj>(subject)->dict.entries()) {
    if (!e.key.is_undef()) as<DictObj>(d)->dict.set(*this, e.key, e.hash, e.value);
  }
  for (Value k : as<TupleObj>(keys)->items) as<DictObj>(d)->dict.erase(*this, k);
  return d;
}

// WITH_EXIT_CALL: __exit__(type, exc, traceback); whether it swallowed the
// exception.
// `async with` (raw): what __aexit__ returns is awaited, then tested.
MONTY_NOINLINE Value VM::with_exit_call(Value exit, Value exc, bool raw) {
  Value args[3] = {type_of(exc), exc, exception_traceback(*this, exc)};
  Value r = call(exit, std::span<const Value>(args, 3));
  return raw ? r : Value::boolean(truthy(r));
}

}  // namespace monty
