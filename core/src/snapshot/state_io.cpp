// Paused executions: the whole VM state (docs/snapshot-format.md,
// "Execution").
//
// Writing: the objects reachable from the VM's roots are numbered densely in
// the order a breadth-first walk from the roots meets them (roots in a fixed
// order, each object's references in its trace() order), so the same state
// always gives the same bytes, whatever ids the heap happened to use.
//
// Reading, in passes, so that no check ever follows an unchecked reference:
//   1. create every object from its own fields; Values are decoded with
//      their ids checked against the object count;
//   2. check that each reference points at an object of the kind its field
//      needs (a function's cells are cells, a dict view's dict is a dict);
//   3. with that structure in place, the checks that follow references:
//      exception classes, method receivers, generator/frame links, and every
//      frame against the kind analysis of its code (verify.h).
// Nothing here runs Python code: dict and set tables are rebuilt from their
// stored hashes, never by comparing keys.
#include <unordered_map>

#include "compiler/code.h"
#include "runtime/types/registry.h"
#include "runtime/vm.h"
#include "snapshot/access.h"
#include "snapshot/program_io.h"
#include "snapshot/snapshot.h"
#include "snapshot/verify.h"
#include "support/attributes.h"

namespace monty::snapshot {

// A field added to a heap object or frame must be written, read and checked
// here (and may need a format version bump). These sizes (LP64 libstdc++,
// the native build) make such a change fail to compile until this file has
// been revisited. Frame::fresh_slot is deliberately not written: it is a
// cache, reset to "none" on load.
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
#define MONTY_SNAPSHOT_SIZE(T, n) \
  static_assert(sizeof(T) == (n), \
                #T " changed: update core/src/snapshot/state_io.cpp, then this size")
MONTY_SNAPSHOT_SIZE(StrObj, 64);
MONTY_SNAPSHOT_SIZE(BytesObj, 56);
MONTY_SNAPSHOT_SIZE(ByteArrayObj, 48);
MONTY_SNAPSHOT_SIZE(BigIntObj, 48);
MONTY_SNAPSHOT_SIZE(ListObj, 40);
MONTY_SNAPSHOT_SIZE(TupleObj, 48);
MONTY_SNAPSHOT_SIZE(DictObj, 96);
MONTY_SNAPSHOT_SIZE(SetObj, 112);
MONTY_SNAPSHOT_SIZE(RangeObj, 40);
MONTY_SNAPSHOT_SIZE(SliceObj, 64);
MONTY_SNAPSHOT_SIZE(FunctionObj, 168);
MONTY_SNAPSHOT_SIZE(BoundMethodObj, 48);
MONTY_SNAPSHOT_SIZE(BuiltinMethodObj, 40);
MONTY_SNAPSHOT_SIZE(ClassObj, 200);
MONTY_SNAPSHOT_SIZE(InstanceObj, 224);
MONTY_SNAPSHOT_SIZE(CellObj, 32);
MONTY_SNAPSHOT_SIZE(GeneratorObj, 48);
MONTY_SNAPSHOT_SIZE(IterObj, 88);
MONTY_SNAPSHOT_SIZE(DictViewObj, 32);
MONTY_SNAPSHOT_SIZE(ModuleObj, 112);
MONTY_SNAPSHOT_SIZE(WrapperObj, 80);
MONTY_SNAPSHOT_SIZE(Frame, 152);
MONTY_SNAPSHOT_SIZE(Dict, 80);
MONTY_SNAPSHOT_SIZE(Limits, 88);
#undef MONTY_SNAPSHOT_SIZE
#endif

namespace {

// Value encodings (MessagePack ext types).
enum : int8_t {
  kExtUndef = 0,
  kExtObj = 1,       // 4-byte big-endian object number
  kExtBuiltin = 2,   // builtin function by name ("len", "math.sqrt")
  kExtType = 3,      // builtin type by name ("int", "ValueError")
  kExtExternal = 4,  // external function: 4-byte index into Program::external_functions
  kExtMethod = 5,    // LOAD_METHOD's builtin method reference: "type.method"
};

constexpr size_t kFrameFields = 12;
constexpr size_t kPayloadFields = 13;  // a paused execution
constexpr size_t kSessionFields = 11;  // a REPL session

std::string be32(uint32_t v) {
  std::string s(4, '\0');
  s[0] = static_cast<char>(v >> 24);
  s[1] = static_cast<char>((v >> 16) & 0xff);
  s[2] = static_cast<char>((v >> 8) & 0xff);
  s[3] = static_cast<char>(v & 0xff);
  return s;
}

std::string builtin_fn_name(uint32_t index) {
  const BuiltinFnDef& d = builtin_functions()[index];
  return d.module ? std::string(d.module) + "." + d.name : std::string(d.name);
}

const char* type_name_of(uint32_t id) { return type_info(static_cast<BuiltinTypeId>(id)).name; }

// ============================================================================
// Writing
// ============================================================================

class Writer {
 public:
  Writer(const VM& vm, Packer& p) : vm_(vm), p_(p) {}

  // A paused execution (kind 2).
  void write() {
    number_objects();
    const Program& prog = vm_.program();
    p_.array(kPayloadFields);
    write_program(p_, prog);
    write_limits();
    write_counters();
    write_pending();
    p_.array(order_.size());
    for (uint32_t old : order_) write_object(vm_.heap.get(old));
    values(vm_.globals);
    values(vm_.names_);
    write_constants(prog);
    values(vm_.handled);
    values(vm_.modules);
    p_.array(vm_.interned_.size() * 2);
    for (const auto& [name, v] : vm_.interned_) {
      p_.str(name);
      value(v);
    }
    p_.array(vm_.frames.size());
    for (const auto& f : vm_.frames) write_frame(*f);
    p_.array(5);
    value(vm_.uncaught_);
    value(vm_.result_);
    value(vm_.pending_exc_);
    value(vm_.last_return_);
    value(vm_.empty_tuple_);
  }

  // Per program code, its materialized constants (the consumer codes past
  // them have none).
  void write_constants(const Program& prog) {
    p_.array(prog.codes.size());
    for (size_t i = 0; i < prog.codes.size(); i++) values(vm_.constants[i]);
  }

  // A REPL session between snippets (kind 3). What a snippet leaves behind
  // for itself only (its uncaught exception, its result, the handled
  // exceptions, instruction and time spending) is reset when the next one
  // starts (VM::run_snippet), so it is not state: leaving it out keeps the
  // dump of a session independent of how its last snippet ended, and does
  // not keep that snippet's exception and its traceback alive.
  void write_session() {
    session_ = true;
    number_objects();
    const Program& prog = vm_.program();
    p_.array(kSessionFields);
    write_program(p_, prog);
    p_.array(prog.snippets.size());
    for (const std::string& s : prog.snippets) p_.str(s);
    write_limits();
    p_.array(1);
    p_.u64(vm_.heap.allocations());
    p_.array(order_.size());
    for (uint32_t old : order_) write_object(vm_.heap.get(old));
    values(vm_.globals);
    values(vm_.names_);
    write_constants(prog);
    values(vm_.modules);
    p_.array(vm_.interned_.size() * 2);
    for (const auto& [name, v] : vm_.interned_) {
      p_.str(name);
      value(v);
    }
    value(vm_.empty_tuple_);
  }

 private:
  struct Numbering final : Tracer {
    Writer& w;
    explicit Numbering(Writer& wr) : w(wr) {}
    void visit(Value v) override {
      if (v.tag != Tag::Obj || w.renum_[v.id] != UINT32_MAX) return;
      w.renum_[v.id] = static_cast<uint32_t>(w.order_.size());
      w.order_.push_back(v.id);
    }
  };

  void number_objects() {
    renum_.assign(vm_.heap.capacity(), UINT32_MAX);
    Numbering t(*this);
    for (Value v : vm_.globals) t.visit(v);
    for (Value v : vm_.names_) t.visit(v);
    for (const auto& cs : vm_.constants)
      for (Value v : cs) t.visit(v);
    if (!session_)
      for (Value v : vm_.handled) t.visit(v);
    for (Value v : vm_.modules) t.visit(v);
    for (const auto& [n, v] : vm_.interned_) t.visit(v);
    if (!session_) {
      for (const auto& f : vm_.frames) f->trace(t);
      t.visit(vm_.uncaught_);
      t.visit(vm_.result_);
      t.visit(vm_.pending_exc_);
      t.visit(vm_.last_return_);
    }
    t.visit(vm_.empty_tuple_);
    // Breadth-first: order_ grows while we walk it.
    for (size_t i = 0; i < order_.size(); i++) vm_.heap.get(order_[i])->trace(t);
  }

  void value(Value v) {
    switch (v.tag) {
      case Tag::Undef:
        p_.ext(kExtUndef, std::string_view("\0", 1));
        return;
      case Tag::None:
        p_.nil();
        return;
      case Tag::Bool:
        p_.boolean(v.i != 0);
        return;
      case Tag::Int:
        p_.i64(v.i);
        return;
      case Tag::Float:
        p_.f64(v.f);
        return;
      case Tag::Obj:
        p_.ext(kExtObj, be32(renum_[v.id]));
        return;
      case Tag::Type:
        p_.ext(kExtType, type_name_of(v.id));
        return;
      case Tag::BuiltinFn:
        if (v.id & kMethodRefBit) {
          uint32_t type = (v.id >> 16) & 0x7fff, index = v.id & 0xffff;
          std::string s = std::string(type_name_of(type)) + "." +
                          type_info(static_cast<BuiltinTypeId>(type)).methods[index].name;
          p_.ext(kExtMethod, s);
        } else if (v.id & kExternalBit) {
          p_.ext(kExtExternal, be32(v.id & ~kExternalBit));
        } else {
          p_.ext(kExtBuiltin, builtin_fn_name(v.id));
        }
        return;
    }
  }

  void values(const std::vector<Value>& vs) {
    p_.array(vs.size());
    for (Value v : vs) value(v);
  }

  void opt_u64(const std::optional<uint64_t>& v) {
    if (v) {
      p_.u64(*v);
    } else {
      p_.nil();
    }
  }

  void write_limits() {
    const Limits& l = vm_.limits();
    p_.array(6);
    opt_u64(l.max_memory);
    opt_u64(l.max_allocations);
    opt_u64(l.max_instructions);
    if (l.max_duration_ms) {
      p_.f64(*l.max_duration_ms);
    } else {
      p_.nil();
    }
    p_.u64(l.max_recursion_depth);
    opt_u64(l.pause_every_instructions);
  }

  void write_counters() {
    p_.array(6);
    p_.u64(vm_.instructions);
    p_.u64(vm_.next_yield_);
    p_.f64(vm_.time_spent_ms_);
    p_.u64(vm_.call_counter_);
    p_.u64(vm_.heap.allocations());
    p_.boolean(vm_.pause_on_undefined_);
  }

  void object(const Object& o) {
    using K = Object::Kind;
    switch (o.kind()) {
      case K::None:
        p_.nil();
        return;
      case K::Bool:
        p_.boolean(o.as_bool());
        return;
      case K::Int:
        p_.i64(o.as_int());
        return;
      case K::Float:
        p_.f64(o.as_float());
        return;
      case K::Str:
        p_.str(o.text());
        return;
      case K::Bytes:
        p_.bin(o.text());
        return;
      case K::BigInt:
      case K::Repr:
        p_.array(2);
        p_.u64(static_cast<uint64_t>(o.kind()));
        p_.str(o.text());
        return;
      case K::Ellipsis:
        p_.array(1);
        p_.u64(static_cast<uint64_t>(o.kind()));
        return;
      default:
        p_.array(2);
        p_.u64(static_cast<uint64_t>(o.kind()));
        p_.array(o.items().size());
        for (const Object& x : o.items()) object(x);
        return;
    }
  }

  void write_pending() {
    const PendingCall& pc = vm_.pending_;
    p_.array(6);
    p_.u64(vm_.pending_kind_);
    p_.str(pc.function_name);
    p_.array(pc.args.size());
    for (const Object& a : pc.args) object(a);
    p_.array(pc.kwargs.size() * 2);
    for (const auto& [k, v] : pc.kwargs) {
      p_.str(k);
      object(v);
    }
    p_.u64(pc.call_id);
    if (vm_.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::NameLookup)) {
      p_.u64(vm_.pending_global_);
    } else {
      p_.nil();
    }
  }

  void table(const Dict& d) {
    p_.array(5);
    p_.boolean(d.set_layout());
    p_.u64(d.version());
    p_.u64(d.set_layout() ? 0 : SnapshotAccess::index_size(d));
    p_.u64(d.set_layout() ? SnapshotAccess::finger(d) : 0);
    const auto& es = d.entries();
    p_.array(es.size() * 3);
    for (const Dict::Entry& e : es) {
      if (e.key.is_undef()) {
        // Free slots and tombstones: only the set layout's dummy marker
        // (hash -1) carries meaning.
        value(Value());
        value(Value());
        p_.i64(d.set_layout() && e.hash == -1 ? -1 : 0);
      } else {
        value(e.key);
        value(e.value);
        p_.i64(e.hash);
      }
    }
  }

  void write_frame(const Frame& f) {
    p_.array(kFrameFields);
    p_.u64(f.code_index);
    p_.u64(f.ip);
    p_.u64(f.sp);
    value(f.func);
    value(f.ns);
    value(f.generator);
    value(f.class_cell);
    p_.array(f.sp);
    for (uint32_t i = 0; i < f.sp; i++) value(f.slots[i]);
    p_.array(f.blocks.size() * 3);
    for (const Block& b : f.blocks) {
      p_.u64(b.handler);
      p_.u64(b.stack_depth);
      p_.u64(b.exc_depth);
    }
    p_.u64(f.handled_base);
    p_.u64((f.reentry_boundary ? 1u : 0u) | (f.resumed_by_for_iter ? 2u : 0u) |
           (f.resumed_by_yield_from ? 4u : 0u));
    p_.u64(f.on_return);
  }

  void write_object(const HeapObject* o) {
    p_.array(object_fields(o));
    p_.u64(static_cast<uint64_t>(o->kind));
    switch (o->kind) {
      case ObjKind::Str:
        p_.str(static_cast<const StrObj*>(o)->data);
        break;
      case ObjKind::Bytes:
        p_.bin(static_cast<const BytesObj*>(o)->data);
        break;
      case ObjKind::ByteArray:
        p_.bin(static_cast<const ByteArrayObj*>(o)->data);
        break;
      case ObjKind::BigInt: {
        const BigInt& b = static_cast<const BigIntObj*>(o)->value;
        p_.boolean(b.is_negative());
        p_.words(b.limbs().data(), b.limbs().size());
        break;
      }
      case ObjKind::List:
        values(static_cast<const ListObj*>(o)->items);
        break;
      case ObjKind::Tuple:
        values(static_cast<const TupleObj*>(o)->items);
        break;
      case ObjKind::Dict:
        table(static_cast<const DictObj*>(o)->dict);
        break;
      case ObjKind::Set: {
        auto* s = static_cast<const SetObj*>(o);
        p_.boolean(s->frozen);
        table(s->table);
        break;
      }
      case ObjKind::Range: {
        auto* r = static_cast<const RangeObj*>(o);
        p_.i64(r->start);
        p_.i64(r->stop);
        p_.i64(r->step);
        break;
      }
      case ObjKind::Slice: {
        auto* s = static_cast<const SliceObj*>(o);
        value(s->start);
        value(s->stop);
        value(s->step);
        break;
      }
      case ObjKind::Function: {
        auto* f = static_cast<const FunctionObj*>(o);
        p_.u64(f->code);
        values(f->defaults);
        values(f->kwdefaults);
        values(f->cells);
        value(f->name);
        value(f->qualname);
        value(f->doc);
        value(f->attrs);
        value(f->annotations);
        break;
      }
      case ObjKind::BoundMethod: {
        auto* b = static_cast<const BoundMethodObj*>(o);
        value(b->func);
        value(b->self);
        break;
      }
      case ObjKind::BuiltinMethod: {
        auto* b = static_cast<const BuiltinMethodObj*>(o);
        value(b->self);
        p_.str(type_name_of(b->type_id));
        p_.str(type_info(static_cast<BuiltinTypeId>(b->type_id)).methods[b->method_index].name);
        break;
      }
      case ObjKind::Class: {
        auto* c = static_cast<const ClassObj*>(o);
        value(c->name);
        value(c->qualname);
        values(c->bases);
        values(c->mro);
        table(c->attrs);
        p_.str(type_name_of(static_cast<uint32_t>(c->builtin_base)));
        value(c->slots);
        break;
      }
      case ObjKind::Instance: {
        auto* i = static_cast<const InstanceObj*>(o);
        value(i->cls);
        table(i->inline_attrs);
        value(i->args);
        value(i->cause);
        value(i->context);
        p_.boolean(i->suppress_context);
        p_.array(i->traceback.size() * 3);
        for (const TracebackEntry& t : i->traceback) {
          p_.u64(t.code_index);
          p_.u64(t.line);
          p_.u64(t.instr);
        }
        value(i->builtin_value);
        value(i->dict);
        break;
      }
      case ObjKind::Cell:
        value(static_cast<const CellObj*>(o)->value);
        break;
      case ObjKind::Generator: {
        auto* g = static_cast<const GeneratorObj*>(o);
        if (g->frame) {
          write_frame(*g->frame);
        } else {
          p_.nil();
        }
        p_.boolean(g->running);
        p_.boolean(g->started);
        value(g->name);
        if (g->coroutine) p_.boolean(true);  // (format 5) a sixth field
        break;
      }
      case ObjKind::Iterator: {
        auto* it = static_cast<const IterObj*>(o);
        p_.str(type_name_of(static_cast<uint32_t>(it->type)));
        value(it->source);
        value(it->aux);
        p_.i64(it->index);
        p_.i64(it->pos);
        p_.i64(it->end);
        p_.i64(it->step);
        p_.boolean(it->strict);
        p_.boolean(it->exhausted);
        break;
      }
      case ObjKind::DictView: {
        auto* d = static_cast<const DictViewObj*>(o);
        p_.str(type_name_of(static_cast<uint32_t>(d->type)));
        value(d->dict);
        break;
      }
      case ObjKind::Module: {
        auto* m = static_cast<const ModuleObj*>(o);
        value(m->name);
        table(m->attrs);
        break;
      }
      case ObjKind::Property:
      case ObjKind::StaticMethod:
      case ObjKind::ClassMethod:
      case ObjKind::Super:
      case ObjKind::Partial:
      case ObjKind::LruCache:
      case ObjKind::KeyWrapper: {
        auto* w = static_cast<const WrapperObj*>(o);
        value(w->f0);
        value(w->f1);
        value(w->f2);
        value(w->f3);
        break;
      }
    }
  }

  static size_t object_fields(const HeapObject* o) {
    switch (o->kind) {
      case ObjKind::Str:
      case ObjKind::Bytes:
      case ObjKind::ByteArray:
      case ObjKind::List:
      case ObjKind::Tuple:
      case ObjKind::Dict:
      case ObjKind::Cell:
        return 2;
      case ObjKind::BigInt:
      case ObjKind::Set:
      case ObjKind::BoundMethod:
      case ObjKind::DictView:
      case ObjKind::Module:
        return 3;
      case ObjKind::Range:
      case ObjKind::Slice:
      case ObjKind::BuiltinMethod:
        return 4;
      case ObjKind::Generator:
        return static_cast<const GeneratorObj*>(o)->coroutine ? 6 : 5;
      case ObjKind::Property:
      case ObjKind::StaticMethod:
      case ObjKind::ClassMethod:
      case ObjKind::Super:
      case ObjKind::Partial:
      case ObjKind::LruCache:
      case ObjKind::KeyWrapper:
        return 5;
      case ObjKind::Class:
        return 8;
      case ObjKind::Instance:
        return 10;
      case ObjKind::Function:
        return 10;
      case ObjKind::Iterator:
        return 10;
    }
    return 1;
  }

  const VM& vm_;
  Packer& p_;
  bool session_ = false;         // writing a REPL session: only its roots
  std::vector<uint32_t> renum_;  // heap id -> object number (UINT32_MAX: not written)
  std::vector<uint32_t> order_;  // object number -> heap id
};

// ============================================================================
// Reading
// ============================================================================

constexpr uint32_t kObjKindCount = static_cast<uint32_t>(ObjKind::KeyWrapper) + 1;

// What a field may hold. Every check also rejects the two values that may
// only sit in specific stack slots: builtin method references and functions
// of class-body or comprehension code.
enum class Need : uint8_t {
  Top,    // any value, Undef included
  Value,  // any value but Undef
  Str,
  Tuple,
  List,
  Dict,
  Set,
  Cell,
  Function,
  ClassOrType,  // a user class or a builtin type
  Instance,
  Generator,
  Module,
  IntLike,  // int, bool or big int
};

class Loader {
 public:
  Loader(std::shared_ptr<Program> prog, uint32_t version)
      : prog_(std::move(prog)), version_(version) {}

  // `session`: the payload is a REPL session's (kind 3), else a paused
  // execution's (kind 2).
  std::unique_ptr<VM> load(const msgpack::object* f, bool session) {
    session_ = session;
    try {
      return session ? load_session_checked(f) : load_checked(f);
    } catch (LoadError& e) {
      // The typed getters do not know where they are: name the place.
      std::string c = context();
      if (!c.empty() && e.message.rfind(c, 0) != 0) e.message = c + e.message;
      throw;
    }
  }

 private:
  // A paused execution (kind 2): the payload fields in the order of
  // docs/snapshot-format.md, "Execution".
  std::unique_ptr<VM> load_checked(const msgpack::object* f) {
    read_limits(f[1]);
    read_objects(f[4]);
    read_tables(f[5], f[6], f[7]);
    set_context("handled exceptions: ");
    vm_->handled = read_values(f[8], "exception");
    need_all(vm_->handled, Need::Instance, "exception");
    read_modules_interned(f[9], f[10]);
    read_stack(f[11], f[12]);
    set_context("counters: ");
    read_counters(f[2]);
    vm_->enable_consumer_frames();
    set_context("pending call: ");
    read_pending(f[3]);
    check_semantics();
    // Raising and describing an exception read its args tuple and classes.
    set_context("handled exceptions: ");
    for (Value v : vm_->handled)
      if (!is_exception(v)) bad("not an exception");
    set_context("");
    if (!vm_->pending_exc_.is_undef() && !is_exception(vm_->pending_exc_))
      bad("pending exception is not an exception");
    check_frames();
    std::unique_ptr<VM> vm = finish();
    describe_pending(*vm);
    return vm;
  }

  // What a pause tells the host beyond its record (PendingCall's
  // in_event_loop, waiting and timeout) is read off the loaded event loop;
  // its state is checked on the way, as every use of it is.
  void describe_pending(VM& vm) {
    set_context("pending call: ");
    try {
      if (vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::Wait)) {
        vm.describe_wait();
        if (vm.pending_.waiting.empty()) bad("waits for no deferred call");
      } else if (vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::FunctionCall)) {
        vm.pending_.in_event_loop = vm.in_running_loop();
      }
    } catch (PyError& e) {
      bad(vm.describe_exception(e.exc).message);
    }
    set_context("");
  }

