// See wire.h.
#include "snapshot/wire.h"

#include <cstring>

namespace monty::snapshot {

void fail(std::string message) { throw LoadError{std::move(message)}; }

// ---- writing ------------------------------------------------------------------

void Packer::str(std::string_view s) {
  pk_.pack_str(static_cast<uint32_t>(s.size()));
  pk_.pack_str_body(s.data(), static_cast<uint32_t>(s.size()));
}

void Packer::f64(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  char buf[9];
  buf[0] = static_cast<char>(0xcb);
  for (int i = 0; i < 8; i++) buf[1 + i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xff);
  sink_.write(buf, 9);
}

void Packer::bin(std::string_view b) {
  pk_.pack_bin(static_cast<uint32_t>(b.size()));
  pk_.pack_bin_body(b.data(), static_cast<uint32_t>(b.size()));
}

void Packer::ext(int8_t type, std::string_view payload) {
  pk_.pack_ext(payload.size(), type);
  pk_.pack_ext_body(payload.data(), static_cast<uint32_t>(payload.size()));
}

void Packer::words(const uint32_t* w, size_t n) {
  // Explicit little-endian so dumps are the same bytes on every host.
  std::string b(n * 4, '\0');
  for (size_t i = 0; i < n; i++) {
    b[4 * i] = static_cast<char>(w[i] & 0xff);
    b[4 * i + 1] = static_cast<char>((w[i] >> 8) & 0xff);
    b[4 * i + 2] = static_cast<char>((w[i] >> 16) & 0xff);
    b[4 * i + 3] = static_cast<char>(w[i] >> 24);
  }
  bin(b);
}

void write_header(Packer& p, DumpKind kind) {
  p.array(4);
  p.str(kMagic);
  p.u64(kFormatVersion);
  p.u64(static_cast<uint64_t>(kind));
}

// ---- pre-scan -----------------------------------------------------------------

namespace {

std::string at(size_t pos) { return " at byte " + std::to_string(pos); }

const char* kind_name(DumpKind k) {
  switch (k) {
    case DumpKind::Program:
      return "compiled program";
    case DumpKind::Execution:
      return "paused execution";
    case DumpKind::Repl:
      return "REPL session";
  }
  return "dump";
}

const char* loader_name(DumpKind k) {
  switch (k) {
    case DumpKind::Program:
      return "Runner::load";
    case DumpKind::Execution:
      return "Snapshot::load";
    case DumpKind::Repl:
      return "Repl::load";
  }
  return "";
}

[[noreturn]] void truncated(size_t len) { fail("truncated at byte " + std::to_string(len)); }

uint64_t read_be(const uint8_t* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v = (v << 8) | p[i];
  return v;
}

// Walks one complete MessagePack value starting at `pos` without recursion:
// `pending` counts the values still to read at each open container level.
size_t prescan(const uint8_t* d, size_t len, size_t pos) {
  std::vector<uint64_t> pending{1};
  while (!pending.empty()) {
    if (pending.back() == 0) {
      pending.pop_back();
      continue;
    }
    pending.back()--;
    if (pos >= len) truncated(len);
    const size_t start = pos;
    const uint8_t b = d[pos++];
    auto need = [&](uint64_t n) {
      if (n > len - pos) truncated(len);
    };
    uint64_t payload = 0;   // bytes to skip
    uint64_t children = 0;  // values to read inside
    bool container = false;
    if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
      // fixints, nil, bool
    } else if (b >= 0x80 && b <= 0x8f) {
      container = true;
      children = 2ull * (b & 0x0f);
    } else if (b >= 0x90 && b <= 0x9f) {
      container = true;
      children = b & 0x0f;
    } else if (b >= 0xa0 && b <= 0xbf) {
      payload = b & 0x1f;
    } else {
      switch (b) {
        case 0xc4:
        case 0xd9:
          need(1);
          payload = read_be(d + pos, 1);
          pos += 1;
          break;
        case 0xc5:
        case 0xda:
          need(2);
          payload = read_be(d + pos, 2);
          pos += 2;
          break;
        case 0xc6:
        case 0xdb:
          need(4);
          payload = read_be(d + pos, 4);
          pos += 4;
          break;
        case 0xc7:
          need(1);
          payload = read_be(d + pos, 1) + 1;
          pos += 1;
          break;  // +1: type byte
        case 0xc8:
          need(2);
          payload = read_be(d + pos, 2) + 1;
          pos += 2;
          break;
        case 0xc9:
          need(4);
          payload = read_be(d + pos, 4) + 1;
          pos += 4;
          break;
        case 0xca:
          payload = 4;
          break;
        case 0xcb:
          payload = 8;
          break;
        case 0xcc:
        case 0xd0:
          payload = 1;
          break;
        case 0xcd:
        case 0xd1:
          payload = 2;
          break;
        case 0xce:
        case 0xd2:
          payload = 4;
          break;
        case 0xcf:
        case 0xd3:
          payload = 8;
          break;
        case 0xd4:
          payload = 2;
          break;
        case 0xd5:
          payload = 3;
          break;
        case 0xd6:
          payload = 5;
          break;
        case 0xd7:
          payload = 9;
          break;
        case 0xd8:
          payload = 17;
          break;
        case 0xdc:
          need(2);
          container = true;
          children = read_be(d + pos, 2);
          pos += 2;
          break;
        case 0xdd:
          need(4);
          container = true;
          children = read_be(d + pos, 4);
          pos += 4;
          break;
        case 0xde:
          need(2);
          container = true;
          children = 2 * read_be(d + pos, 2);
          pos += 2;
          break;
        case 0xdf:
          need(4);
          container = true;
          children = 2 * read_be(d + pos, 4);
          pos += 4;
          break;
        default:
          fail("invalid MessagePack byte 0xc1" + at(start));
      }
    }
    need(payload);
    pos += payload;
    if (container) {
      // Every element takes at least one byte.
      need(children);
      if (pending.size() >= kMaxDepth)
        fail("nesting deeper than " + std::to_string(kMaxDepth) + at(start));
      pending.push_back(children);
    }
  }
  return pos;
}

bool reference_everything(msgpack::type::object_type, std::size_t, void*) { return true; }

}  // namespace

