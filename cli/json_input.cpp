#include "json_input.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace monty_cli {
namespace {

// Appends code point `cp` (already known to be a valid scalar value) as UTF-8.
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid.
size_t utf8_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;  // continuation byte, overlong 2-byte lead (C0/C1), or > U+10FFFF lead
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong encodings, UTF-16 surrogates and values past U+10FFFF:
  // none of them is a Unicode scalar value, and core's str assumes scalars.
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp > 0x10FFFF) return 0;
  return len;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  JsonParse run() {
    JsonParse result;
    skip_ws();
    std::optional<monty::Object> v = value(0);
    if (v) {
      skip_ws();
      if (pos_ != s_.size()) fail("extra data");
    }
    if (too_deep_) {
      result.status = JsonParse::Status::TooDeep;
      result.error = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    } else if (!error_.empty()) {
      result.status = JsonParse::Status::Invalid;
      result.error = error_ + " at offset " + std::to_string(error_pos_);
    } else {
      result.status = JsonParse::Status::Ok;
      result.value = std::move(*v);
    }
    return result;
  }

 private:
  // Records the first error only; every caller returns nullopt right after.
  std::nullopt_t fail(const char* what) {
    if (error_.empty()) {
      error_ = what;
      error_pos_ = pos_;
    }
    return std::nullopt;
  }

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }

  void skip_ws() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++pos_;
    }
  }

  bool consume_word(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::optional<monty::Object> value(size_t depth) {
    if (at_end()) return fail("expecting value");
    switch (peek()) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"': {
        std::optional<std::string> text = string();
        if (!text) return std::nullopt;
        return monty::Object::str(std::move(*text));
      }
      case 'n':
        if (consume_word("null")) return monty::Object::none();
        break;
      case 't':
        if (consume_word("true")) return monty::Object::boolean(true);
        break;
      case 'f':
        if (consume_word("false")) return monty::Object::boolean(false);
        break;
      case 'N':
        if (consume_word("NaN")) {
          return monty::Object::floating(std::numeric_limits<double>::quiet_NaN());
        }
        break;
      case 'I':
        if (consume_word("Infinity")) {
          return monty::Object::floating(std::numeric_limits<double>::infinity());
        }
        break;
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
        break;
    }
    return fail("expecting value");
  }

  // Containers recurse; the depth cap keeps a hostile `[[[[...` from
  // overflowing the native stack (json.loads raises RecursionError there).
  bool enter(size_t depth) {
    if (depth >= kMaxJsonDepth) {
      too_deep_ = true;
      fail("too deep");
      return false;
    }
    return true;
  }

  std::optional<monty::Object> array(size_t depth) {
    if (!enter(depth)) return std::nullopt;
    ++pos_;  // '['
    std::vector<monty::Object> items;
    skip_ws();
    if (!at_end() && peek() == ']') {
      ++pos_;
      return monty::Object::list(std::move(items));
    }
    for (;;) {
      skip_ws();
      std::optional<monty::Object> item = value(depth + 1);
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
      skip_ws();
      if (at_end()) return fail("expecting ',' delimiter");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return monty::Object::list(std::move(items));
      }
      return fail("expecting ',' delimiter");
    }
  }

  std::optional<monty::Object> object(size_t depth) {
    if (!enter(depth)) return std::nullopt;
    ++pos_;  // '{'
    std::vector<std::pair<monty::Object, monty::Object>> items;
    // json.loads builds a dict: a repeated key keeps its first slot and takes
    // the last value. Doing it here means core never sees duplicate keys.
    std::unordered_map<std::string, size_t> slot_of_key;
    skip_ws();
    if (!at_end() && peek() == '}') {
      ++pos_;
      return monty::Object::dict(std::move(items));
    }
    for (;;) {
      skip_ws();
      if (at_end() || peek() != '"')
        return fail("expecting property name enclosed in double quotes");
      std::optional<std::string> key = string();
      if (!key) return std::nullopt;
      skip_ws();
      if (at_end() || peek() != ':') return fail("expecting ':' delimiter");
      ++pos_;
      skip_ws();
      std::optional<monty::Object> item = value(depth + 1);
      if (!item) return std::nullopt;
      auto [it, inserted] = slot_of_key.try_emplace(*key, items.size());
      if (inserted) {
        items.emplace_back(monty::Object::str(std::move(*key)), std::move(*item));
      } else {
        items[it->second].second = std::move(*item);
      }
      skip_ws();
      if (at_end()) return fail("expecting ',' delimiter");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return monty::Object::dict(std::move(items));
      }
      return fail("expecting ',' delimiter");
    }
  }

  std::optional<uint32_t> hex4() {
    if (pos_ + 4 > s_.size()) return fail("invalid \\uXXXX escape");
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = s_[pos_ + k];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail("invalid \\uXXXX escape");
      }
    }
    pos_ += 4;
    return v;
  }

  std::optional<std::string> string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (at_end()) return fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) return fail("invalid control character");
      if (c == '\\') {
        ++pos_;
        if (at_end()) return fail("unterminated string");
        const char e = peek();
        ++pos_;
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            std::optional<uint32_t> cp = hex4();
            if (!cp) return std::nullopt;
            if (*cp >= 0xDC00 && *cp <= 0xDFFF) return fail("lone surrogate in \\u escape");
            if (*cp >= 0xD800 && *cp <= 0xDBFF) {
              // A high surrogate must be followed by an escaped low surrogate;
              // together they encode one code point above U+FFFF.
              if (!consume_word("\\u")) return fail("lone surrogate in \\u escape");
              std::optional<uint32_t> low = hex4();
              if (!low) return std::nullopt;
              if (*low < 0xDC00 || *low > 0xDFFF) return fail("lone surrogate in \\u escape");
              *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            }
            append_utf8(out, *cp);
            break;
          }
          default:
            --pos_;
            return fail("invalid \\escape");
        }
        continue;
      }
      const size_t len = utf8_sequence_length(s_, pos_);
      if (len == 0) return fail("invalid UTF-8");
      out.append(s_.substr(pos_, len));
      pos_ += len;
    }
  }

  std::optional<monty::Object> number() {
    const size_t start = pos_;
    if (peek() == '-') {
      ++pos_;
      if (consume_word("Infinity")) {
        return monty::Object::floating(-std::numeric_limits<double>::infinity());
      }
    }
    const auto digits = [&] {
      const size_t from = pos_;
      while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
      return pos_ - from;
    };
    if (at_end()) return fail("expecting value");
    // JSON forbids leading zeros: "0" alone, or a nonzero digit first.
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return fail("expecting value");
    }
    bool is_float = false;
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (digits() == 0) return fail("expecting digits after '.'");
      is_float = true;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (digits() == 0) return fail("expecting exponent digits");
      is_float = true;
    }
    const std::string text(s_.substr(start, pos_ - start));
    if (is_float) {
      // strtod follows the C locale (the CLI never calls setlocale), is
      // correctly rounded, and gives +-inf on overflow just like float(text).
      return monty::Object::floating(std::strtod(text.c_str(), nullptr));
    }
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno == ERANGE) {
      // Python ints are unbounded; the runtime parses the digits. "-0" cannot
      // get here (it fits), so the text is a canonical decimal.
      return monty::Object::big_integer(text);
    }
    return monty::Object::integer(static_cast<int64_t>(v));
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_pos_ = 0;
  bool too_deep_ = false;
};

}  // namespace

JsonParse parse_json(std::string_view text) { return Parser(text).run(); }

size_t first_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace monty_cli
