// `monty`: runs a Python file (or -c CODE) with the native interpreter.
//
// The CLI is the only place with OS access: it reads the script, turns
// `--input NAME=JSON` into values, sets limits and writes what the program
// prints. It behaves like `python3 FILE` where the two overlap (exit status 1
// and CPython's traceback text on stderr for an uncaught exception, exit
// status 2 for usage errors and unreadable files), so the language tests can
// run the same programs through both.
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_input.h"
#include "monty/monty.h"

#ifndef MONTY_VERSION
#define MONTY_VERSION "0.0.0"
#endif

namespace {

constexpr int kExitOk = 0;
constexpr int kExitException = 1;  // like python3: uncaught exception or SyntaxError
constexpr int kExitUsage = 2;      // like python3: bad arguments, unreadable script

constexpr const char* kUsageLine = "usage: monty [option] ... (-c cmd | file | -)\n";

constexpr const char* kHelp =
    "usage: monty [option] ... (-c cmd | file | -)\n"
    "Run a Python program with monty, a sandboxed Python 3.11-subset interpreter.\n"
    "\n"
    "  file                     program read from a file ('-' reads stdin)\n"
    "  -c cmd                   program passed as a string\n"
    "  --input NAME=VALUE       declare input variable NAME (repeatable); VALUE is\n"
    "                           JSON (null, true, 12, 1.5, \"s\", [..], {..}), or\n"
    "                           taken as a plain str when it is not valid JSON\n"
    "  --max-recursion N        Python call depth limit (default 1000)\n"
    "  --max-memory BYTES       live heap limit; suffixes K, M, G (x1024) allowed\n"
    "  --max-instructions N     bytecode instruction budget\n"
    "  --max-allocations N      heap allocation budget\n"
    "  -h, --help               show this help and exit\n"
    "  --version                show the version and exit\n"
    "\n"
    "Options may also be written --name=value. '--' ends options.\n"
    "Exit status: 0 on success, 1 on an uncaught exception (traceback on stderr),\n"
    "2 on a usage error or an unreadable file.\n";

struct Options {
  std::optional<std::string> code;  // -c
  std::optional<std::string> path;  // file or "-"
  std::vector<std::string> input_names;
  std::vector<monty::Object> input_values;
  monty::Limits limits;
};

// Either options to run with, or an exit status (help, version, usage error).
struct ParsedArgs {
  std::optional<Options> options;
  int exit_code = kExitOk;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "monty: %s\n%sTry 'monty -h' for more information.\n", message.c_str(),
               kUsageLine);
  return kExitUsage;
}

// Parses a non-negative decimal count; with `allow_suffix`, a trailing K/M/G
// multiplies by 1024^n (memory sizes are easier to read as "64M").
std::optional<uint64_t> parse_count(std::string_view text, bool allow_suffix) {
  uint64_t multiplier = 1;
  if (allow_suffix && !text.empty()) {
    switch (text.back()) {
      case 'k':
      case 'K':
        multiplier = uint64_t{1} << 10;
        break;
      case 'm':
      case 'M':
        multiplier = uint64_t{1} << 20;
        break;
      case 'g':
      case 'G':
        multiplier = uint64_t{1} << 30;
        break;
      default:
        break;
    }
    if (multiplier != 1) text.remove_suffix(1);
  }
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value > UINT64_MAX / multiplier) return std::nullopt;
  return value * multiplier;
}

// A Python identifier as far as the CLI can cheaply tell (ASCII letters,
// digits, '_', or any non-ASCII byte for Unicode names); the compiler has the
// final word on anything stranger.
bool looks_like_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
  }
  return monty_cli::is_valid_utf8(name);
}