Parsed parse(std::span<const uint8_t> bytes, DumpKind expected) {
  const uint8_t* d = bytes.data();
  const size_t len = bytes.size();
  // [0x94, fixstr(14) "monty-snapshot", version, kind, payload]
  std::string head;
  head.push_back(static_cast<char>(0x94));
  head.push_back(static_cast<char>(0xa0 | kMagic.size()));
  head.append(kMagic);
  size_t n = std::min(len, head.size());
  if (len == 0 || std::memcmp(d, head.data(), n) != 0) fail("bad magic (not a monty snapshot)");
  if (len < head.size()) truncated(len);
  size_t pos = head.size();
  // The version: a positive fixint or uint8/16/32.
  if (pos >= len) truncated(len);
  uint64_t version;
  uint8_t vb = d[pos];
  int vlen = vb <= 0x7f ? 0 : vb == 0xcc ? 1 : vb == 0xcd ? 2 : vb == 0xce ? 4 : -1;
  if (vlen < 0) fail("bad version field");
  if (pos + 1 + static_cast<size_t>(vlen) > len) truncated(len);
  version = vlen == 0 ? vb : read_be(d + pos + 1, vlen);
  if (version < kOldestReadableVersion || version > kFormatVersion) {
    fail("version " + std::to_string(version) + " is not supported (this build reads versions " +
         std::to_string(kOldestReadableVersion) + " to " + std::to_string(kFormatVersion) + ")");
  }
  pos += 1 + static_cast<size_t>(vlen);
  if (pos >= len) truncated(len);
  uint8_t kb = d[pos];
  if (kb != static_cast<uint8_t>(DumpKind::Program) &&
      kb != static_cast<uint8_t>(DumpKind::Execution) &&
      kb != static_cast<uint8_t>(DumpKind::Repl)) {
    fail("unknown dump kind " + std::to_string(kb));
  }
  if (kb != static_cast<uint8_t>(expected)) {
    const auto found = static_cast<DumpKind>(kb);
    fail("this is a " + std::string(kind_name(found)) + ", not a " + kind_name(expected) +
         " (use " + loader_name(found) + ")");
  }
  size_t end = prescan(d, len, 0);
  if (end != len)
    fail(std::to_string(len - end) + " unexpected bytes after the end of the data" + at(end));
  Parsed out;
  out.version = static_cast<uint32_t>(version);
  std::size_t off = 0;
  try {
    // Limits are belt and braces: the pre-scan already bounded every size.
    msgpack::unpack_limit limit(len, len, len, len, len, kMaxDepth + 1);
    out.handle = msgpack::unpack(reinterpret_cast<const char*>(d), len, off, reference_everything,
                                 nullptr, limit);
  } catch (const std::bad_alloc&) {
    fail("out of memory while parsing");
  } catch (const std::exception& e) {
    fail(std::string("malformed MessagePack (") + e.what() + ")");
  }
  const msgpack::object& root = out.handle.get();
  if (root.type != msgpack::type::ARRAY || root.via.array.size != 4) fail("bad header");
  out.payload = &root.via.array.ptr[3];
  return out;
}