  // A REPL session between snippets (kind 3, "REPL session"): no frames, no
  // pending call, no exception in flight.
  std::unique_ptr<VM> load_session_checked(const msgpack::object* f) {
    set_context("limits: ");
    read_limits(f[2]);
    if (limits_.pause_every_instructions) bad("a REPL session does not pause for time slices");
    set_context("");
    read_objects(f[4]);
    read_tables(f[5], f[6], f[7]);
    read_modules_interned(f[8], f[9]);
    set_context("");
    vm_->empty_tuple_ = read_empty_tuple(f[10]);
    set_context("counters: ");
    const msgpack::object* c = tuple(f[3], "counters", 1);
    allocations_ = u64(c[0], "allocations");
    check_semantics();
    // No frame is on the stack: this checks the suspended generators' frames
    // (and that no generator claims to be running).
    check_frames();
    return finish();
  }

  // Pass 1 and 2 over the heap objects; creates the VM first.
  void read_objects(const msgpack::object& objects) {
    vm_ = std::make_unique<VM>(prog_, limits_, nullptr);
    VM& vm = *vm_;
    // The constructor allocated names and the empty tuple: start over with
    // an empty heap whose ids will be the dump's object numbers.
    SnapshotAccess::clear_heap(vm.heap);
    vm.names_.clear();
    vm.empty_tuple_ = Value();
    vm.interned_.clear();
    vm.interned_index_.clear();
    vm.literal_interns_ = {};

    size_t n;
    objs_ = array(objects, "objects", &n);
    nobj_ = n;
    for (size_t i = 0; i < n; i++) {
      object_context(i);
      create_object(objs_[i]);
    }
    restricted_.assign(n, false);
    for (size_t i = 0; i < n; i++) {
      HeapObject* o = vm.heap.get(static_cast<uint32_t>(i));
      if (o->kind == ObjKind::Function) {
        const Code& c = prog_->codes[static_cast<FunctionObj*>(o)->code];
        restricted_[i] = (c.flags & (kCodeClassBody | kCodeComprehension)) != 0;
      }
    }
    for (size_t i = 0; i < n; i++) {
      object_context(i);
      check_object(static_cast<uint32_t>(i), vm.heap.get(static_cast<uint32_t>(i)));
    }
  }

