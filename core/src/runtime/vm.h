// VM: one Python session. It owns everything a running program can reach —
// the heap, the frames, the globals, the handled-exception stack, the limits
// spent so far — so the whole state can be inspected, collected and saved
// from this one object. Nothing global or static is mutable.
//
// Execution: a Python call pushes a heap-allocated Frame and the one dispatch
// loop (run_loop) continues with it; returning pops it. C++ never recurses
// for Python-to-Python calls. Native code that must call back into Python
// (sort keys, __eq__ of dict keys, __repr__, iterating a generator from a
// builtin) re-enters the loop through call(), bounded by kMaxNativeDepth.
//
// Errors: native code raises a Python exception with vm.raise(...), which
// throws PyError; the dispatch loop catches it at the call site and unwinds
// Python frames itself (exceptions are VM state; the C++ exception only
// carries a native error to the loop and never crosses it).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/code.h"
#include "monty/monty.h"
#include "runtime/builtin_types.h"
#include "runtime/consumers.h"
#include "runtime/heap.h"
#include "runtime/objects.h"
#include "runtime/regex/regex.h"
#include "runtime/value.h"
#include "support/work_meter.h"

namespace monty {

class VM;

// Tag::BuiltinFn ids with these bits set are not builtin functions:
// kMethodRefBit marks LOAD_METHOD's builtin-method reference (never escapes
// the LOAD_METHOD/CALL_METHOD pair); kExternalBit an external (host)
// function, by index into Program::external_functions.
inline constexpr uint32_t kMethodRefBit = 0x80000000u;
inline constexpr uint32_t kExternalBit = 0x40000000u;

// Thrown by native code to raise a Python exception; the exception object is
// in `exc` (an InstanceObj). Caught by the dispatch loop only.
struct PyError {
  Value exc;
};

// Arguments of a call to native code.
struct CallArgs {
  Value self;                        // receiver for methods; Undef for functions
  std::span<const Value> pos;        // positional arguments
  std::span<const Value> kw_names;   // str values
  std::span<const Value> kw_values;  // same length as kw_names

  size_t size() const { return pos.size(); }
  const Value& operator[](size_t i) const { return pos[i]; }
  bool has_kwargs() const { return !kw_names.empty(); }
};

using NativeFn = Value (*)(VM& vm, CallArgs& args);

enum class MethodKind : uint8_t {
  Method,  // called with self
  Static,  // called without self (str.maketrans)
  Class,   // called with the type as self (dict.fromkeys, int.from_bytes)
  Getter,  // attribute computed on access (slice.start, int.real)
};

struct MethodDef {
  const char* name;
  NativeFn fn;
  MethodKind kind = MethodKind::Method;
};

struct TypeInfo {
  const char* name;
  BuiltinTypeId base;
  std::span<const MethodDef> methods;
  // Called for `T(args)`; self is Undef (or the user class being
  // instantiated when a class derives from T). Null: cannot be instantiated.
  NativeFn construct;
};

const TypeInfo& type_info(BuiltinTypeId id);
const MethodDef* find_method(BuiltinTypeId id, std::string_view name, uint32_t* index = nullptr);

struct BuiltinFnDef {
  const char* name;
  NativeFn fn;
  const char* module;  // null for builtins; "math" etc. for module functions
  // __module__ where CPython's differs from `module`: the C accelerator
  // that implements it ("_heapq" for heapq.heappush).
  const char* implementation_module = nullptr;
  // A method of a class a module makes natively (collections.Counter's):
  // binds to the instance like a Python function, where builtin functions
  // stored on a class (`f = len`) do not.
  bool binds = false;
};
std::span<const BuiltinFnDef> builtin_functions();
// Whether `v` is such a method (BuiltinFnDef::binds).
bool is_native_method(Value v);
// Index of the builtin function or type named `name` as a Value, or Undef.
Value lookup_builtin(std::string_view name);

// Binds call arguments to a signature with CPython's TypeError wording.
// `names` lists parameter names; the first `posonly` are positional-only;
// the first `required` are required. Unfilled outputs are Undef.
// Example: bind(vm, args, "pow", {"base", "exp", "mod"}, 2, 3, out)
void bind_args(VM& vm, const CallArgs& args, std::string_view fname,
               std::initializer_list<const char*> names, size_t required, size_t posonly,
               Value* out);
// The same with the wording CPython uses for functions written in Python
// (heapq.nlargest, string.capwords): "f() missing 1 required positional
// argument: 'x'", "f() got an unexpected keyword argument 'y'".
void bind_args_like_python(VM& vm, const CallArgs& args, std::string_view fname,
                           std::initializer_list<const char*> names, size_t required, Value* out);
// The same for a signature known only at run time (a namedtuple's __new__,
// a dataclass's __init__): binds args.pos[first..] and the keywords to
// `params` (positional-or-keyword ones first); `counted` is added to the
// positional counts in messages (the receiver CPython counts for methods).
// A parameter without an argument stays Undef in `out` (its default is the
// caller's to fill).
struct RuntimeParam {
  std::string_view name;
  bool has_default;
  bool kw_only;
};
void bind_like_python(VM& vm, const CallArgs& args, size_t first, std::string_view fname,
                      std::span<const RuntimeParam> params, size_t counted, Value* out);
// Common shortcuts for natives with positional-only parameters.
void check_no_kwargs(VM& vm, const CallArgs& args, std::string_view fname);
void check_arg_count(VM& vm, const CallArgs& args, std::string_view fname, size_t min, size_t max);

// A handler block inside a frame (try/except/finally/with).
struct Block {
  uint32_t handler;      // instruction to jump to
  uint32_t stack_depth;  // value-stack depth to restore
  uint32_t exc_depth;    // handled-exception stack depth to restore
};

// One activation of Python code. Plain data (indices, not pointers) apart
// from the cached `code` pointer, which is re-derived from code_index.
struct Frame {
  const Code* code = nullptr;
  uint32_t code_index = 0;
  uint32_t ip = 0;           // resume point (next instruction)
  uint32_t sp = 0;           // value-stack height (index into slots)
  Value func;                // FunctionObj being run; Undef for the module
  Value ns;                  // class body namespace (DictObj) or Undef
  Value generator;           // owning GeneratorObj or Undef
  Value class_cell;          // class bodies: the __class__ cell to fill
  std::vector<Value> slots;  // locals, then cells, then the value stack
  std::vector<Block> blocks;
  uint32_t handled_base = 0;  // VM::handled depth when the frame was entered
  // A native re-entry waits for this frame: run_loop returns when it returns.
  bool reentry_boundary = false;
  // Resumed by FOR_ITER in the caller: a return means "exhausted".
  bool resumed_by_for_iter = false;
  // Resumed by YIELD_FROM in the caller (a delegating generator, or an
  // awaiting coroutine): a yield suspends the caller too, which yields the
  // same value; a return is the value of the caller's `yield from`.
  bool resumed_by_yield_from = false;
  // INPLACE_ADD_FAST: the local slot holding a str that this frame created
  // and nothing else has seen since (LOAD_FAST of the slot clears it), so it
  // may be extended in place. -1 when none.
  int32_t fresh_slot = -1;
  // After this frame returns, its result is discarded and `self` (stashed in
  // ns for class bodies / __init__ calls) is pushed instead.
  uint8_t on_return = 0;

