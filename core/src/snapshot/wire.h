// The MessagePack layer of snapshots: a packer that appends to a byte vector,
// the header (magic, version, kind), a pre-scan that proves hostile bytes are
// well-formed before msgpack-c builds a tree from them, and typed getters
// that turn every mismatch into a LoadError with a readable message.
//
// Why a pre-scan: msgpack-c allocates an array's element table when it reads
// the array's header, before it knows whether the elements exist, so a
// 5-byte header claiming 2^32 elements would allocate 64 GiB. The pre-scan
// checks every declared length against the bytes that remain (each element
// takes at least one byte), so after it passes, msgpack-c allocates at most
// a small multiple of the input size. It also bounds nesting depth, which
// bounds every recursive reader that follows.
#pragma once

#include <cstdint>
#include <msgpack.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace monty::snapshot {

// Format constants (docs/snapshot-format.md).
inline constexpr std::string_view kMagic = "monty-snapshot";
// The version this build writes, and the oldest it still reads (the Version
// history in docs/snapshot-format.md says what each one changed).
inline constexpr uint32_t kFormatVersion = 6;
inline constexpr uint32_t kOldestReadableVersion = 1;
enum class DumpKind : uint8_t { Program = 1, Execution = 2, Repl = 3 };
// Deepest MessagePack nesting a valid snapshot has (Object trees of a pending
// call and nested constant tuples are the deep parts).
inline constexpr uint32_t kMaxDepth = 300;

// Thrown inside the loader only; load() turns it into a ValueError.
struct LoadError {
  std::string message;  // without the "snapshot: " prefix
};
[[noreturn]] void fail(std::string message);

// Appends MessagePack to `out`. msgpack-c's packer needs a stream with write().
struct ByteSink {
  std::vector<uint8_t>* out;
  void write(const char* p, size_t n) { out->insert(out->end(), p, p + n); }
};

class Packer {
 public:
  explicit Packer(std::vector<uint8_t>& out) : sink_{&out}, pk_(sink_) {}
  void nil() { pk_.pack_nil(); }
  void boolean(bool b) { b ? pk_.pack_true() : pk_.pack_false(); }
  void u64(uint64_t v) { pk_.pack_uint64(v); }
  void i64(int64_t v) { pk_.pack_int64(v); }
  // Always a float64, bit-exact: msgpack-c's pack_double writes integral
  // doubles as ints, which would turn 1.0 into 1 and lose -0.0.
  void f64(double d);
  void str(std::string_view s);
  void bin(std::string_view b);
  void array(size_t n) { pk_.pack_array(static_cast<uint32_t>(n)); }
  void ext(int8_t type, std::string_view payload);
  // Raw 32-bit words, little-endian, as one bin (bytecode, line tables, limbs).
  void words(const uint32_t* w, size_t n);

 private:
  ByteSink sink_;
  msgpack::packer<ByteSink> pk_;
};

// The header every dump starts with: [magic, version, kind, payload] is one
// 4-element array; this writes its first three elements.
void write_header(Packer& p, DumpKind kind);

// A parsed dump: `payload` points into `handle`'s tree, which refers into the
// caller's bytes (zero-copy strings), so the bytes must outlive it.
struct Parsed {
  msgpack::object_handle handle;
  const msgpack::object* payload = nullptr;
  uint32_t version = kFormatVersion;  // of the bytes read
};

// Checks magic, version and kind from the raw bytes (so a newer or foreign
// file gets the right message even if the rest is unreadable), pre-scans,
// then parses. Throws LoadError.
Parsed parse(std::span<const uint8_t> bytes, DumpKind expected);

// ---- typed getters (throw LoadError naming `what`) ----------------------------
const msgpack::object* array(const msgpack::object& o, const char* what, size_t* size);
// An array of exactly n elements.
const msgpack::object* tuple(const msgpack::object& o, const char* what, size_t n);
uint64_t u64(const msgpack::object& o, const char* what);
int64_t i64(const msgpack::object& o, const char* what);
uint32_t u32(const msgpack::object& o, const char* what);
// An unsigned index < limit.
uint32_t index(const msgpack::object& o, const char* what, size_t limit);
double f64(const msgpack::object& o, const char* what);
bool boolean(const msgpack::object& o, const char* what);
bool is_nil(const msgpack::object& o);
std::string_view str(const msgpack::object& o, const char* what);  // UTF-8 checked
std::string_view bin(const msgpack::object& o, const char* what);
std::vector<uint32_t> words(const msgpack::object& o, const char* what);
std::vector<std::string> str_list(const msgpack::object& o, const char* what);

bool valid_utf8(std::string_view s);

}  // namespace monty::snapshot
