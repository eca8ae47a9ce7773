// Editing snapshot bytes for hostile-input tests and the structure-aware
// fuzzer: decode a dump into msgpack-c's object tree, change fields in place,
// encode it again with the snapshot packer (msgpack-c's own packer writes
// integral floats as ints; the snapshot packer keeps float64 as written).
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <random>
#include <string_view>
#include <vector>

#include "monty/monty.h"
#include "snapshot/wire.h"

namespace monty_test {

using Bytes = std::vector<uint8_t>;

struct Tree {
  msgpack::object_handle handle;
  msgpack::object& root() { return const_cast<msgpack::object&>(handle.get()); }
};

inline Tree parse_tree(const Bytes& b) {
  Tree t;
  t.handle = msgpack::unpack(reinterpret_cast<const char*>(b.data()), b.size());
  return t;
}

// Writes `o` with the snapshot packer. Snapshots hold no maps: a map (or any
// other type a snapshot never has) is written as nil and makes this return false.
inline bool encode_into(monty::snapshot::Packer& p, const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::NIL:
      p.nil();
      return true;
    case msgpack::type::BOOLEAN:
      p.boolean(o.via.boolean);
      return true;
    case msgpack::type::POSITIVE_INTEGER:
      p.u64(o.via.u64);
      return true;
    case msgpack::type::NEGATIVE_INTEGER:
      p.i64(o.via.i64);
      return true;
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
      p.f64(o.via.f64);
      return true;
    case msgpack::type::STR:
      p.str(std::string_view(o.via.str.ptr, o.via.str.size));
      return true;
    case msgpack::type::BIN:
      p.bin(std::string_view(o.via.bin.ptr, o.via.bin.size));
      return true;
    case msgpack::type::EXT:
      p.ext(o.via.ext.type(), std::string_view(o.via.ext.data(), o.via.ext.size));
      return true;
    case msgpack::type::ARRAY: {
      p.array(o.via.array.size);
      bool ok = true;
      for (uint32_t i = 0; i < o.via.array.size; i++) ok = encode_into(p, o.via.array.ptr[i]) && ok;
      return ok;
    }
    default:
      p.nil();
      return false;
  }
}

// The element of nested arrays at `path` (indexes from the root).
inline msgpack::object& at(msgpack::object& o, std::initializer_list<size_t> path) {
  msgpack::object* p = &o;
  for (size_t i : path) p = &p->via.array.ptr[i];
  return *p;
}

// Makes `o` a str holding `text`, allocated in `z`.
inline void set_str(msgpack::object& o, msgpack::zone& z, std::string_view text) {
  char* data = static_cast<char*>(z.allocate_align(text.size() + 1));
  std::memcpy(data, text.data(), text.size());
  o.type = msgpack::type::STR;
  o.via.str.ptr = data;
  o.via.str.size = static_cast<uint32_t>(text.size());
}

// Flips 1 to 4 random bits of `b` (hostile-bytes corpora).
inline Bytes flip_bits(Bytes b, std::mt19937& rng) {
  int flips = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < flips; k++) b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
  return b;
}

// Whether a loaded (possibly edited) dump carries limits small enough to run
// it: edits can turn a loop bound into anything, and the limits they leave
// decide whether running what loaded is safe to try in a test.
inline bool bounded(const monty::Limits& l) {
  return l.max_instructions && *l.max_instructions <= 200000 && l.max_memory &&
         *l.max_memory <= (4u << 20) && l.max_recursion_depth <= 2000;
}

}  // namespace monty_test