  uint32_t stack_base() const { return code->nlocals() + code->ncells(); }
  void trace(Tracer& t) const;
};

// The call stack. Frames [0, size()) are live, innermost last. Popped
// frames stay in the storage above size() (with their slot vectors) and are
// reused by the next call at that depth, so a call allocates nothing once the
// stack has been that deep. A spare entry may be null: a generator took the
// frame that was there.
class FrameStack {
 public:
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  std::unique_ptr<Frame>& back() { return store_[n_ - 1]; }
  const std::unique_ptr<Frame>& back() const { return store_[n_ - 1]; }
  std::unique_ptr<Frame>& operator[](size_t i) { return store_[i]; }
  const std::unique_ptr<Frame>& operator[](size_t i) const { return store_[i]; }
  auto begin() { return store_.begin(); }
  auto end() { return store_.begin() + static_cast<std::ptrdiff_t>(n_); }
  auto begin() const { return store_.begin(); }
  auto end() const { return store_.begin() + static_cast<std::ptrdiff_t>(n_); }
  // Pushes a frame made elsewhere (a generator's, a snapshot's).
  void push_back(std::unique_ptr<Frame> f) {
    if (n_ < store_.size()) {
      std::swap(store_[n_], f);
      if (f) store_.push_back(std::move(f));  // keep the spare that was there
    } else {
      store_.push_back(std::move(f));
    }
    n_++;
  }
  // The frame stays in the storage for reuse (moved-from if a generator
  // took it).
  void pop_back() { n_--; }
  // Pushes a frame for a new call (a spare one if there is one); its fields
  // hold whatever the last use left: the caller initializes them.
#if defined(__GNUC__)
  __attribute__((always_inline))
#endif
  Frame*
  push_spare() {
    if (n_ < store_.size() && store_[n_]) return store_[n_++].get();
    return push_new();
  }

 private:
  Frame* push_new();
  std::vector<std::unique_ptr<Frame>> store_;
  size_t n_ = 0;
};

enum OnReturn : uint8_t {
  kReturnValue = 0,
  kReturnClass = 1,     // class body: build the class from ns
  kReturnInstance = 2,  // __init__: check None, push the instance
  kReturnCache = 3,     // an lru_cache miss: store the result (ns: cache wrapper, key)
};

class VM {
 public:
  VM(std::shared_ptr<const Program> program, const Limits& limits, PrintFn print);
  ~VM();
  VM(const VM&) = delete;
  VM& operator=(const VM&) = delete;

  // Runs the module to completion or a pause. Returns the result (last
  // expression or None), or Undef with `uncaught` set or is_paused().
  Value run_module(const std::vector<Value>& inputs) { return start_run(inputs); }
  Value uncaught() const { return uncaught_; }
  // Builds the public Exception (type, message, traceback text) for `exc`.
  Exception describe_exception(Value exc);
  Object export_value(Value v);  // to a plain Object (may raise on cycles depth)
  Value import_value(const Object& o);

  Heap heap;
  const Program& program() const { return *program_; }

  // ---- allocation -------------------------------------------------------
  Value new_str(std::string s);
  Value new_str(std::string_view s) { return new_str(std::string(s)); }
  Value new_str(const char* s) { return new_str(std::string(s)); }
  Value new_bytes(std::string b);
  Value new_list(std::vector<Value> items = {});
  Value new_tuple(std::vector<Value> items);
  // A class made by native code (functools._CacheInfo), as a class
  // statement with namespace `ns` (a dict) would make it.
  Value make_class(Value name, const std::vector<Value>& bases, Value ns) {
    return build_class(name, bases, ns);
  }
  Value new_dict();
  Value new_set(bool frozen = false);
  Value new_int(BigInt v);  // demotes to a small int when it fits
  Value new_float(double d) { return Value::floating(d); }
  Value new_range(int64_t start, int64_t stop, int64_t step);
  Value new_slice(Value a, Value b, Value c);
  Value new_iter(BuiltinTypeId type, Value source, Value aux = Value());
  Value new_exception(BuiltinTypeId type, std::string message);
  Value new_exception(Value cls, std::vector<Value> args);
  Value empty_tuple();
  Value interned(uint32_t name_index) const { return names_[name_index]; }

  template <typename T>
  T* as(Value v) const {
    return heap.as<T>(v);
  }
  ObjKind kind(Value v) const { return heap.get(v)->kind; }
  // An instance's namespace, inline or (after obj.__dict__) its DictObj.
  Dict& instance_attrs(InstanceObj* inst) const {
    return inst->dict.is_undef() ? inst->inline_attrs : as<DictObj>(inst->dict)->dict;
  }
  // __slots__ (ClassObj::slots): may an instance of this class store `name`?
  bool slot_allowed(const InstanceObj* inst, Value name) const;
  // object.__getattribute__(obj, name): the lookup without the class's
  // __getattribute__/__getattr__ hooks.
  Value object_getattribute(Value obj, Value name);
  // obj.__dict__: moves the namespace into a DictObj on first use.
  Value instance_dict(Value obj);
  // object.__setattr__ on an instance: __dict__ replaces the namespace,
  // __slots__ restrict the names, anything else goes into the namespace.
  void store_instance_attr(Value obj, Value name, Value value);
  // obj.__dict__ = d (a dict, else TypeError); d = Undef for del obj.__dict__.
  void set_instance_dict(Value obj, Value d);
  bool is_kind(Value v, ObjKind k) const { return v.is_obj() && heap.get(v)->kind == k; }
  bool is_str(Value v) const { return is_kind(v, ObjKind::Str); }
  bool is_list(Value v) const { return is_kind(v, ObjKind::List); }
  bool is_tuple(Value v) const { return is_kind(v, ObjKind::Tuple); }
  bool is_dict(Value v) const { return is_kind(v, ObjKind::Dict); }
  bool is_bigint(Value v) const { return is_kind(v, ObjKind::BigInt); }
  // int, bool or BigInt
  bool is_integer(Value v) const { return v.is_int() || v.is_bool() || is_bigint(v); }
  std::string_view str_view(Value v) const { return as<StrObj>(v)->data; }