// ---- typed getters ------------------------------------------------------------

namespace {

[[noreturn]] void expected(const char* what, const char* type) {
  fail(std::string(what) + ": expected " + type);
}

}  // namespace

const msgpack::object* array(const msgpack::object& o, const char* what, size_t* size) {
  if (o.type != msgpack::type::ARRAY) expected(what, "an array");
  *size = o.via.array.size;
  return o.via.array.ptr;
}

const msgpack::object* tuple(const msgpack::object& o, const char* what, size_t n) {
  size_t size;
  const msgpack::object* p = array(o, what, &size);
  if (size != n)
    fail(std::string(what) + ": expected " + std::to_string(n) + " fields, found " +
         std::to_string(size));
  return p;
}

uint64_t u64(const msgpack::object& o, const char* what) {
  if (o.type != msgpack::type::POSITIVE_INTEGER) expected(what, "a non-negative integer");
  return o.via.u64;
}

int64_t i64(const msgpack::object& o, const char* what) {
  if (o.type == msgpack::type::NEGATIVE_INTEGER) return o.via.i64;
  if (o.type == msgpack::type::POSITIVE_INTEGER) {
    if (o.via.u64 > static_cast<uint64_t>(INT64_MAX))
      fail(std::string(what) + ": integer out of range");
    return static_cast<int64_t>(o.via.u64);
  }
  expected(what, "an integer");
}

uint32_t u32(const msgpack::object& o, const char* what) {
  uint64_t v = u64(o, what);
  if (v > UINT32_MAX) fail(std::string(what) + ": " + std::to_string(v) + " out of range");
  return static_cast<uint32_t>(v);
}

uint32_t index(const msgpack::object& o, const char* what, size_t limit) {
  uint64_t v = u64(o, what);
  if (v >= limit) {
    fail(std::string(what) + " " + std::to_string(v) + " out of range (" + std::to_string(limit) +
         " available)");
  }
  return static_cast<uint32_t>(v);
}

double f64(const msgpack::object& o, const char* what) {
  if (o.type == msgpack::type::FLOAT64 || o.type == msgpack::type::FLOAT32) return o.via.f64;
  expected(what, "a float");
}

bool boolean(const msgpack::object& o, const char* what) {
  if (o.type != msgpack::type::BOOLEAN) expected(what, "a boolean");
  return o.via.boolean;
}

bool is_nil(const msgpack::object& o) { return o.type == msgpack::type::NIL; }

bool valid_utf8(std::string_view s) {
  // UTF-8 as the runtime stores it: well-formed sequences of 1-4 bytes, no
  // overlong forms, nothing above U+10FFFF. Surrogate code points are
  // allowed (Python strs may hold lone surrogates, e.g. chr(0xD800)).
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; k++) {
      if ((p[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) return false;
    i += len;
  }
  return true;
}

std::string_view str(const msgpack::object& o, const char* what) {
  if (o.type != msgpack::type::STR) expected(what, "a string");
  std::string_view s(o.via.str.ptr, o.via.str.size);
  if (!valid_utf8(s)) fail(std::string(what) + ": invalid UTF-8");
  return s;
}

std::string_view bin(const msgpack::object& o, const char* what) {
  if (o.type != msgpack::type::BIN) expected(what, "binary data");
  return std::string_view(o.via.bin.ptr, o.via.bin.size);
}

std::vector<uint32_t> words(const msgpack::object& o, const char* what) {
  std::string_view b = bin(o, what);
  if (b.size() % 4 != 0)
    fail(std::string(what) + ": length " + std::to_string(b.size()) + " is not a multiple of 4");
  std::vector<uint32_t> out(b.size() / 4);
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  for (size_t i = 0; i < out.size(); i++) {
    out[i] = static_cast<uint32_t>(p[4 * i]) | (static_cast<uint32_t>(p[4 * i + 1]) << 8) |
             (static_cast<uint32_t>(p[4 * i + 2]) << 16) |
             (static_cast<uint32_t>(p[4 * i + 3]) << 24);
  }
  return out;
}

std::vector<std::string> str_list(const msgpack::object& o, const char* what) {
  size_t n;
  const msgpack::object* p = array(o, what, &n);
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; i++) out.emplace_back(str(p[i], what));
  return out;
}

}  // namespace monty::snapshot