  // Pass 3: checks that follow references through checked structure.
  void check_semantics() {
    for (size_t i = 0; i < nobj_; i++) {
      object_context(i);
      check_object_semantics(static_cast<uint32_t>(i));
    }
  }

  // VM::getattribute_override_, derived from the classes (no interning: a
  // load must not add strs the dump did not have).
  bool defines_getattribute(VM& vm) const {
    for (size_t i = 0; i < nobj_; i++) {
      HeapObject* o = vm.heap.get(static_cast<uint32_t>(i));
      if (o->kind != ObjKind::Class) continue;
      for (const auto& e : static_cast<ClassObj*>(o)->attrs.entries()) {
        if (vm.is_str(e.key) && vm.str_view(e.key) == "__getattribute__") return true;
      }
    }
    return false;
  }

  // VM::abstract_classes_, derived from the classes the same way: some
  // class has a non-empty __abstractmethods__ set.
  bool has_abstract_classes(VM& vm) const {
    for (size_t i = 0; i < nobj_; i++) {
      HeapObject* o = vm.heap.get(static_cast<uint32_t>(i));
      if (o->kind != ObjKind::Class) continue;
      for (const auto& e : static_cast<ClassObj*>(o)->attrs.entries()) {
        if (!vm.is_str(e.key) || vm.str_view(e.key) != "__abstractmethods__") continue;
        if (vm.is_kind(e.value, ObjKind::Set) && vm.as<SetObj>(e.value)->table.size() > 0)
          return true;
      }
    }
    return false;
  }

  std::unique_ptr<VM> finish() {
    VM& vm = *vm_;
    // What the constructor derived from its own (discarded) heap, derived
    // again from the loaded one. intern() finds these in the loaded
    // interned_ (or allocates them, after the loaded objects).
    vm.special_setattr_ = vm.intern("__setattr__");
    vm.special_getattr_ = vm.intern("__getattr__");
    vm.special_init_ = vm.intern("__init__");
    vm.getattribute_override_ = defines_getattribute(vm);
    vm.abstract_classes_ = has_abstract_classes(vm);
    SnapshotAccess::finish_heap(vm.heap, allocations_);
    return std::move(vm_);
  }

  // Where the reader is, for messages. Objects and frames are numbered
  // lazily: building a string per object would cost more than checking it.
  void set_context(const char* c) {
    ctx_ = c;
    ctx_index_ = -1;
  }
  void object_context(size_t i) {
    ctx_ = "object ";
    ctx_index_ = static_cast<int64_t>(i);
  }
  void frame_context(size_t i) {
    ctx_ = "frame ";
    ctx_index_ = static_cast<int64_t>(i);
  }
  std::string context() const {
    return ctx_index_ < 0 ? std::string(ctx_) : ctx_ + std::to_string(ctx_index_) + ": ";
  }
  [[noreturn]] void bad(const std::string& what) { fail(context() + what); }

  ObjKind kind_of(Value v) const { return vm_->heap.get(v)->kind; }
  bool is(Value v, ObjKind k) const { return v.is_obj() && kind_of(v) == k; }
  bool method_ref(Value v) const { return v.is_builtin_fn() && (v.id & kMethodRefBit); }

  // Version 3 writes (code, line, instruction) per frame; 1 and 2 wrote
  // (code, line), so their entries have no columns to underline. A known
  // instruction must be in its code and on the line given.
  void read_traceback(const msgpack::object& o, std::vector<TracebackEntry>& out) {
    size_t n;
    const msgpack::object* tb = array(o, "traceback", &n);
    const size_t width = version_ >= 3 ? 3 : 2;
    if (n % width) bad("traceback: length not a multiple of " + std::to_string(width));
    for (size_t i = 0; i < n; i += width) {
      TracebackEntry t;
      t.code_index = index(tb[i], "traceback code", prog_->codes.size());
      t.line = u32(tb[i + 1], "traceback line");
      if (width == 3) {
        t.instr = u32(tb[i + 2], "traceback instruction");
        const Code& code = prog_->codes[t.code_index];
        if (t.instr != TracebackEntry::kUnknownInstr &&
            (t.instr >= code.lines.size() || code.lines[t.instr] != t.line)) {
          bad("traceback instruction " + std::to_string(t.instr) + " is not on line " +
              std::to_string(t.line) + " of its code");
        }
      }
      out.push_back(t);
    }
  }

  // ---- values ----

  Value read_value(const msgpack::object& o, const char* what) {
    switch (o.type) {
      case msgpack::type::NIL:
        return Value::none();
      case msgpack::type::BOOLEAN:
        return Value::boolean(o.via.boolean);
      case msgpack::type::POSITIVE_INTEGER:
      case msgpack::type::NEGATIVE_INTEGER:
        return Value::integer(i64(o, what));
      case msgpack::type::FLOAT32:
      case msgpack::type::FLOAT64:
        return Value::floating(o.via.f64);
      case msgpack::type::EXT:
        break;
      default:
        bad(std::string(what) + ": not a value");
    }
    std::string_view d(o.via.ext.data(), o.via.ext.size);
    auto u32be = [&]() -> uint32_t {
      if (d.size() != 4) bad(std::string(what) + ": bad reference");
      const auto* b = reinterpret_cast<const unsigned char*>(d.data());
      return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
    };
    switch (o.via.ext.type()) {
      case kExtUndef:
        if (d.size() != 1 || d[0] != 0) bad(std::string(what) + ": bad unset marker");
        return Value();
      case kExtObj: {
        uint32_t id = u32be();
        if (id >= nobj_) {
          bad(std::string(what) + ": object id " + std::to_string(id) + " out of range (" +
              std::to_string(nobj_) + " objects)");
        }
        return Value::obj(id);
      }
      case kExtBuiltin: {
        if (fn_by_name_.empty()) {
          auto fns = builtin_functions();
          for (size_t i = 0; i < fns.size(); i++)
            fn_by_name_.emplace(builtin_fn_name(static_cast<uint32_t>(i)), i);
        }
        auto it = fn_by_name_.find(std::string(d));
        if (it == fn_by_name_.end())
          bad(std::string(what) + ": unknown builtin function '" + std::string(d) + "'");
        return Value::builtin_fn(static_cast<uint32_t>(it->second));
      }
      case kExtType:
        return Value::type(static_cast<uint32_t>(type_by_name(d, what)));
      case kExtExternal: {
        uint32_t i = u32be();
        if (i >= prog_->external_functions.size())
          bad(std::string(what) + ": external function index out of range");
        return Value::builtin_fn(kExternalBit | i);
      }
      case kExtMethod: {
        size_t dot = d.find('.');
        if (dot == std::string_view::npos) bad(std::string(what) + ": bad method reference");
        BuiltinTypeId t = type_by_name(d.substr(0, dot), what);
        uint32_t index = 0;
        if (!find_method(t, d.substr(dot + 1), &index) || index > 0xffff ||
            static_cast<uint32_t>(t) > 0x7fff) {
          bad(std::string(what) + ": unknown method '" + std::string(d) + "'");
        }
        return Value::builtin_fn(kMethodRefBit | (static_cast<uint32_t>(t) << 16) | index);
      }
      default:
        bad(std::string(what) + ": unknown value type " + std::to_string(o.via.ext.type()));
    }
  }

  BuiltinTypeId type_by_name(std::string_view name, const char* what) {
    for (uint32_t i = 0; i < kBuiltinTypeCount; i++) {
      if (name == type_name_of(i)) return static_cast<BuiltinTypeId>(i);
    }
    bad(std::string(what) + ": unknown builtin type '" + std::string(name) + "'");
  }

  std::vector<Value> read_values(const msgpack::object& o, const char* what) {
    size_t n;
    const msgpack::object* a = array(o, what, &n);
    std::vector<Value> out;
    out.reserve(n);
    for (size_t i = 0; i < n; i++) out.push_back(read_value(a[i], what));
    return out;
  }

  // The structural check of one reference (pass 2 and later).
  void need(Value v, Need n, const char* what) {
    if (method_ref(v)) bad(std::string(what) + ": a method reference outside a method call");
    if (v.is_obj() && restricted_[v.id])
      bad(std::string(what) + ": refers to a class body or comprehension function");
    auto fail_kind = [&](const char* expected) {
      bad(std::string(what) + ": expected " + expected);
    };
    switch (n) {
      case Need::Top:
        return;
      case Need::Value:
        if (v.is_undef()) fail_kind("a value (found unset)");
        return;
      case Need::Str:
        if (!is(v, ObjKind::Str)) fail_kind("a str");
        return;
      case Need::Tuple:
        if (!is(v, ObjKind::Tuple)) fail_kind("a tuple");
        return;
      case Need::List:
        if (!is(v, ObjKind::List)) fail_kind("a list");
        return;
      case Need::Dict:
        if (!is(v, ObjKind::Dict)) fail_kind("a dict");
        return;
      case Need::Set:
        if (!is(v, ObjKind::Set)) fail_kind("a set");
        return;
      case Need::Cell:
        if (!is(v, ObjKind::Cell)) fail_kind("a cell");
        return;
      case Need::Function:
        if (!is(v, ObjKind::Function)) fail_kind("a function");
        return;
      case Need::ClassOrType:
        if (!v.is_type() && !is(v, ObjKind::Class)) fail_kind("a class");
        return;
      case Need::Instance:
        if (!is(v, ObjKind::Instance)) fail_kind("an instance");
        return;
      case Need::Generator:
        if (!is(v, ObjKind::Generator)) fail_kind("a generator");
        return;
      case Need::Module:
        if (!is(v, ObjKind::Module)) fail_kind("a module");
        return;
      case Need::IntLike:
        if (!v.is_int() && !v.is_bool() && !is(v, ObjKind::BigInt)) fail_kind("an int");
        return;
    }
  }
  void need_all(const std::vector<Value>& vs, Need n, const char* what) {
    for (Value v : vs) need(v, n, what);
  }

  // Exception instances (after pass 2, classes' MROs are known to be classes).
  bool is_exception(Value v) const {
    return is(v, ObjKind::Instance) && vm_->is_exception_class(vm_->as<InstanceObj>(v)->cls);
  }

  // Whether `self` is an instance of builtin type `t` as LOAD_METHOD would
  // have found it (the builtin base chain of its type).
  bool receiver_ok(Value self, BuiltinTypeId t) const {
    if (self.is_undef()) return false;
    if (t == BuiltinTypeId::Object) return true;  // object's methods check what they get
    if (vm_->is_subclass(Value::type(static_cast<uint32_t>(t)), BuiltinTypeId::BaseException)) {
      return is_exception(self) && vm_->isinstance(self, Value::type(static_cast<uint32_t>(t)));
    }
    // Other builtin methods cast self to their type's own object layout:
    // never an instance (a subclass instance's methods bind its builtin
    // value), a class, a module or a super object.
    if (t != BuiltinTypeId::Type &&
        (self.is_type() || is(self, ObjKind::Instance) || is(self, ObjKind::Class) ||
         is(self, ObjKind::Module) || is(self, ObjKind::Super))) {
      return false;
    }
    BuiltinTypeId id = vm_->builtin_type(self);
    for (int hops = 0; hops < 64; hops++) {
      if (id == t) return true;
      if (id == BuiltinTypeId::Object) return false;
      id = type_info(id).base;
    }
    return false;
  }

  // ---- dict tables ----

  void read_table(Dict& d, const msgpack::object& o, bool set_values_may_be_unset) {
    const msgpack::object* f = tuple(o, "table", 5);
    bool set_layout = boolean(f[0], "table layout");
    uint64_t version = u64(f[1], "table version");
    if (version > UINT32_MAX) bad("table version out of range");
    uint64_t index_size = u64(f[2], "table index size");
    uint64_t finger = u64(f[3], "table finger");
    size_t n;
    const msgpack::object* es = array(f[4], "table entries", &n);
    if (n % 3) bad("table entries: length not a multiple of 3");
    std::vector<Dict::Entry> entries;
    entries.reserve(n / 3);
    size_t used = 0, fill = 0;
    for (size_t i = 0; i < n; i += 3) {
      Dict::Entry e{read_value(es[i], "table key"), read_value(es[i + 1], "table value"),
                    i64(es[i + 2], "table hash")};
      if (e.key.is_undef()) {
        if (!e.value.is_undef()) bad("table: a free slot holds a value");
        if (e.hash != 0 && !(set_layout && e.hash == -1)) bad("table: bad free-slot marker");
        if (set_layout && e.hash == -1) fill++;
      } else {
        used++;
        fill++;
      }
      entries.push_back(e);
    }
    const size_t size = entries.size();
    auto pow2 = [](uint64_t x) { return x >= 8 && (x & (x - 1)) == 0; };
    if (set_layout) {
      // The table is probed until a free slot: it must have the size and
      // load CPython's setobject.c keeps (a power of two, fill < 60%).
      if (size != 0 && !pow2(size)) bad("set table size is not a power of two >= 8");
      if (size != 0 && fill * 5 >= (size - 1) * 3) bad("set table too full");
      if (index_size != 0) bad("set table with an index");
    } else {
      // The index holds the live entries and at least one empty slot; it
      // may be larger than the entries (after deletions), within reason.
      if (used > 0 || index_size != 0) {
        if (!pow2(index_size)) bad("dict index size is not a power of two >= 8");
        if (size > (index_size << 1) / 3) bad("dict index too small for its entries");
        if (index_size > 64 * (size + 8)) bad("dict index size out of proportion");
      }
      if (finger != 0) bad("dict with a finger");
    }
    for (const Dict::Entry& e : entries) {
      if (e.key.is_undef()) continue;
      need(e.key, Need::Value, "table key");
      need(e.value, set_layout || set_values_may_be_unset ? Need::Top : Need::Value, "table value");
    }
    SnapshotAccess::install(d, set_layout, std::move(entries), index_size, finger,
                            static_cast<uint32_t>(version));
  }