  // ---- types --------------------------------------------------------------
  // The builtin type a value is an instance of; for instances of user
  // classes, the builtin base their class derives from.
  BuiltinTypeId builtin_type(Value v) const;
  Value type_of(Value v) const;             // Tag::Type or a ClassObj
  std::string type_name(Value v) const;     // "int", "MyClass"
  std::string class_name(Value cls) const;  // name of a type value
  // A user class's module for reprs: its __module__ ("__main__", or the
  // module that made it natively: "dataclasses").
  std::string class_module(Value cls);
  bool is_instance(Value v, BuiltinTypeId t) const;
  bool is_subclass(Value cls, Value base) const;
  bool is_subclass(Value cls, BuiltinTypeId base) const;
  bool isinstance(Value v, Value cls) const { return is_subclass(type_of(v), cls); }
  bool is_exception_class(Value cls) const {
    return is_subclass(cls, BuiltinTypeId::BaseException);
  }

  // ---- raising (all throw PyError) ----------------------------------------
  [[noreturn]] void raise(BuiltinTypeId type, std::string message);
  // A literal message (the most common case) makes its std::string out of
  // line: built at each of ~300 call sites it costs ~75 bytes of wasm there
  // (the constructor call and its cleanup landing pad).
  [[noreturn]] void raise(BuiltinTypeId type, const char* message);
  [[noreturn]] void raise(Value exc);
  [[noreturn]] void type_error(std::string message) {
    raise(BuiltinTypeId::TypeError, std::move(message));
  }
  [[noreturn]] void type_error(const char* message) { raise(BuiltinTypeId::TypeError, message); }
  [[noreturn]] void value_error(std::string message) {
    raise(BuiltinTypeId::ValueError, std::move(message));
  }
  [[noreturn]] void value_error(const char* message) { raise(BuiltinTypeId::ValueError, message); }
  [[noreturn]] void index_error(std::string message) {
    raise(BuiltinTypeId::IndexError, std::move(message));
  }
  [[noreturn]] void index_error(const char* message) { raise(BuiltinTypeId::IndexError, message); }
  [[noreturn]] void key_error(Value key);
  [[noreturn]] void unbound_local(const std::string& name);
  [[noreturn]] void attribute_error(Value obj, std::string_view name);
  // A failed attribute load: the AttributeError also carries `name` and
  // `obj`, from which the traceback suggests a near name.
  [[noreturn]] void missing_attribute(Value obj, Value name);
  // "name 'x' is not defined", carrying `name` for the same purpose.
  [[noreturn]] void name_error(std::string_view name);
  Value new_attribute_error(Value obj, std::string_view name);
  [[noreturn]] void raise_error(const Error& e);  // from support-layer Result errors
  [[noreturn]] void memory_error(std::string message);
  // Before allocating `bytes` in one step (e.g. 'x' * n): refuses operations
  // that could never fit the memory limit, instead of trying them.
  void check_alloc(uint64_t bytes);
  // check_alloc for a formatted result of `width` characters or `digits`
  // digits (format specs, %-formatting), before the formatter builds it in a
  // std::string the heap does not see: '{:>100000000}'.format(1) under a 16 MiB
  // limit is refused instead of briefly holding 200 MB.
  void check_formatted_size(int64_t width, int64_t digits) {
    constexpr int64_t kSmall = 64 * 1024;
    if (width > kSmall || digits > kSmall) [[unlikely]]
      check_alloc(static_cast<uint64_t>(std::max(width, digits)));
  }
  // check_alloc(count * item_bytes + extra_bytes) without wrapping around:
  // a product past 2**64 is refused like any other impossible size.
  void check_alloc_items(uint64_t count, uint64_t item_bytes, uint64_t extra_bytes = 0) {
    if (item_bytes != 0 && count > (UINT64_MAX - extra_bytes) / item_bytes) check_alloc(UINT64_MAX);
    check_alloc(count * item_bytes + extra_bytes);
  }

  // ---- protocols (may run Python code, may raise) --------------------------
  bool truthy(Value v);
  int64_t hash(Value v);
  bool eq(Value a, Value b);
  bool lt(Value a, Value b);  // a < b, for sorting/min/max
  Value compare(CmpArg op, Value a, Value b);
  Value binary_op(BinOp op, Value a, Value b, bool inplace = false);
  Value unary_op(UnaryOp op, Value a);
  bool contains(Value container, Value item);
  Value repr(Value v);                                 // a str Value
  std::string repr_str(Value v);                       // repr() as UTF-8
  std::string instance_repr(Value v);                  // repr_str of an instance
  std::string to_str(Value v);                         // str() as UTF-8
  std::string format(Value v, std::string_view spec);  // format(v, spec)
  int64_t len(Value v);
  Value getitem(Value container, Value key);
  void setitem(Value container, Value key, Value value);
  void delitem(Value container, Value key);
  Value getattr(Value obj, Value name);             // name is a str Value
  Value getattr(Value obj, std::string_view name);  // allocates the name
  // Undef instead of AttributeError (for hasattr/getattr with default).
  Value getattr_opt(Value obj, Value name);
  Value call_getattribute(Value getattribute, Value obj, Value name);
  // A class's __getattr__(obj, name); under getattr_suppress_ its
  // AttributeError means "absent" (Undef).
  Value call_getattr_hook(Value getattr_fn, Value obj, Value name);
  Value class_slots(Value cls, Value spec);
  bool has_dict(Value instance);
  void setattr(Value obj, Value name, Value value);
  void delattr(Value obj, Value name);
  Value iter(Value iterable);
  Value try_iter(Value iterable);  // iter(), or Undef where iter() raises "is not iterable"
  // Advances `iterator`; returns false when exhausted.
  bool next(Value iterator, Value* out);
  // Collects an iterable into a vector (fast paths for list/tuple/str/...).
  // gc_safe: see next_gc_safe().
  std::vector<Value> to_vector(Value iterable, bool gc_safe = false);
  std::vector<Value> drain_iterator(Value it, bool gc_safe = false);  // the rest of an iterator
  // LIST_EXTEND's TypeError for a non-iterable after `*` (stack: ..., list, src).
  [[noreturn]] void not_iterable_after_star(Value* src_slot, uint32_t depth, Value src);

