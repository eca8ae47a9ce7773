// Heap objects. Every object lives in the session's Heap and is named by an
// id (Value::obj). Objects refer to each other only through Values, so one
// trace() per type serves marking, snapshot writing and accounting.
//
// Invariants:
// - An object's `kind` never changes after construction.
// - Objects hold no pointers to other heap objects, only Values (ids).
// - Strings are valid UTF-8; `length` counts code points.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/builtin_types.h"
#include "runtime/dict.h"
#include "runtime/value.h"
#include "support/bigint.h"

namespace monty {

class Tracer {
 public:
  virtual ~Tracer() = default;
  virtual void visit(Value v) = 0;
};

enum class ObjKind : uint8_t {
  Str,
  Bytes,
  BigInt,
  List,
  Tuple,
  Dict,
  Set,  // set and frozenset (see SetObj::frozen)
  Range,
  Slice,
  Function,
  BoundMethod,    // a Python callable bound to self
  BuiltinMethod,  // a builtin type's method bound to self
  Class,
  Instance,
  Cell,
  Generator,
  Iterator,  // every builtin iterator kind (see IterObj::type)
  DictView,
  Module,
  Property,
  StaticMethod,
  ClassMethod,
  Super,
  ByteArray,   // mutable bytes (ByteArrayObj); appended last: kinds are serialized by number
  Partial,     // functools.partial (WrapperObj: func, args, keywords)
  LruCache,    // functools.lru_cache's wrapper (WrapperObj: func, cache, maxsize, stats)
  KeyWrapper,  // functools.cmp_to_key's (WrapperObj: cmp, obj or unset)
};

struct HeapObject {
  explicit HeapObject(ObjKind k) : kind(k) {}
  virtual ~HeapObject() = default;
  virtual void trace(Tracer&) const {}
  // Bytes this object holds, for memory accounting (approximate, stable).
  virtual size_t memory_size() const = 0;