  // Tables are read in pass 1 (values decoded) but their references are
  // checked in pass 2: keep the raw object until then.
  // ---- pass 1: objects ----

  MONTY_NOINLINE void create_object(const msgpack::object& o) {
    size_t n;
    const msgpack::object* f = array(o, "object", &n);
    if (n == 0) bad("empty object");
    uint64_t k = u64(f[0], "object kind");
    if (k >= kObjKindCount) bad("unknown object kind " + std::to_string(k));
    auto want = [&](size_t fields) {
      if (n != fields)
        bad("expected " + std::to_string(fields) + " fields, found " + std::to_string(n));
    };
    Heap& heap = vm_->heap;
    auto kind = static_cast<ObjKind>(k);
    switch (kind) {
      case ObjKind::Str:
        want(2);
        heap.make<StrObj>(std::string(str(f[1], "str")));
        return;
      case ObjKind::Bytes:
        want(2);
        heap.make<BytesObj>(std::string(bin(f[1], "bytes")));
        return;
      case ObjKind::ByteArray:
        want(2);
        heap.make<ByteArrayObj>(std::string(bin(f[1], "bytearray")));
        return;
      case ObjKind::BigInt: {
        want(3);
        bool neg = boolean(f[1], "big int sign");
        std::vector<uint32_t> limbs = words(f[2], "big int limbs");
        if (limbs.empty() || limbs.back() == 0) bad("big int limbs not normalized");
        BigInt b = BigInt::from_limbs(neg, std::move(limbs));
        if (b.fits_int64()) bad("big int fits in 64 bits (must be stored inline)");
        heap.make<BigIntObj>(std::move(b));
        return;
      }
      case ObjKind::List:
        want(2);
        heap.make<ListObj>(read_values(f[1], "list items"));
        return;
      case ObjKind::Tuple:
        want(2);
        heap.make<TupleObj>(read_values(f[1], "tuple items"));
        return;
      case ObjKind::Dict:
        want(2);
        deferred_tables_.push_back({static_cast<uint32_t>(heap.capacity()), &f[1]});
        heap.make<DictObj>();
        return;
      case ObjKind::Set:
        want(3);
        deferred_tables_.push_back({static_cast<uint32_t>(heap.capacity()), &f[2]});
        heap.make<SetObj>(boolean(f[1], "frozen"));
        return;
      case ObjKind::Range: {
        want(4);
        int64_t start = i64(f[1], "range start"), stop = i64(f[2], "range stop"),
                step = i64(f[3], "range step");
        if (step == 0) bad("range step is zero");
        heap.make<RangeObj>(start, stop, step);
        return;
      }
      case ObjKind::Slice:
        want(4);
        heap.make<SliceObj>(read_value(f[1], "slice start"), read_value(f[2], "slice stop"),
                            read_value(f[3], "slice step"));
        return;
      case ObjKind::Function: {
        want(10);
        Value v = heap.make<FunctionObj>();
        auto* fn = vm_->as<FunctionObj>(v);
        fn->code = index(f[1], "function code index", prog_->codes.size());
        // Module code (the program's, or a REPL snippet's) runs only as a
        // module, never as a function.
        if (prog_->codes[fn->code].flags & kCodeModule) bad("function of a module code");
        fn->defaults = read_values(f[2], "function defaults");
        fn->kwdefaults = read_values(f[3], "function keyword defaults");
        fn->cells = read_values(f[4], "function cells");
        fn->name = read_value(f[5], "function name");
        fn->qualname = read_value(f[6], "function qualname");
        fn->doc = read_value(f[7], "function doc");
        fn->attrs = read_value(f[8], "function attributes");
        fn->annotations = read_value(f[9], "function annotations");
        return;
      }
      case ObjKind::BoundMethod:
        want(3);
        heap.make<BoundMethodObj>(read_value(f[1], "method function"),
                                  read_value(f[2], "method self"));
        return;
      case ObjKind::BuiltinMethod: {
        want(4);
        Value self = read_value(f[1], "builtin method self");
        BuiltinTypeId t = type_by_name(str(f[2], "builtin method type"), "builtin method type");
        uint32_t index = 0;
        std::string_view m = str(f[3], "builtin method name");
        if (!find_method(t, m, &index)) bad("unknown builtin method '" + std::string(m) + "'");
        heap.make<BuiltinMethodObj>(self, static_cast<uint32_t>(t), index);
        return;
      }
      case ObjKind::Class: {
        want(version_ >= 2 ? 8 : 7);  // version 2 added `slots`
        Value v = heap.make<ClassObj>();
        auto* c = vm_->as<ClassObj>(v);
        c->name = read_value(f[1], "class name");
        c->qualname = read_value(f[2], "class qualname");
        c->bases = read_values(f[3], "class bases");
        c->mro = read_values(f[4], "class mro");
        deferred_tables_.push_back({v.id, &f[5]});
        c->builtin_base = type_by_name(str(f[6], "class builtin base"), "class builtin base");
        if (version_ >= 2) c->slots = read_value(f[7], "class slots");
        return;
      }
      case ObjKind::Instance: {
        want(version_ >= 2 ? 10 : 9);  // version 2 added `dict`
        Value v = heap.make<InstanceObj>(read_value(f[1], "instance class"));
        auto* inst = vm_->as<InstanceObj>(v);
        deferred_tables_.push_back({v.id, &f[2]});
        inst->args = read_value(f[3], "exception args");
        inst->cause = read_value(f[4], "exception cause");
        inst->context = read_value(f[5], "exception context");
        inst->suppress_context = boolean(f[6], "suppress_context");
        read_traceback(f[7], inst->traceback);
        inst->builtin_value = read_value(f[8], "instance builtin value");
        if (version_ >= 2) inst->dict = read_value(f[9], "instance __dict__");
        return;
      }
      case ObjKind::Cell: {
        want(2);
        Value v = heap.make<CellObj>();
        vm_->as<CellObj>(v)->value = read_value(f[1], "cell value");
        return;
      }
      case ObjKind::Generator: {
        if (n != 5 && n != 6) bad("expected 5 or 6 fields, found " + std::to_string(n));
        Value v = heap.make<GeneratorObj>();
        auto* g = vm_->as<GeneratorObj>(v);
        g->coroutine = n == 6 && boolean(f[5], "coroutine");
        if (!is_nil(f[1])) g->frame = read_frame(f[1]);
        g->running = boolean(f[2], "generator running");
        g->started = boolean(f[3], "generator started");
        g->name = read_value(f[4], "generator name");
        return;
      }
      case ObjKind::Iterator: {
        want(10);
        BuiltinTypeId t = type_by_name(str(f[1], "iterator type"), "iterator type");
        Value v = heap.make<IterObj>(t);
        auto* it = vm_->as<IterObj>(v);
        it->source = read_value(f[2], "iterator source");
        it->aux = read_value(f[3], "iterator aux");
        it->index = i64(f[4], "iterator index");
        it->pos = i64(f[5], "iterator pos");
        it->end = i64(f[6], "iterator end");
        it->step = i64(f[7], "iterator step");
        it->strict = boolean(f[8], "iterator strict");
        it->exhausted = boolean(f[9], "iterator exhausted");
        return;
      }
      case ObjKind::DictView: {
        want(3);
        BuiltinTypeId t = type_by_name(str(f[1], "view type"), "view type");
        if (t != BuiltinTypeId::DictKeys && t != BuiltinTypeId::DictValues &&
            t != BuiltinTypeId::DictItems) {
          bad("bad dict view type");
        }
        heap.make<DictViewObj>(t, read_value(f[2], "view dict"));
        return;
      }
      case ObjKind::Module: {
        want(3);
        Value v = heap.make<ModuleObj>();
        vm_->as<ModuleObj>(v)->name = read_value(f[1], "module name");
        deferred_tables_.push_back({v.id, &f[2]});
        return;
      }
      case ObjKind::Property:
      case ObjKind::StaticMethod:
      case ObjKind::ClassMethod:
      case ObjKind::Super:
      case ObjKind::Partial:
      case ObjKind::LruCache:
      case ObjKind::KeyWrapper:
        want(5);
        heap.make<WrapperObj>(kind, read_value(f[1], "field"), read_value(f[2], "field"),
                              read_value(f[3], "field"), read_value(f[4], "field"));
        return;
    }
  }

  // ---- pass 2: references ----