  // ---- Collection while a builtin drives a generator -------------------------
  // Native code holds Values in C++ locals that the collector cannot see, so
  // normally nothing is collected while Python code runs inside a builtin
  // (sum(x for x in ...) would keep every temporary alive). A builtin may
  // allow it when (1) it was called straight from bytecode, with its
  // arguments on the caller's value stack (claim_gc_safe_call), (2) it keeps
  // its own Values in NativeRoots, and (3) it advances iterators with
  // next_gc_safe. Any other native entry into Python (VM::call, DepthGuard,
  // other generator resumes) still blocks collection (unsafe_native_depth).
  bool claim_gc_safe_call(NativeFn self) { return std::exchange(direct_native_, nullptr) == self; }
  // With gc_safe, generators are resumed, and map/filter/enumerate/zip
  // advanced (their functions run by call_gc_safe), as GC-safe entries.
  bool next_gc_safe(Value iterator, Value* out, bool gc_safe);
  // call() with positional arguments, as a GC-safe entry when gc_safe: the
  // caller roots `callable` and every Value it still needs; the arguments are
  // copied into the callee's frame before any safepoint.
  Value call_gc_safe(Value callable, std::span<const Value> args, bool gc_safe);
  // Native loops (a builtin consuming an iterator: sum(range(10**12)),
  // set(range(10**9))) reach no safepoint: iter_next ticks this; every
  // kNativeStepsPerInstruction steps count as one instruction, and every
  // kNativeTickPeriod steps the instruction, time and memory limits are
  // checked (memory at the ceiling: native code holds Values in C++ locals,
  // so nothing can be collected there).
  void native_tick() {
    if (++native_ticks_ >= kNativeTickPeriod) [[unlikely]]
      native_budget_check();
  }
  // `steps` ticks at once, for native work proportional to a size (json's
  // bytes in and out: kNativeStepsPerInstruction bytes count as one
  // instruction).
  void native_work(uint32_t steps) {
    native_ticks_ += steps;
    if (native_ticks_ >= kNativeTickPeriod) [[unlikely]]
      native_budget_check();
  }
  // native_work for text built natively (a container's repr), one tick per byte.
  std::string charge_text(std::string text) {
    native_work(static_cast<uint32_t>(std::min<size_t>(text.size(), UINT32_MAX)));
    return text;
  }
  // The meter big-int operations charge (BigInt::mul(a, b, vm.work_meter())):
  // their limb operations count as instructions (kNativeStepsPerInstruction
  // per instruction, like native_tick's steps) and the instruction and time
  // limits are checked as they run, so `x * x` on a million-digit x stops at
  // the limit.
  WorkMeter* work_meter() { return &work_meter_; }
  class NativeRoots {
   public:
    NativeRoots(VM& vm, std::initializer_list<Value*> values, std::vector<Value>* vector = nullptr);
    ~NativeRoots();
    NativeRoots(const NativeRoots&) = delete;
    NativeRoots& operator=(const NativeRoots&) = delete;

   private:
    VM& vm_;
    size_t values_before_;
    size_t vectors_before_;
  };
  template <typename F>
  void for_each(Value iterable, F&& f) {
    Value it = iter(iterable);
    Value item;
    while (next(it, &item)) f(item);
  }
  // Calls any callable; runs Python code to completion (native re-entry).
  Value call(Value callable, std::span<const Value> args = {}, std::span<const Value> kw_names = {},
             std::span<const Value> kw_values = {});
  Value call_method(Value obj, std::string_view name, std::span<const Value> args = {});
  // Looks up a dunder on the type (not the instance); Undef if absent.
  Value lookup_special(Value obj, std::string_view name);
  // Integer conversion for counts, sizes and positions passed as arguments
  // (CPython's "n" argument format; uses __index__ rules): TypeError
  // "'<type>' object cannot be interpreted as an integer", OverflowError
  // "Python int too large to convert to C ssize_t" past int64.
  int64_t to_index(Value v);
  // The same for a subscript (`seq[i]`): past int64 it is IndexError
  // "cannot fit 'int' into an index-sized integer", as in CPython.
  int64_t to_subscript_index(Value v);
  // The same for an argument CPython keeps in a C int (tabsize, keepends):
  // OverflowError "Python int too large to convert to C int" past int32.
  int32_t to_c_int(Value v);
  // A union of types (int | None, PEP 604): its members as a tuple, else Undef.
  Value union_members(Value v);
  // a | b for types, None and unions (Undef for other operands).
  Value make_union(Value a, Value b);
  // A class attribute that takes precedence over an instance's own
  // attributes: a property, or an object whose class defines __set__ or
  // __delete__. Cheap for everything else (the attribute fast paths ask).
  bool is_data_descriptor(Value attr);
  // Float conversion for math functions: "must be real number, not str".
  double to_double(Value v);
  // Guards recursion in native code (repr of nested lists, eq of nested
  // tuples): RecursionError past kMaxNativeDepth.
  struct DepthGuard {
    explicit DepthGuard(VM& vm, const char* what);
    ~DepthGuard();
    VM& vm;
  };