ParsedArgs parse_args(int argc, char** argv) {
  ParsedArgs parsed;
  Options opts;
  const auto fail = [&](const std::string& message) {
    parsed.exit_code = usage_error(message);
    return parsed;
  };

  bool options_ended = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    const bool is_option = !options_ended && arg.size() > 1 && arg[0] == '-';
    if (!is_option) {
      if (opts.code || opts.path) return fail("unexpected argument '" + std::string(arg) + "'");
      opts.path = std::string(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(kHelp, stdout);
      parsed.exit_code = kExitOk;
      return parsed;
    }
    if (arg == "--version") {
      std::printf("monty %s (Python 3.11 subset)\n", MONTY_VERSION);
      parsed.exit_code = kExitOk;
      return parsed;
    }
    if (arg.substr(0, 2) == "-c") {
      std::string code;
      if (arg.size() > 2) {
        code = std::string(arg.substr(2));  // -cCODE, as python3 accepts
      } else if (i + 1 < argc) {
        code = argv[++i];
      } else {
        return fail("argument expected for the -c option");
      }
      if (opts.code || opts.path) return fail("more than one program given");
      opts.code = std::move(code);
      continue;
    }

    // Long options with a value: "--name value" or "--name=value".
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos && arg.substr(0, 2) == "--") {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const bool known = name == "--input" || name == "--max-recursion" || name == "--max-memory" ||
                       name == "--max-instructions" || name == "--max-allocations";
    if (!known) return fail("unknown option " + std::string(arg));
    if (!value) {
      if (i + 1 >= argc) return fail("argument expected for the " + std::string(name) + " option");
      value = std::string_view(argv[++i]);
    }

    if (name == "--input") {
      const size_t eq = value->find('=');
      if (eq == std::string_view::npos)
        return fail("--input expects NAME=VALUE, got '" + std::string(*value) + "'");
      const std::string input_name(value->substr(0, eq));
      const std::string_view text = value->substr(eq + 1);
      if (!looks_like_identifier(input_name)) {
        return fail("--input name '" + input_name + "' is not a valid Python identifier");
      }
      for (const std::string& seen : opts.input_names) {
        if (seen == input_name) return fail("--input " + input_name + " given more than once");
      }
      monty_cli::JsonParse json = monty_cli::parse_json(text);
      if (json.status == monty_cli::JsonParse::Status::TooDeep) {
        return fail("--input " + input_name + ": JSON " + json.error);
      }
      if (json.status == monty_cli::JsonParse::Status::Ok) {
        opts.input_values.push_back(std::move(json.value));
      } else if (monty_cli::is_valid_utf8(text)) {
        // Not JSON: the value is the text itself, so `--input name=Ada` works
        // without shell-quoting JSON string quotes.
        opts.input_values.push_back(monty::Object::str(std::string(text)));
      } else {
        return fail("--input " + input_name + ": value is not valid UTF-8");
      }
      opts.input_names.push_back(input_name);
      continue;
    }

    const bool is_memory = name == "--max-memory";
    std::optional<uint64_t> n = parse_count(*value, is_memory);
    if (!n) {
      return fail(std::string(name) + " expects a non-negative integer" +
                  (is_memory ? " (optionally with K, M or G)" : "") + ", got '" +
                  std::string(*value) + "'");
    }
    if (name == "--max-recursion") {
      if (*n == 0 || *n > UINT32_MAX) {
        return fail("--max-recursion must be between 1 and " + std::to_string(UINT32_MAX));
      }
      opts.limits.max_recursion_depth = static_cast<uint32_t>(*n);
    } else if (is_memory) {
      opts.limits.max_memory = *n;
    } else if (name == "--max-instructions") {
      opts.limits.max_instructions = *n;
    } else {
      opts.limits.max_allocations = *n;
    }
  }

  if (!opts.code && !opts.path) return fail("no program given (a file, '-' or -c cmd)");
  parsed.options = std::move(opts);
  return parsed;
}

// Reads all of `f`; on failure returns nullopt with errno set.
std::optional<std::string> read_all(std::FILE* f) {
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const size_t n = std::fread(buf, 1, sizeof buf, f);
    data.append(buf, n);
    if (n < sizeof buf) {
      if (std::ferror(f)) return std::nullopt;
      return data;
    }
  }
}

// CPython 3.11 names the main script by cwd + "/" + path as given, without
// normalising "." or "..", in tracebacks and in "can't open file".
std::string script_display_name(const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  std::vector<char> cwd(4096);
  while (::getcwd(cwd.data(), cwd.size()) == nullptr) {
    if (errno != ERANGE || cwd.size() > (1u << 20)) return path;  // keep going without it
    cwd.resize(cwd.size() * 2);
  }
  std::string full = cwd.data();
  if (full.empty() || full.back() != '/') full += '/';
  return full + path;
}