  MONTY_NOINLINE void check_object(uint32_t id, HeapObject* o) {
    switch (o->kind) {
      case ObjKind::Str:
      case ObjKind::Bytes:
      case ObjKind::ByteArray:
      case ObjKind::BigInt:
      case ObjKind::Range:
        break;
      case ObjKind::List:
        need_all(static_cast<ListObj*>(o)->items, Need::Value, "list item");
        break;
      case ObjKind::Tuple:
        need_all(static_cast<TupleObj*>(o)->items, Need::Value, "tuple item");
        break;
      case ObjKind::Dict:
        read_deferred_table(id, static_cast<DictObj*>(o)->dict, false);
        break;
      case ObjKind::Set:
        read_deferred_table(id, static_cast<SetObj*>(o)->table, true);
        break;
      case ObjKind::Slice: {
        auto* s = static_cast<SliceObj*>(o);
        need(s->start, Need::Value, "slice start");
        need(s->stop, Need::Value, "slice stop");
        need(s->step, Need::Value, "slice step");
        break;
      }
      case ObjKind::Function: {
        auto* fn = static_cast<FunctionObj*>(o);
        const Code& c = prog_->codes[fn->code];
        need_all(fn->defaults, Need::Value, "function default");
        need_all(fn->kwdefaults, Need::Top, "function keyword default");
        if (fn->cells.size() != c.freevars.size()) {
          bad("function has " + std::to_string(fn->cells.size()) +
              " closure cells, its code needs " + std::to_string(c.freevars.size()));
        }
        need_all(fn->cells, Need::Cell, "function closure cell");
        need(fn->name, Need::Str, "function name");
        need(fn->qualname, Need::Str, "function qualname");
        need(fn->doc, Need::Value, "function doc");
        if (!fn->attrs.is_undef()) need(fn->attrs, Need::Dict, "function attributes");
        if (!fn->annotations.is_undef()) need(fn->annotations, Need::Dict, "function annotations");
        break;
      }
      case ObjKind::BoundMethod: {
        auto* b = static_cast<BoundMethodObj*>(o);
        need(b->func, Need::Value, "method function");
        need(b->self, Need::Value, "method self");
        break;
      }
      case ObjKind::BuiltinMethod:
        need(static_cast<BuiltinMethodObj*>(o)->self, Need::Top, "builtin method self");
        break;
      case ObjKind::Class: {
        auto* c = static_cast<ClassObj*>(o);
        need(c->name, Need::Str, "class name");
        need(c->qualname, Need::Str, "class qualname");
        need_all(c->bases, Need::ClassOrType, "class base");
        need_all(c->mro, Need::ClassOrType, "class mro entry");
        if (c->mro.empty() || !c->mro[0].same(Value::obj(id)))
          bad("class mro does not start with the class");
        if (c->builtin_base != BuiltinTypeId::Object && !is_subclassable_builtin(c->builtin_base) &&
            !vm_->is_subclass(Value::type(static_cast<uint32_t>(c->builtin_base)),
                              BuiltinTypeId::BaseException)) {
          bad("class derives from an unsupported builtin type");
        }
        read_deferred_table(id, c->attrs, false);
        if (!c->slots.is_undef()) {
          need(c->slots, Need::Tuple, "class slots");
          for (Value s : vm_->as<TupleObj>(c->slots)->items) need(s, Need::Str, "class slot name");
        }
        break;
      }
      case ObjKind::Instance: {
        auto* inst = static_cast<InstanceObj*>(o);
        need(inst->cls, Need::ClassOrType, "instance class");
        if (inst->cls.is_type() && !vm_->is_subclass(inst->cls, BuiltinTypeId::BaseException) &&
            inst->cls.id != static_cast<uint32_t>(BuiltinTypeId::Object) &&
            inst->cls.id != static_cast<uint32_t>(BuiltinTypeId::UnionType) &&
            inst->cls.id != static_cast<uint32_t>(BuiltinTypeId::TypingForm)) {
          // Only exceptions, object() and unions (int | None) are instances
          // of builtin types; anything else would be taken for the builtin
          // type's own object layout.
          bad("instance of a builtin type that is not an exception");
        }
        read_deferred_table(id, inst->inline_attrs, false);
        if (!inst->dict.is_undef()) {
          need(inst->dict, Need::Dict, "instance __dict__");
          if (!inst->inline_attrs.empty())
            bad("instance with both inline attributes and a __dict__");
          if (inst->cls.is_type() && !vm_->is_subclass(inst->cls, BuiltinTypeId::BaseException))
            bad("__dict__ on an instance of a builtin type");
        }
        if (!inst->args.is_undef()) need(inst->args, Need::Tuple, "exception args");
        if (!inst->cause.is_undef()) need(inst->cause, Need::Instance, "exception cause");
        if (!inst->context.is_undef()) need(inst->context, Need::Instance, "exception context");
        check_builtin_value(inst);
        break;
      }
      case ObjKind::Cell:
        need(static_cast<CellObj*>(o)->value, Need::Top, "cell value");
        break;
      case ObjKind::Generator: {
        auto* g = static_cast<GeneratorObj*>(o);
        need(g->name, Need::Str, "generator name");
        if (g->frame && g->running) bad("a running generator also holds its frame");
        if (!g->frame && g->running && !g->started) bad("running generator not started");
        break;
      }
      case ObjKind::Iterator:
        check_iterator(static_cast<IterObj*>(o));
        break;
      case ObjKind::DictView:
        need(static_cast<DictViewObj*>(o)->dict, Need::Dict, "view dict");
        break;
      case ObjKind::Module: {
        auto* m = static_cast<ModuleObj*>(o);
        need(m->name, Need::Str, "module name");
        read_deferred_table(id, m->attrs, false);
        break;
      }
      case ObjKind::Property:
      case ObjKind::StaticMethod:
      case ObjKind::ClassMethod:
      case ObjKind::Super: {
        auto* w = static_cast<WrapperObj*>(o);
        need(w->f0, Need::Top, "field");
        need(w->f1, Need::Top, "field");
        need(w->f2, Need::Top, "field");
        need(w->f3, Need::Top, "field");
        break;
      }
      case ObjKind::Partial: {
        // func (called when the partial is: anything else is a TypeError
        // then), the stored arguments, the keywords (the program's own
        // dict: any keys, which a call refuses unless they are strs).
        auto* w = static_cast<WrapperObj*>(o);
        need(w->f0, Need::Top, "partial function");
        need(w->f1, Need::Tuple, "partial arguments");
        need(w->f2, Need::Dict, "partial keywords");
        if (!w->f3.is_undef()) bad("partial with a fourth field");
        break;
      }
      case ObjKind::LruCache: {
        // func, the cache (any keys: the loader cannot tell a key tuple
        // from another), maxsize, the stats list [hits, misses, typed].
        auto* w = static_cast<WrapperObj*>(o);
        need(w->f0, Need::Top, "cached function");
        need(w->f1, Need::Dict, "cache");
        if (!w->f2.is_none() && !(w->f2.is_int() && w->f2.i >= 0)) bad("cache maxsize");
        need(w->f3, Need::List, "cache statistics");
        const auto& stats = vm_->as<ListObj>(w->f3)->items;
        if (stats.size() != 3 || !stats[0].is_int() || stats[0].i < 0 || !stats[1].is_int() ||
            stats[1].i < 0 || !stats[2].is_bool())
          bad("cache statistics");
        break;
      }
      case ObjKind::KeyWrapper: {
        // cmp, and the object (unset in the one cmp_to_key returned).
        auto* w = static_cast<WrapperObj*>(o);
        need(w->f0, Need::Top, "key comparison function");
        if (!w->f1.is_undef()) need(w->f1, Need::Top, "key object");
        if (!w->f2.is_undef() || !w->f3.is_undef()) bad("key wrapper with extra fields");
        break;
      }
    }
  }

  // Instances of user subclasses of list, str, int... carry the builtin
  // value the builtin methods and protocols operate on (types/subclass.cpp);
  // other instances carry none.
  void check_builtin_value(InstanceObj* inst) {
    using B = BuiltinTypeId;
    Value v = inst->builtin_value;
    B base = inst->cls.is_type() ? static_cast<B>(inst->cls.id)
                                 : vm_->as<ClassObj>(inst->cls)->builtin_base;
    if (!is_subclassable_builtin(base)) {
      if (!v.is_undef()) bad("instance carries a builtin value its class does not have");
      return;
    }
    need(v, Need::Value, "instance builtin value");
    bool ok = false;
    switch (base) {
      case B::Int:
        ok = v.is_int() || v.is_bool() || is(v, ObjKind::BigInt);
        break;
      case B::Float:
        ok = v.is_float();
        break;
      case B::Str:
        ok = is(v, ObjKind::Str);
        break;
      case B::Bytes:
        ok = is(v, ObjKind::Bytes);
        break;
      case B::List:
        ok = is(v, ObjKind::List);
        break;
      case B::Tuple:
        ok = is(v, ObjKind::Tuple);
        break;
      case B::Dict:
        ok = is(v, ObjKind::Dict);
        break;
      case B::Set:
      case B::FrozenSet:
        ok = is(v, ObjKind::Set);
        break;
      default:
        ok = false;
        break;
    }
    if (!ok) bad("instance builtin value does not match its class's builtin base");
  }

  void read_deferred_table(uint32_t id, Dict& d, bool set) {
    // Tables were queued in creation order, which is id order.
    if (next_table_ >= deferred_tables_.size() || deferred_tables_[next_table_].first != id) {
      bad("internal: table order");
    }
    read_table(d, *deferred_tables_[next_table_++].second, set);
  }

  void check_iterator(IterObj* it) {
    using B = BuiltinTypeId;
    const Value src = it->source;
    auto source_is = [&](ObjKind k, const char* what) {
      // Finished iterators drop their source (None).
      if (it->exhausted && src.is_none()) return;
      if (!is(src, k)) bad(std::string("iterator source is not ") + what);
    };
    need(src, Need::Top, "iterator source");
    need(it->aux, Need::Top, "iterator aux");
    switch (it->type) {
      case B::ListIterator:
        source_is(ObjKind::List, "a list");
        if (it->index < -1) bad("list iterator index out of range");
        break;
      case B::ListReverseIterator:
        source_is(ObjKind::List, "a list");
        break;
      case B::TupleIterator:
        source_is(ObjKind::Tuple, "a tuple");
        if (it->index < 0) bad("tuple iterator index out of range");
        break;
      case B::BytesIterator:
      case B::ByteArrayIterator:
        // Either kind: iteration reads bytes_like_data() of the source.
        if (!(it->exhausted && src.is_none()) && !is(src, ObjKind::Bytes) &&
            !is(src, ObjKind::ByteArray)) {
          bad("iterator source is not bytes");
        }
        if (it->index < 0) bad("bytes iterator index out of range");
        break;
      case B::StrIterator: {
        source_is(ObjKind::Str, "a str");
        if (!is(src, ObjKind::Str)) break;
        auto* s = vm_->as<StrObj>(src);
        if (it->index < 0 || it->index > static_cast<int64_t>(s->length))
          bad("str iterator index out of range");
        if (!s->ascii && it->pos != byte_offset(s->data, it->index))
          bad("str iterator position inconsistent");
        break;
      }
      case B::RangeIterator:
        break;
      case B::DictKeyIterator:
      case B::DictValueIterator:
      case B::DictItemIterator:
        source_is(ObjKind::Dict, "a dict");
        if (it->index < 0) bad("dict iterator index out of range");
        break;
      case B::SetIterator:
        source_is(ObjKind::Set, "a set");
        if (it->index < 0) bad("set iterator index out of range");
        break;
      case B::Enumerate:
        if (!it->exhausted) need(it->aux, Need::IntLike, "enumerate count");
        need(src, Need::Value, "enumerate source");
        break;
      case B::Zip:
        if (!(it->exhausted && it->aux.is_none())) need(it->aux, Need::Tuple, "zip iterators");
        break;
      case B::Map:
        if (!(it->exhausted && src.is_none())) need(src, Need::Tuple, "map iterators");
        break;
      case B::Reversed:
        if (is(src, ObjKind::Str) && it->index >= 0) {
          auto* s = vm_->as<StrObj>(src);
          if (it->index >= static_cast<int64_t>(s->length)) bad("reversed str index out of range");
          if (!s->ascii && it->pos != byte_offset(s->data, it->index + 1))
            bad("reversed str position inconsistent");
        }
        break;
      case B::Filter:
      case B::CallableIterator:
      case B::SeqIterator:
        break;
      default:
        if (!is_itertools_type(it->type)) bad("not an iterator type");
        if (!it->exhausted) check_itertools_state(it);
    }
  }

  // The private state of the itertools types (builtins/itertools.cpp): their
  // next() trusts it, as no Python code can reach it.
  void check_itertools_state(IterObj* it) {
    using B = BuiltinTypeId;
    need(it->source, Need::Value, "itertools source");
    need(it->aux, Need::Value, "itertools state");
    auto list_of = [&](Value v, size_t size) -> const std::vector<Value>& {
      need(v, Need::List, "itertools state");
      const auto& items = vm_->as<ListObj>(v)->items;
      if (size != SIZE_MAX && items.size() != size) bad("itertools state of the wrong size");
      return items;
    };
    auto state = [&](size_t size) -> const std::vector<Value>& { return list_of(it->aux, size); };
    auto index_in = [&](Value v, int64_t lo, int64_t hi) {  // lo <= v <= hi
      if (!v.is_int() || v.i < lo || v.i > hi) bad("itertools index out of range");
      return v.i;
    };
    auto pool_size = [&] {
      need(it->source, Need::Tuple, "itertools pool");
      return static_cast<int64_t>(vm_->as<TupleObj>(it->source)->items.size());
    };
    switch (it->type) {
      case B::ItRepeat:
        if (it->end < -1) bad("repeat count out of range");
        break;
      case B::ItCycle:
        state(SIZE_MAX);
        if (it->index < 0) bad("cycle index out of range");
        break;
      case B::ItAccumulate:
        state(3);
        break;
      case B::ItZipLongest:
        need(it->source, Need::List, "zip_longest iterators");
        if (it->index < 0 ||
            it->index > static_cast<int64_t>(vm_->as<ListObj>(it->source)->items.size())) {
          bad("zip_longest count out of range");
        }
        break;
      case B::ItISlice:
        if (it->index < 0 || it->pos < -1 || it->end < -1 || it->step < 1)
          bad("islice position out of range");
        break;
      case B::ItGroupBy:
      case B::ItGrouper: {
        // The list a groupby shares with its groupers.
        const auto& st = list_of(it->type == B::ItGroupBy ? it->aux : it->source, 7);
        index_in(st[6], 0, 7);
        Value grouper = st[4];
        if (!grouper.is_none() &&
            !(is(grouper, ObjKind::Iterator) && vm_->as<IterObj>(grouper)->type == B::ItGrouper)) {
          bad("groupby's current group is not a _grouper");
        }
        break;
      }
      case B::ItProduct: {
        need(it->source, Need::Tuple, "product pools");
        const auto& pools = vm_->as<TupleObj>(it->source)->items;
        const auto& idx = state(pools.size());
        for (size_t i = 0; i < pools.size(); i++) {
          need(pools[i], Need::Tuple, "product pool");
          auto n = static_cast<int64_t>(vm_->as<TupleObj>(pools[i])->items.size());
          if (it->strict && n == 0) bad("product started on an empty pool");
          index_in(idx[i], 0, it->strict ? n - 1 : 0);
        }
        break;
      }
      case B::ItPermutations: {
        int64_t n = pool_size(), r = it->end;
        if (r < 0) bad("permutations length out of range");
        if (r > n) {
          if (it->strict) bad("permutations started past its pool");
          break;
        }
        const auto& st = state(static_cast<size_t>(n + r));
        std::vector<bool> seen(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; i++) {
          auto k = static_cast<size_t>(index_in(st[static_cast<size_t>(i)], 0, n - 1));
          if (seen[k]) bad("permutations indices repeat");
          seen[k] = true;
        }
        for (int64_t i = 0; i < r; i++) index_in(st[static_cast<size_t>(n + i)], 1, n - i);
        break;
      }
      case B::ItCombinations:
      case B::ItCombinationsWR: {
        int64_t n = pool_size(), r = it->end;
        bool with_replacement = it->type == B::ItCombinationsWR;
        if (r < 0) bad("combinations length out of range");
        if (with_replacement ? (n == 0 && r > 0) : r > n) {
          if (it->strict) bad("combinations started past its pool");
          break;
        }
        const auto& idx = state(static_cast<size_t>(r));
        for (int64_t i = 0; i < r; i++) {
          int64_t lo = i == 0 ? 0 : idx[static_cast<size_t>(i - 1)].i + (with_replacement ? 0 : 1);
          index_in(idx[static_cast<size_t>(i)], lo, with_replacement ? n - 1 : i + n - r);
        }
        break;
      }
      case B::ItTee: {
        // [inner, buffer, base, readers, running]: the tee is one of the
        // readers, at or past the buffer's first item and at most one past its end.
        const auto& st = list_of(it->source, 5);
        need(st[1], Need::List, "tee buffer");
        need(st[3], Need::List, "tee readers");
        int64_t base = index_in(st[2], 0, INT64_MAX);
        auto buffered = static_cast<int64_t>(vm_->as<ListObj>(st[1])->items.size());
        if (!st[4].is_bool()) bad("tee running flag is not a bool");
        if (it->index < base || it->index > base + buffered) bad("tee position out of range");
        bool listed = false;
        for (Value r : vm_->as<ListObj>(st[3])->items) {
          if (!is(r, ObjKind::Iterator) || vm_->as<IterObj>(r)->type != B::ItTee)
            bad("tee reader is not a _tee");
          listed = listed || vm_->heap.get(r) == it;
        }
        if (!listed) bad("tee is not among its readers");
        break;
      }
      default:  // count, chain, compress, the predicate types, starmap, pairwise
        break;
    }
  }