  // Advances a generator from native code: true with *out = the next value,
  // false when it finished (its return value is in last_return_).
  // With throw_exc set, see throw_into_generator.
  bool resume_generator(Value gen, Value send, Value* out, Value throw_exc = Value());
  // generator.throw(exc): raises `exc` at the generator's paused yield (its
  // except/finally blocks run). Returns true with the next yielded value, or
  // false if the generator returned; an exception it lets out propagates.
  bool throw_into_generator(Value gen, Value exc, Value* out);
  // Looks `name` (a str) up along a class's MRO (user classes' namespaces);
  // Undef if absent.
  Value class_lookup(Value cls, Value name);
  // A str for an identifier used by the runtime itself ("__init__"),
  // allocated once per session.
  Value intern(std::string_view name);
  // intern() of a C string that native code names an attribute with on every
  // use (asyncio's hidden slots): cached by its address, and checked against
  // the text, so a reused address never gives another name.
  Value intern_literal(const char* name);
  Value names_lookup(std::string_view name) { return intern(name); }

  // ascii() of a repr: non-ASCII characters escaped as \x, \u, \U.
  static std::string ascii_of(std::string_view repr);

  // ---- output -------------------------------------------------------------
  void print(Stream s, std::string_view text);

  // ---- modules --------------------------------------------------------------
  Value import_module(std::string_view name);
  void init_module_contents(std::string_view name, ModuleObj* m);

  const Limits& limits() const { return limits_; }
  static constexpr int kMaxNativeDepth = 200;

 private:
  friend struct FrameRunner;
  friend struct VMAccess;

  Value run_loop(size_t stop_depth);
  Value dispatch(size_t stop_depth);
  // Dispatch's out-of-line handlers (dispatch.cpp). VM::dispatch keeps the
  // fast paths; the rest of a handler lives in one of these, since V8
  // compiles a wasm function whole on its first call and the cost of that
  // grows with the function's locals times its branches: every program's
  // first run compiled all of dispatch (bench/README.md, "Time to the first
  // result"). Those that work on the value stack take the stack pointer, the
  // frame synced, and return the new one, so dispatch's `sp` stays a local.
  [[noreturn]] void unbound_deref(const Code& code, uint32_t index);
  Value call_ex(Frame* f, Value* sp, uint32_t flags, bool* pushed);
  Value* build_tuple_op(Value* sp, uint32_t n);
  Value* build_list_op(Value* sp, uint32_t n);
  Value* build_set_op(Value* sp, uint32_t n);
  Value* build_map_op(Value* sp, uint32_t n);
  Value* build_string_op(Value* sp, uint32_t n);
  Value format_value_op(Value v, Value spec, uint32_t conversion);
  void list_extend_op(Value* sp, uint32_t depth);
  void dict_merge_op(Value* sp, uint32_t depth, Value src, bool merge);
  Value* make_function_op(Value* sp, uint32_t flags);
  void begin_class_body(Value* sp, uint32_t nbases);
  Value finish_class_body(Value ns, bool boundary);
  [[noreturn]] void init_returned(Value result);
  void resume_generator_frame(GeneratorObj* g);
  void resume_delegate_frame(GeneratorObj* g, Value sent);
  bool suspend_generator_frame();
  bool finish_generator_frame();
  void push_block(Frame& f, uint32_t handler, uint32_t sp);
  enum class ForIterStep : uint8_t { Item, Exhausted, FramePushed, Paused };
  ForIterStep for_iter_slow(Value it, Value* out);
  // IMPORT_FROM of a name the module lacks: its submodule (`from collections
  // import abc`), or CPython's ImportError.
  Value import_from_submodule(Value mod, Value name);
  [[noreturn]] void import_from_error(Value mod, Value name);
  Value copy_dict_without_keys(Value subject, Value keys);
  Value with_exit_call(Value exit, Value exc, bool raw);
  bool handle_exception(Value exc, size_t stop_depth, bool reraise);
  bool ends_adaptor_iteration(Frame& f, Value exc);
  Value with_protocol_error(Value exc);
  uint32_t current_line(const Frame& f) const;
  uint32_t current_instr(const Frame& f) const;  // the one running, or the call waited on
  Value instantiate(Value cls, const Value* args, uint32_t npos, const Value* kwn, uint32_t nkw,
                    Value* init);
  void init_frame_cells(Frame& f, const FunctionObj* fn);
  Value load_global_slow(uint32_t global);
  // LOAD_METHOD: returns the callable and sets *self (Undef if the
  // callable needs no receiver).
  Value load_method(Value obj, Value name, Value* self);
  // Unpacks `seq` onto the stack at `dst` in reverse order (TOS = first).
  void unpack_into(Value seq, uint32_t before, uint32_t after, bool star, Value* dst);
  std::string call_target_name(Value* sp, uint32_t depth);
  void check_base_class(Value base);
  bool is_dropped_base(Value base);
  // a += b for INPLACE_ADD_*: when `owned` (a is a str only the target
  // name holds) the str grows in place. Sets fresh_result_ when the result
  // is a str nothing else references.
  Value inplace_add_owned(Value a, Value b, bool owned);
  bool fresh_result_ = false;
  Value build_class(Value name, const std::vector<Value>& bases, Value ns);

  Value construct_with_new(Value cls, const Value* args, uint32_t npos, const Value* kwn,
                           uint32_t nkw, Value* init);
  [[noreturn]] void raise_from(Value exc, Value cause, bool has_cause);
  bool exception_matches(Value exc, Value type);
  Value match_class(Value subject, Value cls, uint32_t npos, Value kwnames);
  // Budget checks at a safepoint: limits (raising), collection and time
  // slices (only when `can_pause`). Returns true if execution paused.
  bool safepoint(bool can_pause);
  // The memory limit while a builtin's callback runs (no collection possible):
  // MemoryError past limit + max(limit, kNativeCallMemorySlack) accounted bytes.
  void check_memory_in_native_call();
  static constexpr uint64_t kNativeCallMemorySlack = uint64_t{64} << 20;
  void schedule_next_check();
  [[noreturn]] void limit_exceeded(BuiltinTypeId type, std::string message);
  // Pauses for an external call (native_depth must be 0).
  void request_external_call(uint32_t index, std::span<const Value> args,
                             std::span<const Value> kw_names, std::span<const Value> kw_values);
  // Pushes a frame to run code `code_index` (for function `func`) with its
  // locals and cells unbound, checking the depth limit and the budget.
  Frame* push_frame(uint32_t code_index, Value func) { return enter_frame(code_index, func, 0); }
  // push_frame, but the caller fills the first `nfilled` locals itself.
  Frame* enter_frame(uint32_t code_index, Value func, uint32_t nfilled);
  // The code index of a property's getter when LOAD_ATTR can run it as a
  // frame (a Python function taking exactly `self`), else UINT32_MAX.
  uint32_t property_getter_code(Value descriptor) const;
  [[noreturn]] void recursion_limit();
  void pop_frame() {
    uint32_t hb = frames.back()->handled_base;
    frames.pop_back();
    if (handled.size() > hb) handled.resize(hb);
  }
  void materialize_constants(uint32_t code_index);
  void collect_garbage();
  void native_budget_check();
  void check_time_and_instructions();
  static constexpr uint32_t kNativeTickPeriod = 1024;
  // A native step (an iterator step inside sum(), a byte of json, a limb
  // operation of big-int arithmetic) costs about what one bytecode
  // instruction does (sum(range(n)) 3.3 ns per item, a `for` loop's
  // instruction ~3.3 ns, natively): 4 of them count as one instruction, so
  // max_instructions bounds the work of native loops too (at 1024 per
  // instruction, sum(range(10**12)) under a limit of 10**6 ran ~3 s).
  static constexpr uint32_t kNativeStepsPerInstruction = 4;
  uint64_t native_ticks_ = 0;
  class LimitsMeter final : public WorkMeter {
   public:
    explicit LimitsMeter(VM& vm) : vm_(vm) {}

