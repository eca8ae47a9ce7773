// MessagePack for the JS boundary: monty::Object values and the small
// request/reply records the bindings exchange with the TypeScript wrapper.
//
// Values use plain MessagePack types where one fits and extension types for
// the Python types MessagePack lacks (docs/value-mapping.md is the spec):
//   None nil | bool bool | int (int64 range) int | float float64 | str str |
//   bytes bin | list array | dict map (any key type, insertion order) |
//   ext 1 tuple (payload: array) | ext 2 set (array) | ext 3 frozenset (array) |
//   ext 4 int outside int64 (ASCII decimal) | ext 5 Ellipsis (empty) |
//   ext 6 a value with no data mapping (UTF-8 repr text).
//
// The reader is written for hostile input: every length is checked against
// the bytes left and nesting is bounded, so bad bytes give an error, never a
// crash or a deep native recursion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "monty/monty.h"

namespace monty_wasm {

// Extension type codes (docs/value-mapping.md). Never renumber: snapshots and
// stored values may hold them.
enum class Ext : int8_t {
  Tuple = 1,
  Set = 2,
  FrozenSet = 3,
  BigInt = 4,
  Ellipsis = 5,
  Repr = 6,
};

// Values nested deeper than this are rejected: the JS encoder enforces the
// same bound, and it keeps decoding (and Object's recursive destructor) far
// from the 1 MiB wasm stack.
inline constexpr int kMaxDepth = 400;

class Writer {
 public:
  void nil() { out_.push_back('\xc0'); }
  void boolean(bool b) { out_.push_back(b ? '\xc3' : '\xc2'); }
  void integer(int64_t v);
  void floating(double d);
  void str(std::string_view s);
  void bin(std::string_view b);
  void array_header(uint32_t n);
  void map_header(uint32_t n);
  void ext(Ext type, std::string_view payload);
  void value(const monty::Object& o);

  const std::string& bytes() const { return out_; }
  // Starts a new message in the same buffer (keeping its capacity, so a
  // reused Writer stops allocating), leaving `prefix` zero bytes in front.
  void restart(size_t prefix = 0) { out_.assign(prefix, '\0'); }
  // The message with its prefix, for the caller to fill the prefix in.
  std::string& buffer() { return out_; }

 private:
  void header(uint8_t fix_base, uint8_t fix_max, uint8_t op8, uint8_t op16, uint8_t op32,
              uint32_t n);
  void be(uint64_t v, int n);
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  // Each returns nullopt (and sets error()) on malformed or mistyped input.
  std::optional<monty::Object> value() { return value_at(0); }
  std::optional<uint32_t> array_header();
  std::optional<std::string> str();
  std::optional<int64_t> integer();
  std::optional<double> number();  // int or float
  bool is_nil() const;
  bool skip_nil();  // consumes a nil if there is one
  bool at_end() const { return pos_ == data_.size(); }
  const std::string& error() const { return error_; }

 private:
  std::optional<monty::Object> value_at(int depth);
  bool need(size_t n);
  uint64_t be(int n);
  bool fail(std::string message);
  std::string_view data_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace monty_wasm