  // Byte offset of code point `cp` in valid UTF-8 (-1 if past the end).
  static int64_t byte_offset(const std::string& s, int64_t cp) {
    int64_t seen = 0;
    for (size_t i = 0; i <= s.size(); i++) {
      if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
        if (seen == cp) return static_cast<int64_t>(i);
        seen++;
      }
    }
    return -1;
  }

  // ---- pass 3 ----

  void check_object_semantics(uint32_t id) {
    HeapObject* o = vm_->heap.get(id);
    switch (o->kind) {
      case ObjKind::Instance: {
        auto* inst = static_cast<InstanceObj*>(o);
        if (vm_->is_exception_class(inst->cls)) {
          if (!is(inst->args, ObjKind::Tuple)) bad("exception without an args tuple");
          if (!inst->cause.is_undef() && !is_exception(inst->cause))
            bad("exception cause is not an exception");
          if (!inst->context.is_undef() && !is_exception(inst->context))
            bad("exception context is not an exception");
        }
        break;
      }
      case ObjKind::BuiltinMethod: {
        auto* b = static_cast<BuiltinMethodObj*>(o);
        auto t = static_cast<BuiltinTypeId>(b->type_id);
        const MethodDef& m = type_info(t).methods[b->method_index];
        Value self = b->self;
        bool ok = false;
        switch (m.kind) {
          case MethodKind::Method:
            ok = self.is_undef() || receiver_ok(self, t);
            break;
          case MethodKind::Getter:
            ok = self.is_undef();
            break;
          case MethodKind::Static:
            ok = !self.is_undef();
            break;
          case MethodKind::Class:
            ok = self.is_type() || is(self, ObjKind::Class);
            break;
        }
        if (!ok) bad("builtin method bound to a receiver of the wrong type");
        break;
      }
      default:
        break;
    }
  }

  // ---- roots ----

  bool matches_constant(Value v, const Constant& c) {
    switch (c.kind) {
      case Constant::Kind::None:
        return v.is_none();
      case Constant::Kind::True:
        return v.is_bool() && v.i == 1;
      case Constant::Kind::False:
        return v.is_bool() && v.i == 0;
      case Constant::Kind::Ellipsis:
        return v.is_type() && v.id == static_cast<uint32_t>(BuiltinTypeId::Ellipsis);
      case Constant::Kind::Int:
        return v.is_int() && v.i == c.int_value;
      case Constant::Kind::Float:
        return v.is_float() && std::memcmp(&v.f, &c.float_value, sizeof(double)) == 0;
      case Constant::Kind::Str:
        return is(v, ObjKind::Str) && vm_->as<StrObj>(v)->data == c.text;
      case Constant::Kind::Bytes:
        return is(v, ObjKind::Bytes) && vm_->as<BytesObj>(v)->data == c.text;
      case Constant::Kind::BigInt: {
        auto r = BigInt::parse(c.text, static_cast<int>(c.int_value == 0 ? 10 : c.int_value));
        if (!r) return false;
        if (r->fits_int64()) return v.is_int() && v.i == r->to_int64();
        return is(v, ObjKind::BigInt) && vm_->as<BigIntObj>(v)->value == *r;
      }
      case Constant::Kind::Tuple: {
        if (!is(v, ObjKind::Tuple)) return false;
        const auto& items = vm_->as<TupleObj>(v)->items;
        if (items.size() != c.items.size()) return false;
        for (size_t i = 0; i < items.size(); i++)
          if (!matches_constant(items[i], c.items[i])) return false;
        return true;
      }
      case Constant::Kind::Code:
        return v.is_int() && v.i == c.int_value;
      case Constant::Kind::Undef:
        return v.is_undef();
    }
    return false;
  }

  // The roots both kinds have: one value per program global and name, the
  // materialized constants of each code.
  void read_tables(const msgpack::object& globals, const msgpack::object& names,
                   const msgpack::object& constants) {
    VM& vm = *vm_;
    const Program& p = *prog_;
    set_context("globals: ");
    vm.globals = read_values(globals, "global");
    if (vm.globals.size() != p.globals.size()) bad("count differs from the program's");
    need_all(vm.globals, Need::Top, "global");
    set_context("names: ");
    vm.names_ = read_values(names, "name");
    if (vm.names_.size() != p.names.size()) bad("count differs from the program's");
    for (size_t i = 0; i < p.names.size(); i++) {
      need(vm.names_[i], Need::Str, "name");
      if (vm.as<StrObj>(vm.names_[i])->data != p.names[i])
        bad("name " + std::to_string(i) + " differs");
    }
    set_context("constants: ");
    size_t nc;
    const msgpack::object* cs = array(constants, "constants", &nc);
    if (nc != p.codes.size()) bad("count differs from the program's codes");
    for (size_t i = 0; i < nc; i++) {
      std::vector<Value> vs = read_values(cs[i], "constant");
      const Code& c = p.codes[i];
      if (!vs.empty()) {
        if (vs.size() != c.constants.size()) bad("code " + std::to_string(i) + ": wrong count");
        for (size_t k = 0; k < vs.size(); k++) {
          if (method_ref(vs[k]) || (vs[k].is_obj() && restricted_[vs[k].id]) ||
              !matches_constant(vs[k], c.constants[k])) {
            bad("code " + std::to_string(i) + ": constant " + std::to_string(k) +
                " differs from the program's");
          }
        }
      }
      vm.shapes_[i].consts_ready = vs.size() == c.constants.size();
      vm.constants[i] = std::move(vs);
    }
  }

  void read_modules_interned(const msgpack::object& modules, const msgpack::object& interned) {
    VM& vm = *vm_;
    set_context("modules: ");
    vm.modules = read_values(modules, "module");
    need_all(vm.modules, Need::Module, "module");
    set_context("interned: ");
    size_t ni;
    const msgpack::object* in = array(interned, "interned", &ni);
    if (ni % 2) bad("odd length");
    for (size_t i = 0; i < ni; i += 2) {
      std::string name(str(in[i], "interned name"));
      Value v = read_value(in[i + 1], "interned str");
      need(v, Need::Str, "interned str");
      if (vm.as<StrObj>(v)->data != name) bad("interned str differs from its name '" + name + "'");
      vm.interned_.emplace_back(std::move(name), v);
    }
  }

  Value read_empty_tuple(const msgpack::object& o) {
    Value v = read_value(o, "empty tuple");
    need(v, Need::Tuple, "empty tuple");
    if (!vm_->as<TupleObj>(v)->items.empty()) bad("the empty tuple is not empty");
    return v;
  }

  // A paused execution's call stack and run state.
  void read_stack(const msgpack::object& frames, const msgpack::object& state) {
    VM& vm = *vm_;
    set_context("frames: ");
    size_t nf;
    const msgpack::object* fs = array(frames, "frames", &nf);
    if (nf == 0) bad("a paused execution has no frames");
    for (size_t i = 0; i < nf; i++) {
      frame_context(i);
      vm.frames.push_back(read_frame(fs[i]));
    }
    set_context("");
    const msgpack::object* misc = tuple(state, "state", 5);
    vm.uncaught_ = read_value(misc[0], "uncaught exception");
    if (!vm.uncaught_.is_undef()) bad("a paused execution has an uncaught exception");
    vm.result_ = read_value(misc[1], "result");
    need(vm.result_, Need::Top, "result");
    vm.pending_exc_ = read_value(misc[2], "pending exception");
    if (!vm.pending_exc_.is_undef()) need(vm.pending_exc_, Need::Instance, "pending exception");
    vm.last_return_ = read_value(misc[3], "last return value");
    need(vm.last_return_, Need::Top, "last return value");
    vm.empty_tuple_ = read_empty_tuple(misc[4]);
  }

  // ---- frames ----

  std::unique_ptr<Frame> read_frame(const msgpack::object& o) {
    const msgpack::object* f = tuple(o, "frame", kFrameFields);
    auto fr = std::make_unique<Frame>();
    // Past the program's codes: a consumer frame's (runtime/consumers.h),
    // in a paused execution's stack only.
    const size_t ncodes = prog_->codes.size();
    fr->code_index = index(f[0], "code index", session_ ? ncodes : ncodes + kConsumerCount);
    if (fr->code_index >= ncodes) vm_->ensure_consumer_codes();
    const Code& c = code_of(fr->code_index);
    fr->code = vm_->code_ptrs_[fr->code_index];
    fr->ip = index(f[1], "instruction pointer", c.code.size());
    fr->sp = u32(f[2], "stack pointer");
    const uint64_t base = c.nlocals() + c.ncells();
    if (fr->sp < base || fr->sp > base + c.max_stack) bad("stack pointer out of range");
    fr->func = read_value(f[3], "frame function");
    fr->ns = read_value(f[4], "frame namespace");
    fr->generator = read_value(f[5], "frame generator");
    fr->class_cell = read_value(f[6], "frame class cell");
    std::vector<Value> slots = read_values(f[7], "frame slot");
    if (slots.size() != fr->sp) bad("slot count differs from the stack pointer");
    slots.resize(base + c.max_stack + 1);
    fr->slots = std::move(slots);
    size_t nb;
    const msgpack::object* bs = array(f[8], "blocks", &nb);
    if (nb % 3) bad("blocks: length not a multiple of 3");
    for (size_t i = 0; i < nb; i += 3) {
      fr->blocks.push_back(Block{u32(bs[i], "block handler"), u32(bs[i + 1], "block depth"),
                                 u32(bs[i + 2], "block exception depth")});
    }
    fr->handled_base = u32(f[9], "handled base");
    uint64_t flags = u64(f[10], "frame flags");
    if (flags > 7 || (flags & 6) == 6) bad("unknown frame flags");
    fr->reentry_boundary = flags & 1;
    fr->resumed_by_for_iter = flags & 2;
    fr->resumed_by_yield_from = flags & 4;
    uint64_t on_return = u64(f[11], "frame return mode");
    if (on_return > kReturnCache) bad("unknown frame return mode");
    fr->on_return = static_cast<uint8_t>(on_return);
    return fr;
  }

  const CodeAnalysis& analysis(uint32_t ci) {
    auto it = analyses_.find(ci);
    if (it != analyses_.end()) return it->second;
    CodeAnalysis& a = analyses_[ci];
    std::string err;
    if (!analyze_code(*prog_, code_of(ci), &err, &a))
      bad("code " + std::to_string(ci) + " cannot be verified: " + err);
    return a;
  }

  // Checks `v` against a kind from the analysis.
  void need_kind(Value v, const Kind& k, const char* what) {
    switch (k.t) {
      case KT::Top:
      case KT::MSelf:
        need(v, Need::Top, what);
        return;
      case KT::Any:
      case KT::MapTest:
        need(v, Need::Value, what);
        return;
      case KT::Undef:
        if (!v.is_undef()) bad(std::string(what) + ": expected unset");
        return;
      case KT::Str:
        need(v, Need::Str, what);
        return;
      case KT::Tuple:
        need(v, Need::Tuple, what);
        return;
      case KT::StrTuple:
      case KT::CellTuple: {
        need(v, Need::Tuple, what);
        const auto& items = vm_->as<TupleObj>(v)->items;
        if (items.size() != k.n) bad(std::string(what) + ": wrong tuple size");
        need_all(items, k.t == KT::StrTuple ? Need::Str : Need::Cell, what);
        return;
      }
      case KT::List:
        need(v, Need::List, what);
        return;
      case KT::Set:
        need(v, Need::Set, what);
        return;
      case KT::Dict:
        need(v, Need::Dict, what);
        return;
      case KT::Exc:
        if (!is_exception(v)) bad(std::string(what) + ": expected an exception");
        return;
      case KT::Iter:
        need(v, Need::Value, what);
        if (!v.is_obj()) bad(std::string(what) + ": expected an iterator object");
        return;
      case KT::Cell:
        need(v, Need::Cell, what);
        return;
      case KT::Code:
        if (!v.is_int() || v.i != static_cast<int64_t>(k.n))
          bad(std::string(what) + ": expected code " + std::to_string(k.n));
        return;
      case KT::Fn:
        // The one place functions of class bodies and comprehensions may be.
        if (!is(v, ObjKind::Function) || vm_->as<FunctionObj>(v)->code != k.n) {
          bad(std::string(what) + ": expected a function of code " + std::to_string(k.n));
        }
        return;
      case KT::MCall:
        if (v.is_undef()) bad(std::string(what) + ": expected a callable");
        if (!method_ref(v)) need(v, Need::Value, what);
        return;
    }
  }

  // How the frame continues when resumed: the number of values pushed onto
  // its stack first (by the host's answer, a callee's return, a generator's
  // send), or a class body's return onto MAKE_CLASS.
  // How the frame continues: with nothing pushed, with the awaited value
  // pushed, after a class body, or by running its last instruction again
  // (a name lookup paused inside `name += x`: VM::paused_in_reexecuting_op).
  enum class Resume { Push0, Push1, AfterClass, Reexecute };

  // Keyword names (strs) and as many values, for sorted() and dict().
  void need_keywords(Value names, Value values) {
    need(names, Need::Tuple, "keyword names");
    need_all(vm_->as<TupleObj>(names)->items, Need::Str, "keyword name");
    need(values, Need::Tuple, "keyword values");
    if (vm_->as<TupleObj>(values)->items.size() != vm_->as<TupleObj>(names)->items.size())
      bad("keyword names and values differ in number");
  }

  // A step frame's adaptor (ADAPT_ENUMERATE and ADAPT_END read it).
  void need_iterator(Value v, BuiltinTypeId type) {
    if (!is(v, ObjKind::Iterator) || vm_->as<IterObj>(v)->type != type)
      bad("step frame without its adaptor");
  }

  // A consumer frame (runtime/consumers.h): no function or class cell, and
  // in its locals the state its CONSUME_* instructions read, by kind.
  void check_consumer_state(const Frame& f) {
    if (!f.func.is_undef() || !f.class_cell.is_undef()) bad("consumer frame with a function");
    const Value* s = f.slots.data();
    auto unset_from = [&](uint32_t first) {
      for (uint32_t i = first; i < kConsumerLocals; i++)
        if (!s[i].is_undef()) bad("consumer frame: state in an unused local");
    };
    const auto kind = static_cast<Consumer>(f.code_index - prog_->codes.size());
    switch (kind) {
      case Consumer::List:
      case Consumer::Tuple:
        need(s[0], Need::List, "consumer list");
        unset_from(1);
        break;
      case Consumer::Sorted:
        need(s[0], Need::List, "consumer list");
        if (s[1].is_undef()) {
          unset_from(1);
          break;
        }
        need_keywords(s[1], s[2]);
        unset_from(3);
        break;
      case Consumer::Join:
        need(s[0], Need::List, "consumer list");
        need(s[1], Need::Str, "join separator");
        unset_from(2);
        break;
      case Consumer::Set:
      case Consumer::FrozenSet:
        need(s[0], Need::Set, "consumer set");
        if (vm_->as<SetObj>(s[0])->frozen != (kind == Consumer::FrozenSet))
          bad("consumer set of the wrong kind");
        unset_from(1);
        break;
      case Consumer::Sum:
        need(s[0], Need::Value, "running total");
        unset_from(1);
        break;
      case Consumer::Min:
      case Consumer::Max:
        if (s[0].is_undef() && !s[1].is_undef()) bad("consumer key without an item");
        if (!s[2].is_undef()) bad("consumer frame: state in an unused local");
        break;
      case Consumer::MinKeyed:
      case Consumer::MaxKeyed:
        if (s[0].is_undef() && !s[1].is_undef()) bad("consumer key without an item");
        need(s[2], Need::Value, "key function");
        break;
      case Consumer::SortedKeyed:
        need(s[0], Need::List, "consumer list");
        need(s[1], Need::Value, "key function");
        need(s[2], Need::List, "consumer keys");
        break;
      case Consumer::ListSortKeyed:
      case Consumer::ListSortKeyedReverse:
        need(s[0], Need::List, "items being sorted");
        need(s[1], Need::Value, "key function");
        need(s[2], Need::List, "consumer keys");
        need(s[3], Need::List, "list being sorted");
        break;
      case Consumer::Any:
      case Consumer::All:
        unset_from(0);
        break;
      case Consumer::Next:
        unset_from(1);
        break;
      case Consumer::Dict:
        need(s[0], Need::Dict, "consumer dict");
        if (!s[1].is_int() || s[1].i < 0) bad("consumer dict: item count not a count");
        if (!s[2].is_undef() || !s[3].is_undef()) need_keywords(s[2], s[3]);
        break;
      case Consumer::MapStep:
      case Consumer::FilterStep:
        need_iterator(s[0], kind == Consumer::MapStep ? BuiltinTypeId::Map : BuiltinTypeId::Filter);
        need(s[1], Need::Value, "step function");
        unset_from(2);
        break;
      case Consumer::FilterTruthStep:
        need_iterator(s[0], BuiltinTypeId::Filter);
        unset_from(1);
        break;
      case Consumer::EnumerateStep:
        need_iterator(s[0], BuiltinTypeId::Enumerate);
        unset_from(1);
        break;
      case Consumer::ZipStep:
        need_iterator(s[0], BuiltinTypeId::Zip);
        need(s[1], Need::List, "zip items");
        if (!s[2].is_int() || s[2].i < 0) bad("zip step: source index not a count");
        unset_from(3);
        break;
      case Consumer::EventLoop:
        // Its instructions check the state's shape on every use.
        need(s[0], Need::List, "event loop state");
        unset_from(1);
        break;
      case Consumer::Count:
        bad("unknown consumer");
    }
  }

  void check_frame(Frame& f, Resume how, bool in_stack) {
    VM& vm = *vm_;
    const uint32_t ci = f.code_index;
    const Code& c = code_of(ci);
    // The function the frame runs, its namespace and generator.
    if (c.flags & kCodeIntrinsic) {
      check_consumer_state(f);
    } else if (ci == 0) {
      if (!f.func.is_undef()) bad("module frame with a function");
    } else {
      if (!is(f.func, ObjKind::Function) || vm.as<FunctionObj>(f.func)->code != ci) {
        bad("frame function does not run the frame's code");
      }
    }
    if (c.flags & kCodeClassBody) {
      if (f.on_return != kReturnClass) bad("class body frame does not return a class");
      need(f.ns, Need::Dict, "class namespace");
    } else if (f.on_return == kReturnInstance) {
      if (c.flags & kCodeGenerator) bad("__init__ frame of a generator");
      need(f.ns, Need::Instance, "instance being initialized");
    } else if (f.on_return == kReturnCache) {
      // An lru_cache miss: ns is (the wrapper, the key).
      if (c.flags & kCodeGenerator) bad("cache-storing frame of a generator");
      need(f.ns, Need::Tuple, "cache entry");
      const auto& entry = vm.as<TupleObj>(f.ns)->items;
      if (entry.size() != 2 || !is(entry[0], ObjKind::LruCache)) bad("cache entry");
      need(entry[1], Need::Top, "cache key");
    } else {
      if (f.on_return != kReturnValue) bad("frame return mode does not match its code");
      if (!f.ns.is_undef()) bad("frame namespace outside a class body");
    }
    if (c.flags & kCodeGenerator) {
      need(f.generator, Need::Generator, "frame generator");
    } else if (!f.generator.is_undef()) {
      bad("frame of non-generator code with a generator");
    }
    if (!f.class_cell.is_undef()) need(f.class_cell, Need::Cell, "class cell");
    if (in_stack && f.handled_base > vm.handled.size()) bad("handled base out of range");

    // Constants are materialized when a frame is pushed; a running (or
    // suspended) frame reads them without checking.
    if (vm.constants[ci].size() != c.constants.size())
      bad("constants of a running code are not materialized");
    const uint32_t nl = c.nlocals(), base = nl + c.ncells();
    for (uint32_t i = 0; i < nl; i++) need(f.slots[i], Need::Top, "local");
    for (uint32_t i = nl; i < base; i++) need(f.slots[i], Need::Cell, "cell slot");

    const CodeAnalysis& a = analysis(ci);
    uint32_t at_ip = f.ip;
    if (how == Resume::AfterClass) {
      if (f.ip == 0 || instr_op(c.code[f.ip - 1]) != Op::MAKE_CLASS)
        bad("waiting on a class body, not after MAKE_CLASS");
      at_ip = f.ip - 1;
      if (!a.at[f.ip].reached) bad("instruction pointer at unreachable code");
    } else if (how == Resume::Reexecute) {
      at_ip = f.ip - 1;  // the state before the instruction runs again
    }
    const InstrState& s = a.at[at_ip];
    if (!s.reached) bad("instruction pointer at unreachable code");
    const uint32_t depth = f.sp - base;
    const uint32_t pushed = how == Resume::Push1 ? 1 : 0;
    if (s.stack.size() != depth + pushed) {
      bad("stack depth " + std::to_string(depth) + " does not match the code at instruction " +
          std::to_string(at_ip) + " (" + std::to_string(s.stack.size() - pushed) + ")");
    }
    if (pushed && s.stack.back().t != KT::Any && s.stack.back().t != KT::Top) {
      bad("the instruction pointer does not follow a call");
    }
    for (uint32_t i = 0; i < depth; i++) {
      const Kind& k = s.stack[i];
      Value v = f.slots[base + i];
      need_kind(v, k, "stack value");
      if (k.t == KT::MCall && method_ref(v)) {
        // The receiver above must be what LOAD_METHOD found the method for.
        if (i + 1 >= depth) bad("method reference without its receiver");
        auto t = static_cast<BuiltinTypeId>((v.id >> 16) & 0x7fff);
        if (!receiver_ok(f.slots[base + i + 1], t))
          bad("method reference with a receiver of the wrong type");
      }
    }
    if (f.blocks.size() != s.blocks.size()) bad("handler blocks do not match the code");
    for (size_t i = 0; i < f.blocks.size(); i++) {
      if (f.blocks[i].handler != s.blocks[i].handler ||
          f.blocks[i].stack_depth != base + s.blocks[i].depth) {
        bad("handler block " + std::to_string(i) + " does not match the code");
      }
      if (in_stack && f.blocks[i].exc_depth > vm.handled.size())
        bad("handler block exception depth out of range");
    }
    // The compiler's temporaries the code relies on (a comprehension's
    // iterator, a match subject proven to be a dict).
    for (size_t v = 0; v < a.vars.size(); v++) {
      const Kind& k = s.vars[v];
      if (k.t == KT::Top || k.t == KT::Any || k.t == KT::Undef || k.t == KT::MapTest) continue;
      const TrackedVar& tv = a.vars[v];
      Value val;
      if (tv.space == TrackedVar::Local) {
        val = f.slots[tv.index];
      } else if (tv.space == TrackedVar::Global) {
        val = vm.globals[tv.index];
      } else {
        const std::string& name = prog_->names[prog_->globals[tv.index]];
        for (const Dict::Entry& e : vm.as<DictObj>(f.ns)->dict.entries()) {
          if (is(e.key, ObjKind::Str) && vm.as<StrObj>(e.key)->data == name) val = e.value;
        }
      }
      need_kind(val, k, "compiler temporary");
    }
  }

  void check_frames() {
    VM& vm = *vm_;
    const size_t n = vm.frames.size();
    std::vector<bool> running_seen(nobj_, false);
    for (size_t i = 0; i < n; i++) {
      frame_context(i);
      Frame& f = *vm.frames[i];
      if (i == 0) {
        if (f.code_index != 0 || !f.reentry_boundary) bad("the bottom frame is not the module");
      } else if (f.reentry_boundary) {
        bad("frame marked as a native re-entry boundary");
      } else if (f.code_index == 0) {
        bad("module code above the bottom frame");
      }
      if (!f.generator.is_undef()) {
        need(f.generator, Need::Generator, "frame generator");
        auto* g = vm.as<GeneratorObj>(f.generator);
        if (g->frame || !g->running || running_seen[f.generator.id])
          bad("generator frame and generator disagree");
        if (((code_of(f.code_index).flags & kCodeCoroutine) != 0) != g->coroutine)
          bad("a coroutine's frame runs no coroutine code, or a generator's does");
        running_seen[f.generator.id] = true;
        if (!f.resumed_by_for_iter && !f.resumed_by_yield_from)
          bad("generator frame not resumed by a for loop or a yield from");
      } else if (f.resumed_by_for_iter || f.resumed_by_yield_from) {
        bad("non-generator frame marked as resumed by a for loop or a yield from");
      }
      Resume how;
      if (i + 1 == n) {
        how = vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::Yield) ||
                      vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::Wait)
                  ? Resume::Push0
                  : Resume::Push1;
        if (vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::Wait) &&
            (f.code_index != prog_->codes.size() + static_cast<uint32_t>(Consumer::EventLoop) ||
             f.ip >= code_of(f.code_index).code.size() ||
             instr_op(code_of(f.code_index).code[f.ip]) != Op::LOOP_NEXT)) {
          bad("a wait for deferred calls outside the event loop's next step");
        }
        if (vm.pending_kind_ == static_cast<uint8_t>(PendingCall::Kind::NameLookup) &&
            VM::paused_in_reexecuting_op(f)) {
          how = Resume::Reexecute;
        }
      } else {
        const Frame& callee = *vm.frames[i + 1];
        if (callee.generator.is_undef() && callee.on_return == kReturnClass) {
          how = Resume::AfterClass;
        } else if (callee.generator.is_undef() && callee.on_return == kReturnInstance) {
          how = Resume::Push0;  // the instance already waits in the call's result slot
        } else if (callee.resumed_by_yield_from) {
          how = Resume::Push0;  // the delegate's return value replaces it on the stack
        } else {
          how = Resume::Push1;
        }
        const Op before = f.ip == 0 ? Op::Count : instr_op(code_of(f.code_index).code[f.ip - 1]);
        if (callee.resumed_by_yield_from) {
          // Waiting after its YIELD_FROM, the delegate on top of its stack.
          if (before != Op::YIELD_FROM || f.sp == 0 || !f.slots[f.sp - 1].same(callee.generator))
            bad("a delegate generator frame above a frame that is not in its yield from");
        } else if (!callee.generator.is_undef() && before != Op::FOR_ITER) {
          bad("a generator frame above a frame that is not in a for loop");
        }
      }
      check_frame(f, how, true);
    }
    for (uint32_t id = 0; id < nobj_; id++) {
      HeapObject* o = vm.heap.get(id);
      if (o->kind != ObjKind::Generator) continue;
      object_context(id);
      auto* g = static_cast<GeneratorObj*>(o);
      if (g->running && !running_seen[id]) bad("running generator without its frame on the stack");
      if (!g->frame) continue;
      Frame& f = *g->frame;
      if (!f.generator.same(Value::obj(id))) bad("generator frame belongs to another generator");
      if (((code_of(f.code_index).flags & kCodeCoroutine) != 0) != g->coroutine)
        bad("a coroutine's frame runs no coroutine code, or a generator's does");
      if (!g->started && (f.ip != 0 || !f.blocks.empty()))
        bad("unstarted generator frame has started");
      check_frame(f, g->started ? Resume::Push1 : Resume::Push0, false);
    }
    set_context("");
  }

  // ---- limits, counters, pending call ----

  std::optional<uint64_t> opt_u64(const msgpack::object& o, const char* what) {
    if (is_nil(o)) return std::nullopt;
    return u64(o, what);
  }

  void read_limits(const msgpack::object& o) {
    const msgpack::object* f = tuple(o, "limits", 6);
    limits_.max_memory = opt_u64(f[0], "max_memory");
    limits_.max_allocations = opt_u64(f[1], "max_allocations");
    limits_.max_instructions = opt_u64(f[2], "max_instructions");
    if (!is_nil(f[3])) limits_.max_duration_ms = f64(f[3], "max_duration_ms");
    limits_.max_recursion_depth = u32(f[4], "max_recursion_depth");
    limits_.pause_every_instructions = opt_u64(f[5], "pause_every_instructions");
    if (limits_.pause_every_instructions && *limits_.pause_every_instructions == 0) {
      fail("pause_every_instructions is zero");
    }
  }

  void read_counters(const msgpack::object& o) {
    const msgpack::object* f = tuple(o, "counters", 6);
    VM& vm = *vm_;
    vm.instructions = u64(f[0], "instructions");
    vm.next_yield_ = u64(f[1], "next_yield");
    vm.time_spent_ms_ = f64(f[2], "time spent");
    vm.call_counter_ = u64(f[3], "call counter");
    // Time slices re-arm from pause_every_instructions: without it there is
    // no next slice.
    if (!limits_.pause_every_instructions && vm.next_yield_ != UINT64_MAX)
      fail("next time slice without time slicing");
    allocations_ = u64(f[4], "allocations");
    vm.pause_on_undefined_ = boolean(f[5], "pause_on_undefined");
  }

  Object read_object(const msgpack::object& o) {
    using K = Object::Kind;
    switch (o.type) {
      case msgpack::type::NIL:
        return Object::none();
      case msgpack::type::BOOLEAN:
        return Object::boolean(o.via.boolean);
      case msgpack::type::POSITIVE_INTEGER:
      case msgpack::type::NEGATIVE_INTEGER:
        return Object::integer(i64(o, "argument"));
      case msgpack::type::FLOAT32:
      case msgpack::type::FLOAT64:
        return Object::floating(o.via.f64);
      case msgpack::type::STR:
        return Object::str(std::string(str(o, "argument")));
      case msgpack::type::BIN:
        return Object::bytes(std::string(bin(o, "argument")));
      case msgpack::type::ARRAY:
        break;
      default:
        fail("pending call argument: unexpected type");
    }
    size_t n;
    const msgpack::object* a = array(o, "argument", &n);
    if (n == 0) fail("pending call argument: empty");
    uint64_t k = u64(a[0], "argument kind");
    auto items = [&]() {
      if (n != 2) fail("pending call argument: expected 2 fields");
      size_t m;
      const msgpack::object* xs = array(a[1], "argument items", &m);
      std::vector<Object> out;
      out.reserve(m);
      for (size_t i = 0; i < m; i++) out.push_back(read_object(xs[i]));
      return out;
    };
    switch (static_cast<K>(k)) {
      case K::BigInt: {
        if (n != 2) fail("pending call argument: expected 2 fields");
        std::string t(str(a[1], "big int argument"));
        if (!BigInt::parse(t, 10)) fail("pending call argument: invalid big int");
        return Object::big_integer(std::move(t));
      }
      case K::Repr:
        if (n != 2) fail("pending call argument: expected 2 fields");
        return Object::repr_only(std::string(str(a[1], "argument repr")));
      case K::Ellipsis:
        if (n != 1) fail("pending call argument: unexpected fields");
        return Object::ellipsis();
      case K::List:
        return Object::list(items());
      case K::Tuple:
        return Object::tuple(items());
      case K::Set:
        return Object::set(items());
      case K::FrozenSet:
        return Object::frozenset(items());
      case K::Dict: {
        std::vector<Object> kv = items();
        if (kv.size() % 2) fail("pending call argument: odd dict items");
        std::vector<std::pair<Object, Object>> pairs;
        for (size_t i = 0; i < kv.size(); i += 2)
          pairs.emplace_back(std::move(kv[i]), std::move(kv[i + 1]));
        return Object::dict(std::move(pairs));
      }
      default:
        fail("pending call argument: unknown kind " + std::to_string(k));
    }
  }

  void read_pending(const msgpack::object& o) {
    VM& vm = *vm_;
    const msgpack::object* f = tuple(o, "pending call", 6);
    uint64_t kind = u64(f[0], "pending call kind");
    const auto newest = version_ >= 6 ? PendingCall::Kind::Wait : PendingCall::Kind::Yield;
    if (kind > static_cast<uint64_t>(newest)) fail("unknown pending call kind");
    PendingCall pc;
    pc.kind = static_cast<PendingCall::Kind>(kind);
    pc.function_name = std::string(str(f[1], "pending function name"));
    size_t na;
    const msgpack::object* args = array(f[2], "pending call arguments", &na);
    for (size_t i = 0; i < na; i++) pc.args.push_back(read_object(args[i]));
    size_t nk;
    const msgpack::object* kws = array(f[3], "pending call keywords", &nk);
    if (nk % 2) fail("pending call keywords: odd length");
    for (size_t i = 0; i < nk; i += 2) {
      pc.kwargs.emplace_back(std::string(str(kws[i], "keyword name")), read_object(kws[i + 1]));
    }
    pc.call_id = u64(f[4], "call id");
    if (pc.kind == PendingCall::Kind::NameLookup) {
      vm.pending_global_ = index(f[5], "pending global", prog_->globals.size());
    } else if (!is_nil(f[5])) {
      fail("pending global outside a name lookup");
    }
    vm.pending_ = std::move(pc);
    vm.pending_kind_ = static_cast<uint8_t>(kind);
    vm.paused_ = true;
    vm.native_depth = 0;
    vm.limit_hit_ = false;
  }

  std::shared_ptr<Program> prog_;
  bool session_ = false;  // reading a REPL session (kind 3)
  // A frame's code: the program's, or a consumer code past them.
  const Code& code_of(uint32_t ci) const {
    return ci < prog_->codes.size()
               ? prog_->codes[ci]
               : consumer_code(static_cast<Consumer>(ci - prog_->codes.size()));
  }
  uint32_t version_;  // of the bytes being read (kOldestReadableVersion..kFormatVersion)
  Limits limits_;
  std::unique_ptr<VM> vm_;
  const msgpack::object* objs_ = nullptr;
  size_t nobj_ = 0;
  std::vector<bool> restricted_;
  std::vector<std::pair<uint32_t, const msgpack::object*>> deferred_tables_;
  size_t next_table_ = 0;
  std::unordered_map<std::string, size_t> fn_by_name_;
  std::unordered_map<uint32_t, CodeAnalysis> analyses_;
  uint64_t allocations_ = 0;
  const char* ctx_ = "";
  int64_t ctx_index_ = -1;
};

}  // namespace