   private:
    void on_period(uint64_t periods) override;
    VM& vm_;
  };
  LimitsMeter work_meter_{*this};
  // Set by a call's safepoint that could not collect (the arguments were in
  // flight) although the heap asked for it or was over the memory limit; the
  // call then collects once the callee's frame holds them (collect_at_call).
  // Without this, code without loops (recursion) never reached a collection.
  bool collect_at_call_ = false;
  void collect_at_call();
  Value call_from_native(Value callable, Value* args, uint32_t nargs, Value kwnames, bool gc_safe);
  [[noreturn]] void memory_limit_exceeded();
  // A collection point outside the dispatch loop, for GC-safe native entries
  // (see call_gc_safe): collects if the heap asks for it or is over the
  // memory limit. The limit itself is enforced by the next safepoint.
  void collect_if_due();
  void trace_roots(Tracer& t);
  // Calls `callable` from inside the dispatch loop: Python functions push a
  // frame (returns Undef), natives run and return their result.
  Value invoke(Value callable, Value* args, uint32_t nargs, Value kwnames, Value self,
               bool* pushed);
  // A native's result as invoke() returns it: a consumer builtin that
  // pushed its frame (consume_as_frame) returns like a Python function.
  Value native_result(Value r, bool* pushed) {
    if (native_pushed_frame_) [[unlikely]] {
      native_pushed_frame_ = false;
      *pushed = true;
    }
    return r;
  }
  bool bind_python_args(Frame& f, const FunctionObj* fn, const Code& code, Value self,
                        const Value* args, uint32_t nargs, const Value* kwnames, uint32_t nkw);

  std::shared_ptr<const Program> program_;
  Limits limits_;
  PrintFn print_;

 public:
  // await (builtins/asyncio.cpp): GET_AWAITABLE's conversion; whether a
  // value is one of asyncio's native awaitables (future, task, sleep), and
  // one step of awaiting it (true: yield *out to the event loop; false:
  // done, *out is the result).
  Value get_awaitable(Value v);
  bool is_asyncio_awaitable(Value v);
  bool await_native_step(Value aw, Value* out);
  // The event loop frame's instructions (asyncio.run; runtime/consumers.h).
  bool loop_next(Frame& f, Value* coro);
  void loop_yielded(Frame& f, Value yielded);
  void loop_returned(Frame& f, Value result);
  void loop_raised(Frame& f, Value exc);
  Value loop_finish(Frame& f);
  void loop_unwound(Frame& f);
  // asyncio.run's last step: pushes the loop's frame (`direct`: called from
  // bytecode, which runs it next) or runs it here.
  Value run_event_loop(Value loop, Value main_coro, bool direct);
  // An async host function's answer while asyncio's loop runs: a finished
  // Future with the value (or the exception `exc`); Undef when no loop runs.
  Value awaitable_answer(Value value, Value exc);
  // Deferred host calls (Snapshot::defer / resolve): whether an event loop
  // runs; the pending Future a deferred call gives (registered under its
  // call id in the running loop); answering one (false: no such call is
  // waiting); the ids waiting and the time to the loop's next timer, into
  // pending_ (Kind::Wait).
  bool in_running_loop();
  Value defer_host_call(uint64_t call_id);
  bool resolve_host_call(uint64_t call_id, Value value, Value exc);
  void describe_wait();
  // Set by Snapshot::resolve with no answers: the waiting loop lets its
  // clock move to the next timer instead of pausing again.
  bool let_time_pass_ = false;
  uint32_t line_of(const Frame& f) const { return current_line(f); }