  const ObjKind kind;
  bool marked = false;
};

struct StrObj final : HeapObject {
  explicit StrObj(std::string s);
  std::string data;           // UTF-8
  uint32_t length;            // code points
  bool ascii;                 // all bytes < 0x80: indexing is O(1)
  mutable int64_t hash = -1;  // cached; -1 = not computed
  size_t memory_size() const override { return sizeof(*this) + data.capacity(); }
};

struct BytesObj final : HeapObject {
  explicit BytesObj(std::string b) : HeapObject(ObjKind::Bytes), data(std::move(b)) {}
  std::string data;
  mutable int64_t hash = -1;
  size_t memory_size() const override { return sizeof(*this) + data.capacity(); }
};

// bytearray: a mutable byte string. Shares the read-only bytes methods and
// algorithms with BytesObj (types/bytes.cpp reads either through
// bytes_like_data); never hashed.
struct ByteArrayObj final : HeapObject {
  explicit ByteArrayObj(std::string b) : HeapObject(ObjKind::ByteArray), data(std::move(b)) {}
  std::string data;
  size_t memory_size() const override { return sizeof(*this) + data.capacity(); }
};

struct BigIntObj final : HeapObject {
  explicit BigIntObj(BigInt v) : HeapObject(ObjKind::BigInt), value(std::move(v)) {}
  BigInt value;  // never fits in int64 (the runtime demotes such results)
  size_t memory_size() const override { return sizeof(HeapObject) + value.memory_size(); }
};

struct ListObj final : HeapObject {
  ListObj() : HeapObject(ObjKind::List) {}
  explicit ListObj(std::vector<Value> v) : HeapObject(ObjKind::List), items(std::move(v)) {}
  std::vector<Value> items;
  void trace(Tracer& t) const override {
    for (const Value& v : items) t.visit(v);
  }
  size_t memory_size() const override { return sizeof(*this) + items.capacity() * sizeof(Value); }
};

struct TupleObj final : HeapObject {
  explicit TupleObj(std::vector<Value> v) : HeapObject(ObjKind::Tuple), items(std::move(v)) {}
  std::vector<Value> items;
  mutable int64_t hash = -1;
  void trace(Tracer& t) const override {
    for (const Value& v : items) t.visit(v);
  }
  size_t memory_size() const override { return sizeof(*this) + items.capacity() * sizeof(Value); }
};

struct DictObj final : HeapObject {
  DictObj() : HeapObject(ObjKind::Dict) {}
  Dict dict;
  void trace(Tracer& t) const override { dict.trace(t); }
  size_t memory_size() const override { return sizeof(*this) + dict.memory_size(); }
};

// set and frozenset share one representation: a Dict whose values are unused.
struct SetObj final : HeapObject {
  explicit SetObj(bool is_frozen) : HeapObject(ObjKind::Set), frozen(is_frozen) {}
  Dict table;
  bool frozen;
  mutable int64_t hash = -1;  // frozenset only
  void trace(Tracer& t) const override { table.trace(t); }
  size_t memory_size() const override { return sizeof(*this) + table.memory_size(); }
};

struct RangeObj final : HeapObject {
  RangeObj(int64_t s, int64_t e, int64_t st)
      : HeapObject(ObjKind::Range), start(s), stop(e), step(st) {}
  int64_t start, stop, step;
  int64_t length() const;
  size_t memory_size() const override { return sizeof(*this); }
};

struct SliceObj final : HeapObject {
  SliceObj(Value a, Value b, Value c) : HeapObject(ObjKind::Slice), start(a), stop(b), step(c) {}
  Value start, stop, step;
  void trace(Tracer& t) const override {
    t.visit(start);
    t.visit(stop);
    t.visit(step);
  }
  size_t memory_size() const override { return sizeof(*this); }
};

// A Python function: code plus what it closed over.
struct FunctionObj final : HeapObject {
  FunctionObj() : HeapObject(ObjKind::Function) {}
  uint32_t code = 0;              // index into Program::codes
  std::vector<Value> defaults;    // positional defaults (last N params)
  std::vector<Value> kwdefaults;  // one per kw-only param; Undef = required
  std::vector<Value> cells;       // closure cells (CellObj ids), in Code::freevars order
  Value name;                     // str, __name__
  Value qualname;                 // str, __qualname__
  Value doc;                      // __doc__ or None
  Value attrs;                    // DictObj for arbitrary attributes, or Undef
  // __annotations__: the dict MAKE_FUNCTION received (kFnAnnotations), or
  // Undef until first read (then an empty dict, kept so edits persist).
  Value annotations;
  void trace(Tracer& t) const override;
  size_t memory_size() const override {
    return sizeof(*this) +
           (defaults.capacity() + kwdefaults.capacity() + cells.capacity()) * sizeof(Value);
  }
};

struct BoundMethodObj final : HeapObject {
  BoundMethodObj(Value f, Value s) : HeapObject(ObjKind::BoundMethod), func(f), self(s) {}
  Value func, self;
  void trace(Tracer& t) const override {
    t.visit(func);
    t.visit(self);
  }
  size_t memory_size() const override { return sizeof(*this); }
};

// A builtin type's method bound to its receiver: `"abc".upper`.
struct BuiltinMethodObj final : HeapObject {
  BuiltinMethodObj(Value s, uint32_t type, uint32_t index)
      : HeapObject(ObjKind::BuiltinMethod), self(s), type_id(type), method_index(index) {}
  Value self;
  uint32_t type_id;       // BuiltinTypeId owning the method table
  uint32_t method_index;  // index into that type's method table
  void trace(Tracer& t) const override { t.visit(self); }
  size_t memory_size() const override { return sizeof(*this); }
};

// A user-defined class.
struct ClassObj final : HeapObject {
  ClassObj() : HeapObject(ObjKind::Class) {}
  Value name;                // str
  Value qualname;            // str
  std::vector<Value> bases;  // classes (Tag::Type or ClassObj)
  std::vector<Value> mro;    // C3 linearization, starting with this class
  Dict attrs;                // the class namespace
  // The builtin type instances are made of: Object for plain classes,
  // BaseException (or a subclass) for exception classes.
  BuiltinTypeId builtin_base = BuiltinTypeId::Object;
  // __slots__ without a namespace: a tuple of the attribute names instances
  // may hold (this class's slots and its bases'). Undef: any name (the
  // instances have a __dict__). Slot values live in the instance namespace.
  Value slots;
  void trace(Tracer& t) const override;
  size_t memory_size() const override { return sizeof(*this) + attrs.memory_size(); }
};

// A frame an exception passed through: its code, line and instruction (the
// instruction's columns are what a traceback underlines). `instr` is
// kUnknownInstr in entries loaded from snapshot format 1 or 2, which kept
// the line only.
struct TracebackEntry {
  static constexpr uint32_t kUnknownInstr = 0xFFFFFFFF;
  uint32_t code_index = 0;
  uint32_t line = 0;
  uint32_t instr = kUnknownInstr;

