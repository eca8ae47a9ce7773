// Value: the one representation of a Python value inside the interpreter.
//
// Trivially copyable, 16 bytes. None, bools, ints that fit in int64 and
// floats live inline; everything else is an id into the session's Heap
// (never a raw pointer, so the whole state can be written out and read back).
// Builtin functions and builtin types are immutable static tables shared by
// every session; a Value names them by index, so starting a run allocates
// nothing for them.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace monty {

enum class Tag : uint8_t {
  Undef = 0,  // "no value": unbound local, empty slot, missing result
  None,
  Bool,
  Int,        // i: small int (full int64 range; larger ints are heap BigInts)
  Float,      // f
  Obj,        // id: heap object
  BuiltinFn,  // id: index into the static builtin-function table
  Type,       // id: index into the static builtin-type table (BuiltinTypeId)
};

struct Value {
  union {
    int64_t i;
    double f;
    uint32_t id;
  };
  Tag tag;

  constexpr Value() : i(0), tag(Tag::Undef) {}
  static constexpr Value none() {
    Value v;
    v.tag = Tag::None;
    return v;
  }
  static constexpr Value boolean(bool b) {
    Value v;
    v.tag = Tag::Bool;
    v.i = b ? 1 : 0;
    return v;
  }
  static constexpr Value integer(int64_t x) {
    Value v;
    v.tag = Tag::Int;
    v.i = x;
    return v;
  }
  static Value floating(double x) {
    Value v;
    v.tag = Tag::Float;
    v.f = x;
    return v;
  }
  static constexpr Value obj(uint32_t id) {
    Value v;
    v.tag = Tag::Obj;
    v.i = 0;
    v.id = id;
    return v;
  }
  static constexpr Value builtin_fn(uint32_t idx) {
    Value v;
    v.tag = Tag::BuiltinFn;
    v.i = 0;
    v.id = idx;
    return v;
  }
  static constexpr Value type(uint32_t idx) {
    Value v;
    v.tag = Tag::Type;
    v.i = 0;
    v.id = idx;
    return v;
  }

  bool is_undef() const { return tag == Tag::Undef; }
  bool is_none() const { return tag == Tag::None; }
  bool is_bool() const { return tag == Tag::Bool; }
  bool is_int() const { return tag == Tag::Int; }
  bool is_float() const { return tag == Tag::Float; }
  bool is_obj() const { return tag == Tag::Obj; }
  bool is_builtin_fn() const { return tag == Tag::BuiltinFn; }
  bool is_type() const { return tag == Tag::Type; }

  // Identity (Python's `is`), not equality.
  bool same(const Value& o) const {
    if (tag != o.tag) return false;
    if (tag == Tag::Float) return std::memcmp(&f, &o.f, sizeof f) == 0;
    return i == o.i;
  }
};

static_assert(std::is_trivially_copyable_v<Value>);
static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

}  // namespace monty