 public:  // state reachable by the runtime's implementation files
  FrameStack frames;
  std::vector<Value> globals;                 // one slot per Program::globals entry
  std::vector<Value> names_;                  // interned str per Program::names entry
  std::vector<std::vector<Value>> constants;  // per code: materialized constants
  std::vector<const Code*> code_ptrs_;        // Program::codes by index (a deque is slow to index)
  // Per code index, its interned __name__ and __qualname__ strs, shared by
  // every function MAKE_FUNCTION makes from it (as CPython shares the code
  // object's); Undef until first needed. interned_ keeps them alive.
  std::vector<std::pair<Value, Value>> code_names_;
  // Per code, what a call needs to know about it (see shape_code).
  struct CodeShape {
    uint32_t base = 0;   // nlocals + ncells: where the value stack starts
    uint32_t slots = 0;  // slots a frame needs: base + max_stack + 1
    // arg_count when a call with exactly that many positional arguments
    // needs no binding (no keyword-only, *args or **kwargs parameters, no
    // cells, not a generator); UINT32_MAX otherwise.
    uint32_t plain_argc = UINT32_MAX;
    bool consts_ready = false;  // constants[code] is materialized
  };
  std::vector<CodeShape> shapes_;
  void shape_codes();          // extends shapes_ to every code_ptrs_ entry
  std::vector<Value> handled;  // exceptions being handled (except clauses)
  std::vector<Value> modules;  // imported modules (ModuleObj)
  // Compiled regular expressions by flags and pattern (builtins/re.cpp):
  // derived from Values the program holds, so snapshots leave it out.
  std::unordered_map<std::string, std::shared_ptr<const regex::CompiledPattern>> regex_cache;
  Value uncaught_;
  Value result_;
  Value pending_exc_;             // exception leaving run_loop (see handle_exception)
  Value last_return_;             // return value of a generator that just finished
  bool reraising_ = false;        // the PyError in flight comes from RERAISE / bare raise
  bool yielded_ = false;          // run_loop returned because a generator yielded
  bool getattr_suppress_ = true;  // getattr_opt: AttributeError from __getattr__ means absent
  // Some class defines __getattribute__ (sticky; recomputed on load): the
  // attribute fast paths then look for it. Off, they skip the lookup.
  bool getattribute_override_ = false;
  // abc (builtins/abc.cpp): a class deriving from abc.ABC gets
  // __abstractmethods__ when made; instantiating one with abstract methods
  // left raises TypeError. abstract_classes_ is set once some class has any
  // (derived again when a snapshot loads), so the check costs nothing before.
  void update_abstract_methods(Value cls);
  void check_instantiable(Value cls);
  bool abstract_classes_ = false;
  // object.__getattribute__(obj, name): the next instance lookup skips the
  // class's override and __getattr__ (consumed on entry, before any call).
  bool bypass_getattribute_once_ = false;
  std::vector<std::pair<std::string, Value>> interned_;  // see intern()
  // Looked up by string_view without building a std::string: native code
  // interns its attribute names (asyncio's hidden slots) on every use.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> interned_index_;
  static constexpr size_t kLiteralCacheSize = 128;
  std::array<std::pair<const char*, Value>, kLiteralCacheSize>
      literal_interns_{};  // see intern_literal
  // intern()'s index of the program's names, extended when the program grows
  // (REPL snippets): a program with thousands of functions must not scan
  // every name per new one.
  std::unordered_map<std::string, uint32_t> program_names_index_;
  size_t program_names_indexed_ = 0;
  // Budget units spent: one per backward jump and per call. Deterministic,
  // so an instruction limit gives the same result on every machine.
  uint64_t instructions = 0;
  uint64_t next_check_ = 1024;  // instructions value at which safepoint() runs
  uint64_t next_yield_ = UINT64_MAX;
  double time_spent_ms_ = 0;     // VM time of earlier run segments
  double segment_start_ms_ = 0;  // clock at the start of this segment
  bool limit_hit_ = false;       // a memory/time limit ended the execution
  // Pausing.
  bool paused_ = false;
  bool pause_on_undefined_ = false;
  PendingCall pending_;
  uint32_t pending_global_ = UINT32_MAX;  // NameLookup: global slot to fill
  uint8_t pending_kind_ = 0;              // PendingCall::Kind
  uint64_t call_counter_ = 0;
  ClockFn clock_;
  // class_lookup cache (see vm_support.cpp).
  struct ClassCacheEntry {
    uint32_t cls = UINT32_MAX;
    uint32_t name = UINT32_MAX;
    uint64_t version = 0;
    Value value;
  };
  static constexpr size_t kClassCacheSize = 512;
  std::vector<ClassCacheEntry> class_cache_;  // allocated on first use: most runs define no class
  uint64_t class_version_ = 1;
  Value special_setattr_;  // interned "__setattr__" (set in the constructor)
  Value special_getattr_;  // interned "__getattr__" (set in the constructor)
  Value special_init_;     // interned "__init__"
  Value special_new_;      // interned "__new__" on first use (looked up by every class call)
  // INPLACE_ADD_GLOBAL's counterpart of Frame::fresh_slot (UINT32_MAX: none).
  uint32_t fresh_global_ = UINT32_MAX;
  // Per global slot: the builtin of that name, None if there is none, Undef
  // if not looked up yet (see load_global_slow). Builtins are static values,
  // so this is not a GC root.
  std::vector<Value> builtin_cache_;

 public:
  // Starts/continues a run segment (see Snapshot). Returns the module's
  // result, or Undef when paused (paused_) or failed (uncaught()).
  Value start_run(const std::vector<Value>& inputs);
  Value resume_run(Value value);
  Value resume_run_error(Value exc);
  void set_host(PrintFn print, ClockFn clock) {
    print_ = std::move(print);
    // Time is measured only under a time limit: then a run without one
    // never reads the host clock, and its dumps are the same bytes on every
    // run (time spent is part of the state).
    clock_ = limits_.max_duration_ms ? std::move(clock) : nullptr;
  }
  bool has_clock() const { return static_cast<bool>(clock_); }
  const PendingCall& pending() const { return pending_; }
  void set_pause_on_undefined(bool on) { pause_on_undefined_ = on; }
  // Whether a frame paused for a name lookup runs its instruction again on
  // resume (INPLACE_ADD_GLOBAL), rather than taking the value as the result
  // of an instruction that has finished (LOAD_GLOBAL, LOAD_NAME).
  static bool paused_in_reexecuting_op(const Frame& f) {
    return f.ip > 0 && instr_op(f.code->code[f.ip - 1]) == Op::INPLACE_ADD_GLOBAL;
  }
  // REPL sessions (vm_repl.cpp). The program grows by one module code per
  // snippet (compile_snippet); sync_program() extends the tables cached from
  // it (names, globals, constants, code pointers) and run_snippet() runs the
  // new module code with this session's heap and globals. Budgets of
  // instructions and time are per snippet; the heap is the session's.
  void sync_program();
  Value run_snippet(uint32_t code_index);
  void drop_consumer_codes();
  bool is_paused() const { return paused_; }