// CPython's message for a source file that is not UTF-8 (it has no File or
// caret lines). Returns nullopt if `source` is valid.
std::optional<std::string> non_utf8_error(std::string_view source, const std::string& name) {
  const size_t bad = monty_cli::first_invalid_utf8(source);
  if (bad == std::string_view::npos) return std::nullopt;
  size_t line = 1;
  for (size_t i = 0; i < bad; ++i) line += source[i] == '\n' ? 1 : 0;
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(source[bad]));
  return "SyntaxError: Non-UTF-8 code starting with '" + std::string(hex) + "' in file " + name +
         " on line " + std::to_string(line) +
         ", but no encoding declared; see https://peps.python.org/pep-0263/ for details\n";
}

void write_all(std::FILE* f, std::string_view text) {
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), f);
}

// stderr writes flush stdout first, so a pipe sees the two streams in the
// order the program produced them while stdout itself stays block-buffered.
void print_sink(monty::Stream stream, std::string_view text) {
  if (stream == monty::Stream::Stderr) {
    std::fflush(stdout);
    write_all(stderr, text);
  } else {
    write_all(stdout, text);
  }
}

// Same exit statuses as python3 for SystemExit, as far as its str() tells:
// no message -> 0, an integer -> that status, anything else -> printed, 1.
int system_exit_status(const monty::Exception& e) {
  const std::string& m = e.message;
  if (m.empty() || m == "None") return kExitOk;
  std::string_view digits = m;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.remove_prefix(1);
  if (std::optional<uint64_t> n = parse_count(digits, false)) {
    // The OS keeps the low 8 bits, as it does for python3's exit status.
    const uint64_t v = negative ? (0 - *n) : *n;
    return static_cast<int>(v & 0xFF);
  }
  std::fflush(stdout);
  write_all(stderr, m);
  write_all(stderr, "\n");
  return kExitException;
}

int run(Options& opts) {
  std::string source;
  std::string script_name;
  if (opts.code) {
    source = std::move(*opts.code);
    script_name = "<string>";
  } else if (*opts.path == "-") {
    std::optional<std::string> data = read_all(stdin);
    if (!data) {
      std::fprintf(stderr, "monty: can't read stdin: [Errno %d] %s\n", errno, std::strerror(errno));
      return kExitUsage;
    }
    source = std::move(*data);
    script_name = "<stdin>";
  } else {
    script_name = script_display_name(*opts.path);
    std::FILE* f = std::fopen(opts.path->c_str(), "rb");
    std::optional<std::string> data;
    if (f != nullptr) {
      data = read_all(f);  // a directory opens but fails here with EISDIR
      const int saved = errno;
      std::fclose(f);
      errno = saved;
    }
    if (!data) {
      std::fprintf(stderr, "monty: can't open file '%s': [Errno %d] %s\n", script_name.c_str(),
                   errno, std::strerror(errno));
      return kExitUsage;
    }
    source = std::move(*data);
  }

  // Like CPython: a UTF-8 byte order mark is skipped; other non-UTF-8 source is a SyntaxError
  // (core only ever sees valid UTF-8 text).
  if (source.compare(0, 3, "\xEF\xBB\xBF") == 0) source.erase(0, 3);
  if (std::optional<std::string> err = non_utf8_error(source, script_name)) {
    write_all(stderr, *err);
    return kExitException;
  }

  monty::Outcome<monty::Runner> runner =
      monty::Runner::create(source, script_name, opts.input_names, {});
  if (!runner) {
    write_all(stderr, runner.error().formatted);
    return kExitException;
  }
  monty::Outcome<monty::Object> result = runner->run(opts.input_values, opts.limits, print_sink);
  std::fflush(stdout);
  if (!result) {
    const monty::Exception& e = result.error();
    if (e.type == "SystemExit") return system_exit_status(e);
    write_all(stderr, e.formatted);
    return kExitException;
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // A terminal keeps the C library's line buffering, so interactive output
  // appears as printed; pipes and files get a large block buffer because
  // print-heavy programs are common (print_sink keeps stderr ordered).
  if (::isatty(STDOUT_FILENO) == 0) {
    static char stdout_buffer[1 << 16];
    std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
  }

  ParsedArgs parsed = parse_args(argc, argv);
  int status = parsed.exit_code;
  if (parsed.options) status = run(*parsed.options);
  // A full disk or closed pipe loses output: say so and fail (python3 uses
  // status 120 for this). ferror catches a failure of an earlier flush.
  errno = 0;
  if ((std::fflush(stdout) != 0 || std::ferror(stdout)) && status == kExitOk) {
    std::fprintf(stderr, "monty: error writing stdout%s%s\n", errno ? ": " : "",
                 errno ? std::strerror(errno) : "");
    status = 120;
  }
  return status;
}