  friend bool operator==(const TracebackEntry&, const TracebackEntry&) = default;
};

// An instance of a user class, or of a builtin exception type.
struct InstanceObj final : HeapObject {
  explicit InstanceObj(Value c) : HeapObject(ObjKind::Instance), cls(c) {}
  Value cls;  // ClassObj, or Tag::Type for a builtin exception type
  // The instance namespace. It lives inline until the program asks for
  // obj.__dict__ (or vars(obj)); then it moves into a DictObj, `dict`, so that
  // the dict and the attributes stay one object (self.__dict__.update(kw)).
  // Read and write it through VM::instance_attrs().
  Dict inline_attrs;
  Value dict;  // DictObj once materialized, else Undef
  // Exception state (used when cls derives from BaseException):
  Value args;     // tuple
  Value cause;    // __cause__ or Undef
  Value context;  // __context__ or Undef
  bool suppress_context = false;
  std::vector<TracebackEntry> traceback;  // innermost frame first
  // Instances of a user subclass of a builtin data type (class L(list)):
  // the underlying builtin value (a ListObj, a str, an int...) that the
  // builtin methods and protocols operate on; Undef otherwise. See
  // types/subclass.cpp.
  Value builtin_value;
  void trace(Tracer& t) const override;
  size_t memory_size() const override {
    return sizeof(*this) + inline_attrs.memory_size() +
           traceback.capacity() * sizeof(TracebackEntry);
  }
};

struct CellObj final : HeapObject {
  CellObj() : HeapObject(ObjKind::Cell) {}
  Value value;  // Undef when empty
  void trace(Tracer& t) const override { t.visit(value); }
  size_t memory_size() const override { return sizeof(*this); }
};

struct Frame;  // vm.h

struct GeneratorObj final : HeapObject {
  GeneratorObj() : HeapObject(ObjKind::Generator) {}
  ~GeneratorObj() override;
  std::unique_ptr<Frame> frame;  // null once finished
  bool running = false;
  bool started = false;
  bool coroutine = false;  // made by an async def: type 'coroutine', not iterable
  Value name;
  void trace(Tracer& t) const override;
  size_t memory_size() const override;
};

// Every builtin iterator. Which fields mean what depends on `type`.
struct IterObj final : HeapObject {
  explicit IterObj(BuiltinTypeId t) : HeapObject(ObjKind::Iterator), type(t) {}
  BuiltinTypeId type;
  Value source;         // the iterated container / inner iterator / function
  Value aux;            // Map/Filter: function; Enumerate: count (int); Zip: tuple of iterators
  int64_t index = 0;    // position (lists, tuples, strings: code point index)
  int64_t pos = 0;      // byte offset for strings; range: current value
  int64_t end = 0;      // range: remaining count
  int64_t step = 0;     // range step
  bool strict = false;  // zip(strict=True)
  bool exhausted = false;
  void trace(Tracer& t) const override {
    t.visit(source);
    t.visit(aux);
  }
  size_t memory_size() const override { return sizeof(*this); }
};

struct DictViewObj final : HeapObject {
  DictViewObj(BuiltinTypeId t, Value d) : HeapObject(ObjKind::DictView), type(t), dict(d) {}
  BuiltinTypeId type;  // DictKeys, DictValues, DictItems
  Value dict;
  void trace(Tracer& t) const override { t.visit(dict); }
  size_t memory_size() const override { return sizeof(*this); }
};

struct ModuleObj final : HeapObject {
  ModuleObj() : HeapObject(ObjKind::Module) {}
  Value name;  // str
  Dict attrs;
  void trace(Tracer& t) const override {
    t.visit(name);
    attrs.trace(t);
  }
  size_t memory_size() const override { return sizeof(*this) + attrs.memory_size(); }
};

// property, staticmethod, classmethod and super share this shape.
struct WrapperObj final : HeapObject {
  WrapperObj(ObjKind k, Value a, Value b = Value(), Value c = Value(), Value d = Value())
      : HeapObject(k), f0(a), f1(b), f2(c), f3(d) {}
  // property: fget, fset, fdel, doc; staticmethod/classmethod: func;
  // super: type, self; partial: func, args (a tuple), keywords (a dict of
  // str keys); lru_cache wrapper: func, cache (a dict: key -> result, least
  // recently used first), maxsize (None or an int >= 0), stats (a list:
  // hits, misses, typed)
  Value f0, f1, f2, f3;
  void trace(Tracer& t) const override {
    t.visit(f0);
    t.visit(f1);
    t.visit(f2);
    t.visit(f3);
  }
  size_t memory_size() const override { return sizeof(*this); }
};

}  // namespace monty
