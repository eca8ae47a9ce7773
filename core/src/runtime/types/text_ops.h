// Byte-level text algorithms shared by str (UTF-8) and bytes.
//
// str keeps its text as UTF-8, which is self-synchronizing: a valid UTF-8
// needle can only match a haystack at code point boundaries, so substring
// search, counting, replacing and splitting on a separator work on the raw
// bytes for both types. Only the operations that look at single characters
// (whitespace, line breaks, strip sets) need to know the encoding; they are
// templated on `kUtf8` (false: one byte is one character).
//
// Everything here returns byte offsets; callers convert to code point
// indices where Python exposes them (str.find returns a code point index).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/vm.h"

namespace monty::text {

inline constexpr size_t npos = std::string_view::npos;

// ---- UTF-8 --------------------------------------------------------------------

// The columns a fixed-width terminal gives c: 2 for East Asian Wide and
// Fullwidth characters, else 1 (what CPython's tracebacks assume when they
// underline source).
int display_width(char32_t c);

// Single-character properties and simple (one-to-one) case mappings of the
// Unicode database, as CPython's Py_UNICODE_IS*/TO* macros answer them (the
// re module's \d, \w, \s and IGNORECASE).
bool is_decimal_char(char32_t c);
bool is_identifier(std::string_view utf8);  // str.isidentifier()
bool is_space_char(char32_t c);
bool is_alnum_char(char32_t c);
char32_t simple_lower(char32_t c);
char32_t simple_upper(char32_t c);

inline bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// Decodes the code point starting at s[i] (s is valid UTF-8) and advances i.
inline char32_t next_cp(std::string_view s, size_t& i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  char32_t c;
  int extra;
  if (b >= 0xF0) {
    c = b & 0x07;
    extra = 3;
  } else if (b >= 0xE0) {
    c = b & 0x0F;
    extra = 2;
  } else {
    c = b & 0x1F;
    extra = 1;
  }
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i)
    c = (c << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return c;
}

// Decodes the code point ending just before s[i] and moves i to its start.
inline char32_t prev_cp(std::string_view s, size_t& i) {
  size_t j = i - 1;
  while (j > 0 && is_cont(static_cast<unsigned char>(s[j]))) --j;
  size_t k = j;
  char32_t c = next_cp(s, k);
  i = j;
  return c;
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

template <bool kUtf8>
inline char32_t next_char(std::string_view s, size_t& i) {
  if constexpr (kUtf8) {
    return next_cp(s, i);
  } else {
    return static_cast<unsigned char>(s[i++]);
  }
}

template <bool kUtf8>
inline char32_t prev_char(std::string_view s, size_t& i) {
  if constexpr (kUtf8) {
    return prev_cp(s, i);
  } else {
    return static_cast<unsigned char>(s[--i]);
  }
}

// ---- searching ----------------------------------------------------------------

// First match of `needle` starting in [from, to - needle.size()], or npos.
inline size_t find(std::string_view hay, std::string_view needle, size_t from, size_t to) {
  if (from > to || to - from < needle.size()) return npos;
  size_t r = hay.substr(0, to).find(needle, from);
  return r;
}

inline size_t rfind(std::string_view hay, std::string_view needle, size_t from, size_t to) {
  if (from > to || to - from < needle.size()) return npos;
  size_t r = hay.substr(0, to).rfind(needle);
  if (r == npos || r < from) return npos;
  return r;
}

// Non-overlapping occurrences in [from, to); needle non-empty.
inline int64_t count(std::string_view hay, std::string_view needle, size_t from, size_t to,
                     int64_t limit = INT64_MAX) {
  int64_t n = 0;
  if (from > to) return 0;
  std::string_view h = hay.substr(0, to);
  if (needle.size() == 1) {
    char c = needle[0];
    for (size_t i = from; i < h.size() && n < limit; ++i) n += h[i] == c;
    return n;
  }
  size_t i = from;
  while (n < limit) {
    size_t r = h.find(needle, i);
    if (r == npos) break;
    ++n;
    i = r + needle.size();
  }
  return n;
}

// Replaces up to `limit` non-empty `old` occurrences (limit < 0: all).
inline std::string replace(VM& vm, std::string_view s, std::string_view old, std::string_view rep,
                           int64_t limit) {
  int64_t n = count(s, old, 0, s.size(), limit < 0 ? INT64_MAX : limit);
  std::string out;
  uint64_t size = s.size() + static_cast<uint64_t>(n) * rep.size();
  if (rep.size() > old.size()) vm.check_alloc(size);
  out.reserve(s.size() - n * old.size() + n * rep.size());
  size_t i = 0;
  for (int64_t k = 0; k < n; ++k) {
    size_t r = s.find(old, i);
    out.append(s.substr(i, r - i));
    out.append(rep);
    i = r + old.size();
  }
  out.append(s.substr(i));
  return out;
}

// ---- splitting ----------------------------------------------------------------

struct Piece {
  size_t begin, end;  // byte offsets
};

// s.split(sep, maxsplit) with a non-empty separator.
inline void split_sep(std::string_view s, std::string_view sep, int64_t maxsplit,
                      std::vector<Piece>& out) {
  size_t i = 0;
  while (maxsplit != 0) {
    size_t r = s.find(sep, i);
    if (r == npos) break;
    out.push_back({i, r});
    i = r + sep.size();
    if (maxsplit > 0) --maxsplit;
  }
  out.push_back({i, s.size()});
}

// s.rsplit(sep, maxsplit); pieces come out in left-to-right order.
inline void rsplit_sep(std::string_view s, std::string_view sep, int64_t maxsplit,
                       std::vector<Piece>& out) {
  size_t j = s.size();
  std::vector<Piece> rev;
  while (maxsplit != 0 && j >= sep.size()) {
    size_t r = s.substr(0, j).rfind(sep);
    if (r == npos) break;
    rev.push_back({r + sep.size(), j});
    j = r;
    if (maxsplit > 0) --maxsplit;
  }
  rev.push_back({0, j});
  out.assign(rev.rbegin(), rev.rend());
}

// s.split() on runs of whitespace, as decided by `is_space`.
template <bool kUtf8, typename IsSpace>
inline void split_ws(std::string_view s, int64_t maxsplit, IsSpace is_space,
                     std::vector<Piece>& out) {
  size_t i = 0, n = s.size();
  while (true) {
    // skip whitespace
    while (i < n) {
      size_t k = i;
      if (!is_space(next_char<kUtf8>(s, k))) break;
      i = k;
    }
    if (i >= n) return;
    if (maxsplit == 0) {
      // The rest, trailing whitespace included (CPython keeps it).
      out.push_back({i, n});
      return;
    }
    size_t start = i;
    while (i < n) {
      size_t k = i;
      if (is_space(next_char<kUtf8>(s, k))) break;
      i = k;
    }
    out.push_back({start, i});
    if (maxsplit > 0) --maxsplit;
  }
}

template <bool kUtf8, typename IsSpace>
inline void rsplit_ws(std::string_view s, int64_t maxsplit, IsSpace is_space,
                      std::vector<Piece>& out) {
  std::vector<Piece> rev;
  size_t j = s.size();
  while (true) {
    while (j > 0) {
      size_t k = j;
      if (!is_space(prev_char<kUtf8>(s, k))) break;
      j = k;
    }
    if (j == 0) break;
    if (maxsplit == 0) {
      rev.push_back({0, j});  // leading whitespace kept, as in CPython
      break;
    }
    size_t end = j;
    while (j > 0) {
      size_t k = j;
      if (is_space(prev_char<kUtf8>(s, k))) break;
      j = k;
    }
    rev.push_back({j, end});
    if (maxsplit > 0) --maxsplit;
  }
  out.assign(rev.rbegin(), rev.rend());
}

// Strips characters matching `pred` from the left (mode & 1) and/or right (mode & 2).
template <bool kUtf8, typename Pred>
inline Piece strip(std::string_view s, int mode, Pred pred) {
  size_t i = 0, j = s.size();
  if (mode & 1) {
    while (i < j) {
      size_t k = i;
      if (!pred(next_char<kUtf8>(s, k))) break;
      i = k;
    }
  }
  if (mode & 2) {
    while (j > i) {
      size_t k = j;
      if (!pred(prev_char<kUtf8>(s, k))) break;
      j = k;
    }
  }
  return {i, j};
}

// Parses the optional (start, end) arguments of find/count/startswith/...
// CPython's rules: None means absent, other values go through __index__
// ("slice indices must be integers or None or have an __index__ method"),
// then both are clamped like a slice of a sequence of `length` items.
void slice_bounds(VM& vm, const CallArgs& args, size_t first, int64_t length, int64_t* start,
                  int64_t* end);

// ---- implemented in str_format.cpp ----------------------------------------------
// printf-style formatting shared by str % args (UTF-8) and bytes % args.
std::string percent_format(VM& vm, std::string_view fmt, Value args, bool bytes);
Value str_method_format(VM& vm, CallArgs& args);
Value str_method_format_map(VM& vm, CallArgs& args);

// ---- codecs shared by str.encode / bytes.decode / str() / bytes() ---------------
enum class Codec : uint8_t { Utf8, Ascii, Latin1 };
// Resolves an encoding name like CPython's codec registry does for the
// encodings supported here; LookupError "unknown encoding: <name>" otherwise.
Codec lookup_codec(VM& vm, std::string_view name);
std::string encode_text(VM& vm, std::string_view utf8, Codec codec, std::string_view errors);
std::string decode_bytes(VM& vm, std::string_view raw, Codec codec, std::string_view errors);
// Reads the `encoding`/`errors` argument values (Undef: default), with
// CPython's "<fname>() argument 'encoding' must be str, not int" checks.
std::string_view codec_arg(VM& vm, Value v, std::string_view fname, const char* argname,
                           std::string_view dflt);

// The ASCII escaping of ascii(): non-ASCII code points of `utf8` become
// \xNN, \uNNNN or \UNNNNNNNN.
std::string ascii_escape(std::string_view utf8);

// bind_args for builtins taking keywords: an unknown keyword is reported the
// way CPython's Argument Clinic does ("'x' is an invalid keyword argument for
// split()") rather than the Python-function wording.
void bind_builtin(VM& vm, const CallArgs& args, const char* fname,
                  std::initializer_list<const char*> names, size_t required, size_t posonly,
                  Value* out);

// Argument-count checks with the exact wordings CPython's different
// calling conventions produce.
// "str.upper() takes no arguments (1 given)"
void expect_no_args(VM& vm, const CallArgs& args, const char* qualname);
// "str.zfill() takes exactly one argument (0 given)"
void expect_one_arg(VM& vm, const CallArgs& args, const char* qualname);
// Old style: "find() takes at least 1 argument (0 given)"
void expect_args_old(VM& vm, const CallArgs& args, const char* qualname, size_t min, size_t max);
// Clinic style: "center expected at least 1 argument, got 0"
void expect_args_new(VM& vm, const CallArgs& args, const char* qualname, size_t min, size_t max);

}  // namespace monty::text