  // ---- Consumer builtins as frames (consumers.h, consumers.cpp) --------------
  // A consumer builtin (sum, list, sorted, ...) called straight from
  // bytecode (claim_gc_safe_call) asks consumes_as_frame(iterable): true when
  // this run can pause and the iterable runs Python code (a generator; map
  // over a Python or external function). It then calls consume_as_frame,
  // which pushes a frame running `kind`'s loop over it with its first locals
  // set from `state`, and returns at once: the frame's return value is the
  // call's result.
  // (Not const: looking up a class's __next__ may intern its name.)
  bool consumes_as_frame(Value iterable) {
    return can_consume_as_frame() && is_python_driven(iterable);
  }
  bool is_python_driven(Value iterable, int depth = 0);
  // The same for an iterator (next()'s argument, an adaptor's source): an
  // instance of an iterator class with a Python __next__ counts too.
  bool is_python_driven_iterator(Value it) { return is_python_driven(it, 1); }
  // Whether FOR_ITER takes the next item of this map/filter/enumerate by a
  // step frame (its source runs Python code, or filter's predicate may
  // pause), and pushes that frame (the caller's frame synced).
  bool steps_as_frame(const IterObj* it, int depth = 0);
  void push_step_frame(IterObj* it);
  // A map's function or filter's predicate whose call may pause: a Python
  // function (not a generator function) or an external function.
  bool callable_can_pause(Value fn) const;
  // The __next__ of an instance's class when it is a Python function (not a
  // generator function), which FOR_ITER runs as a frame; else Undef.
  Value python_next_method(Value instance);
  // ADAPT_ENUMERATE's and ADAPT_END's work (local 0 is the adaptor).
  Value enumerate_step_item(Frame& f, Value item);
  // ZIP_SOURCE, ZIP_TAKE, ZIP_SHORT, ZIP_ITEM (locals: zip, items, count).
  bool zip_step_source(Frame& f, Value* source);
  void zip_step_take(Frame& f, Value item);
  [[noreturn]] void zip_step_short(Frame& f);
  Value zip_step_item(Frame& f);
  [[noreturn]] void end_step(Frame& f);
  void consume_as_frame(Consumer kind, Value iterable, std::initializer_list<Value> state);
  // CONSUME_STEP's and CONSUME_FINISH's work. consumer_step returns false
  // when the result is known early (any/all), with *result set.
  bool consumer_step(Frame& f, Value item, Value* result);
  void consumer_keyed(Frame& f, Value item, Value key);  // CONSUME_KEYED
  bool is_max_consumer(const Frame& f) const;
  // Whether a consumer builtin called straight from bytecode may run as a
  // frame at all (see consumes_as_frame).
  bool can_consume_as_frame() const { return consumer_frames_ && native_depth == 0; }
  Value consumer_finish(Frame& f);
  // An exception unwinds consumer frame f: undoes what the builtin would
  // have undone (list.sort gives the list its items back).
  void unwind_consumer(Frame& f);
  // FOR_ITER over map(fn, ...) when a call of fn could pause (see
  // map_calls_can_pause): the call runs as a frame, or pauses for the host,
  // with FOR_ITER's frame synced; its result becomes the loop's item.
  enum class MapStep : uint8_t { Exhausted, Item, Called };
  bool map_calls_can_pause(const IterObj* it) const;
  MapStep for_iter_map(IterObj* it, Value* out);
  // Gives the consumer codes their indices (just past the program's codes).
  void ensure_consumer_codes();
  // Whether the run can pause (external functions, name lookups, time
  // slices): only then are consumers run as frames. Set when a run starts
  // and when a paused execution is loaded.
  void enable_consumer_frames();
  bool consumer_frames_ = false;
  uint32_t consumer_base_ = 0;  // code index of Consumer 0; 0 until added
  // A REPL session's VM (sync_program ran): its program grows, so consumer
  // codes (which follow the program's) and asyncio.run's loop are not used.
  bool repl_session_ = false;
  bool native_pushed_frame_ = false;  // set by consume_as_frame, consumed by invoke()
  bool is_consumer_code(uint32_t code_index) const {
    return consumer_base_ != 0 && code_index >= consumer_base_;
  }

  int native_depth = 0;
  // Native entries into Python that were not GC-safe (see claim_gc_safe_call).
  int unsafe_native_depth = 0;
  // How many native iterator adaptors are advancing each other right now
  // (iter_next's NestedIteratorGuard bounds it).
  int iterator_nesting = 0;
  // Set by invoke() for a native called straight from bytecode; consumed by
  // claim_gc_safe_call (or overwritten by the next native call).
  NativeFn direct_native_ = nullptr;
  // Set by dispatch right before invoke() when the call's arguments are on the
  // frame's value stack; consumed at invoke()'s entry.
  bool invoke_from_bytecode_ = false;
  // Set by next_gc_safe right before resume_generator; consumed at its entry.
  bool gc_safe_resume_ = false;
  std::vector<Value*> native_value_roots_;
  std::vector<std::vector<Value>*> native_vector_roots_;
  Value empty_tuple_;
  // Ids of the containers whose repr is being built (cycle detection:
  // [...] / {...}); see ReprGuard in types/registry.h.
  std::vector<uint32_t> repr_stack;
};

// Inline: it is on every Python call (dispatch's CALL fast path).
#if defined(__GNUC__)
#define MONTY_ALWAYS_INLINE __attribute__((always_inline))
#else
#define MONTY_ALWAYS_INLINE
#endif
MONTY_ALWAYS_INLINE inline Frame* VM::enter_frame(uint32_t code_index, Value func,
                                                  uint32_t nfilled) {
  if (frames.size() >= limits_.max_recursion_depth) [[unlikely]]
    recursion_limit();
  // Calls are safepoints for budgets (not for collection or pausing: the
  // caller's arguments are in flight).
  if (++instructions >= next_check_) [[unlikely]]
    safepoint(false);
  const Code& code = *code_ptrs_[code_index];
  const CodeShape& shape = shapes_[code_index];
  if (!shape.consts_ready) [[unlikely]]
    materialize_constants(code_index);
  Frame* f = frames.push_spare();
  f->code = &code;
  f->code_index = code_index;
  f->ip = 0;
  f->func = func;
  f->ns = Value();
  f->generator = Value();
  f->class_cell = Value();
  if (!f->blocks.empty()) [[unlikely]]
    f->blocks.clear();
  f->reentry_boundary = false;
  f->resumed_by_for_iter = false;
  f->resumed_by_yield_from = false;
  f->on_return = kReturnValue;
  f->fresh_slot = -1;
  f->handled_base = static_cast<uint32_t>(handled.size());
  // Locals and cells start unbound; the value stack above needs no
  // clearing (nothing reads or traces slots at or above sp).
  uint32_t base = shape.base;
  if (f->slots.size() < shape.slots) [[unlikely]]
    f->slots.resize(shape.slots);
  Value* s = f->slots.data();
  for (uint32_t i = nfilled; i < base; i++) s[i] = Value();
  f->sp = base;
  return f;
}

}  // namespace monty