// ============================================================================
// Entry points
// ============================================================================

std::vector<uint8_t> dump_program(const Program& program) {
  std::vector<uint8_t> out;
  Packer p(out);
  write_header(p, DumpKind::Program);
  write_program(p, program);
  return out;
}

std::shared_ptr<const Program> load_program(std::span<const uint8_t> bytes, std::string* error) {
  try {
    Parsed parsed = parse(bytes, DumpKind::Program);
    return read_program(*parsed.payload, parsed.version);
  } catch (const LoadError& e) {
    *error = "snapshot: " + e.message;
  } catch (const std::bad_alloc&) {
    *error = "snapshot: out of memory while loading";
  } catch (...) {
    *error = "snapshot: unreadable data";
  }
  return nullptr;
}

std::vector<uint8_t> dump_execution(const VM& vm) {
  std::vector<uint8_t> out;
  Packer p(out);
  write_header(p, DumpKind::Execution);
  Writer(vm, p).write();
  return out;
}

std::unique_ptr<VM> load_execution(std::span<const uint8_t> bytes, std::string* error) {
  try {
    Parsed parsed = parse(bytes, DumpKind::Execution);
    const msgpack::object* f = tuple(*parsed.payload, "execution", kPayloadFields);
    std::shared_ptr<Program> prog = read_program(f[0], parsed.version);
    return Loader(std::move(prog), parsed.version).load(f, false);
  } catch (const LoadError& e) {
    *error = "snapshot: " + e.message;
  } catch (const std::bad_alloc&) {
    *error = "snapshot: out of memory while loading";
  } catch (const PyError&) {
    *error = "snapshot: unreadable data";
  } catch (...) {
    *error = "snapshot: unreadable data";
  }
  return nullptr;
}

std::vector<uint8_t> dump_repl(const VM& vm) {
  std::vector<uint8_t> out;
  Packer p(out);
  write_header(p, DumpKind::Repl);
  Writer(vm, p).write_session();
  return out;
}

LoadedRepl load_repl(std::span<const uint8_t> bytes, std::string* error) {
  LoadedRepl out;
  try {
    Parsed parsed = parse(bytes, DumpKind::Repl);
    const msgpack::object* f = tuple(*parsed.payload, "REPL session", kSessionFields);
    std::shared_ptr<Program> prog = read_session_program(f[0], f[1], parsed.version);
    out.vm = Loader(prog, parsed.version).load(f, true);
    out.program = std::move(prog);
    return out;
  } catch (const LoadError& e) {
    *error = "snapshot: " + e.message;
  } catch (const std::bad_alloc&) {
    *error = "snapshot: out of memory while loading";
  } catch (...) {
    *error = "snapshot: unreadable data";
  }
  return LoadedRepl{};
}

}  // namespace monty::snapshot
