// `monty`: runs a Python file (or -c CODE) with the native interpreter, and
// drives paused executions and REPL sessions from the shell.
//
// The CLI is the only place with OS access: it reads the script, snapshot
// and session files, turns `--input NAME=JSON` into values, supplies the
// clock for --max-duration and writes what the program prints. Plain runs behave
// like `python3 FILE` where the two overlap (exit status 1 and CPython's
// traceback text on stderr for an uncaught exception, exit status 2 for usage
// errors and unreadable files), so the language tests can run the same
// programs through both. `start`, `resume` and `repl` are monty's own.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_input.h"
#include "json_output.h"
#include "monty/monty.h"

#ifndef MONTY_VERSION
#define MONTY_VERSION "0.0.0"
#endif

namespace {

constexpr int kExitOk = 0;
constexpr int kExitException = 1;  // like python3: uncaught exception or SyntaxError
constexpr int kExitUsage = 2;      // like python3: bad arguments, unreadable files
constexpr int kExitPaused = 3;     // start/resume: the program waits for the host

constexpr const char* kUsageLine =
    "usage: monty [option] ... (-c cmd | file | -)\n"
    "       monty start [option] ... (-c cmd | file | -)\n"
    "       monty resume SNAPSHOT (--value JSON | --error TYPE:MESSAGE | --undefined | --defer |\n"
    "                              --resolve ID=JSON ... | --reject ID=TYPE:MESSAGE ... |\n"
    "                              --let-time-pass) [option] ...\n"
    "       monty repl [--session FILE] [-c cmd] [option] ...\n";

constexpr const char* kHelp =
    "usage: monty [option] ... (-c cmd | file | -)\n"
    "       monty start [option] ... (-c cmd | file | -)\n"
    "       monty resume SNAPSHOT (--value JSON | --error TYPE:MESSAGE | --undefined | --defer |\n"
    "                              --resolve ID=JSON ... | --reject ID=TYPE:MESSAGE ... |\n"
    "                              --let-time-pass) [option] ...\n"
    "       monty repl [--session FILE] [-c cmd] [option] ...\n"
    "Run a Python program with monty, a sandboxed Python 3.11-subset interpreter.\n"
    "\n"
    "Running a program (monty FILE, and monty start FILE):\n"
    "  file                     program read from a file ('-' reads stdin)\n"
    "  -c cmd                   program passed as a string\n"
    "  --input NAME=VALUE       declare input variable NAME (repeatable); VALUE is\n"
    "                           JSON (null, true, 12, 1.5, \"s\", [..], {..}), or\n"
    "                           taken as a plain str when it is not valid JSON\n"
    "Limits (monty FILE, start, repl; a resumed run keeps the limits it started with):\n"
    "  --max-recursion N        Python call depth limit (default 1000)\n"
    "  --max-memory BYTES       live heap limit; suffixes K, M, G (x1024) allowed\n"
    "  --max-duration MS        time limit in milliseconds of interpreter time\n"
    "  --max-instructions N     instruction budget (deterministic on every machine)\n"
    "  --max-allocations N      heap allocation budget\n"
    "  --safe                   start from the defaults for untrusted code (64M\n"
    "                           memory, 10000 ms, depth 1000); other limit options\n"
    "                           given as well override single limits\n"
    "\n"
    "Pausing (monty start, monty resume):\n"
    "  start runs the program until it calls an external function (a pause), or\n"
    "  to its end. The program's output goes to stdout and stderr as usual; then\n"
    "  ONE status line of JSON is written as the last line of stdout (after a\n"
    "  newline if the program's output did not end with one), or to --status FILE:\n"
    "    {\"kind\": \"call\", \"function\": \"fetch\", \"args\": [..], \"kwargs\": {..}, "
    "\"call_id\": 1}\n"
    "    {\"kind\": \"name_lookup\", \"name\": \"x\", \"call_id\": 2}\n"
    "    {\"kind\": \"yield\", \"call_id\": 3}       (time slice, --pause-every)\n"
    "    {\"kind\": \"wait\", \"waiting\": [1, 2], \"timeout\": 0.5, \"call_id\": 4}\n"
    "                  (asyncio's loop waits for deferred calls; timeout: seconds to\n"
    "                  its next timer, or null)\n"
    "    {\"kind\": \"complete\", \"value\": ..}     (the last expression's value)\n"
    "    {\"kind\": \"error\", \"type\": \"ValueError\", \"message\": \"..\"}\n"
    "  --extern NAME            NAME is an external (host) function (repeatable)\n"
    "  --pause-on-undefined     an undefined global name pauses (name_lookup)\n"
    "                           instead of raising NameError\n"
    "  --pause-every N          pause (yield) every N instructions\n"
    "  --snapshot FILE          on a pause, write the paused state to FILE\n"
    "  --status FILE            write the status line to FILE, not stdout\n"
    "  resume continues a snapshot in a new process with the answer to its pause:\n"
    "  --value JSON             the call's result (JSON, or a plain str if not JSON)\n"
    "  --error TYPE:MESSAGE     raise TYPE(MESSAGE) at the call site\n"
    "  --undefined              name_lookup only: the name stays undefined (NameError)\n"
    "  --awaitable              with --value/--error: the host function is async;\n"
    "                           while asyncio's loop runs, the call gives a finished\n"
    "                           asyncio Future (so `await fetch(x)` works)\n"
    "  --defer                  answer a call later: it gives a pending asyncio\n"
    "                           Future and the program runs on (only for calls made\n"
    "                           inside asyncio's loop: their status line says\n"
    "                           \"in_event_loop\": true); when every task waits,\n"
    "                           the program pauses with kind \"wait\"\n"
    "  --resolve ID=JSON        wait only: deferred call ID returned JSON (repeatable)\n"
    "  --reject ID=TYPE:MESSAGE wait only: deferred call ID raised TYPE(MESSAGE)\n"
    "  --let-time-pass          wait only: no call finished before the timeout; the\n"
    "                           loop's clock moves to its next timer\n"
    "  and accepts --snapshot FILE (the next pause; may be SNAPSHOT itself) and\n"
    "  --status FILE. A snapshot can be resumed any number of times.\n"
    "\n"
    "REPL (monty repl): reads snippets from stdin; prints the repr() of each\n"
    "expression's value like python3; prompts '>>> ' and '... ' on a terminal.\n"
    "A snippet that raises prints its traceback and the session goes on.\n"
    "  --session FILE           keep the session in FILE across processes: load it\n"
    "                           if it exists (else start a new one), write it back\n"
    "                           at exit, also after errors. The limits are those the\n"
    "                           session was created with; limit options given when\n"
    "                           FILE exists are an error\n"
    "  -c cmd                   run one snippet instead of reading stdin; exit\n"
    "                           status 1 if it raises (the session is kept)\n"
    "\n"
    "  -h, --help               show this help and exit\n"
    "  --version                show the version and exit\n"
    "Options may also be written --name=value. '--' ends options.\n"
    "\n"
    "Exit status: 0 on success, 1 on an uncaught exception (traceback on stderr),\n"
    "2 on a usage error or an unreadable file or snapshot, 3 when start/resume\n"
    "leaves the program paused.\n";

enum class Mode { Run, Start, Resume, Repl };

struct Options {
  Mode mode = Mode::Run;
  std::optional<std::string> code;  // -c
  std::optional<std::string> path;  // file or "-"; resume: the snapshot
  std::vector<std::string> input_names;
  std::vector<monty::Object> input_values;
  std::vector<std::string> externs;
  bool pause_on_undefined = false;
  monty::Limits limits;
  bool limits_given = false;
  std::optional<std::string> snapshot_out;
  std::optional<std::string> status_out;
  std::optional<std::string> session;  // repl --session FILE
  // resume: exactly one answer.
  std::optional<monty::Object> value;
  std::optional<std::pair<std::string, std::string>> error;
  bool undefined = false;
  bool awaitable = false;                  // resume: the answer of an async host function
  bool defer = false;                      // resume: answer the call later
  std::vector<monty::CallResult> results;  // resume: answers to deferred calls
  bool let_time_pass = false;              // resume: a wait's timeout passed
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

// Parses a JSON value as --input and --value take it: JSON, or the text
// itself as a str when it is not JSON (so `--value Ada` needs no quotes).
std::optional<monty::Object> parse_value(std::string_view text, const std::string& what,
                                         std::string* error) {
  monty_cli::JsonParse json = monty_cli::parse_json(text);
  if (json.status == monty_cli::JsonParse::Status::TooDeep) {
    *error = what + ": JSON " + json.error;
    return std::nullopt;
  }
  if (json.status == monty_cli::JsonParse::Status::Ok) return std::move(json.value);
  if (!monty_cli::is_valid_utf8(text)) {
    *error = what + ": value is not valid UTF-8";
    return std::nullopt;
  }
  return monty::Object::str(std::string(text));
}

ParsedArgs parse_args(int argc, char** argv) {
  ParsedArgs parsed;
  Options opts;
  const auto fail = [&](const std::string& message) {
    parsed.exit_code = usage_error(message);
    return parsed;
  };

  int first = 1;
  if (argc > 1) {
    const std::string_view sub = argv[1];
    if (sub == "start") opts.mode = Mode::Start;
    if (sub == "resume") opts.mode = Mode::Resume;
    if (sub == "repl") opts.mode = Mode::Repl;
    if (opts.mode != Mode::Run) first = 2;
  }
  const bool runs_source = opts.mode == Mode::Run || opts.mode == Mode::Start;
  const bool takes_limits = opts.mode != Mode::Resume;
  const bool pauses = opts.mode == Mode::Start || opts.mode == Mode::Resume;

  // Limits given on the command line, applied over the base at the end so
  // `--safe` and single limits combine in any order.
  bool safe = false;
  std::optional<uint32_t> max_recursion;
  std::optional<uint64_t> max_memory, max_instructions, max_allocations, pause_every;
  std::optional<double> max_duration;

  bool options_ended = false;
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    const bool is_option = !options_ended && arg.size() > 1 && arg[0] == '-';
    if (!is_option) {
      if (opts.mode == Mode::Repl) return fail("unexpected argument '" + std::string(arg) + "'");
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
    if ((runs_source || opts.mode == Mode::Repl) && arg.substr(0, 2) == "-c") {
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

    // Flags without a value.
    if (arg == "--pause-on-undefined" && opts.mode == Mode::Start) {
      opts.pause_on_undefined = true;
      continue;
    }
    if (arg == "--undefined" && opts.mode == Mode::Resume) {
      opts.undefined = true;
      continue;
    }
    if (arg == "--awaitable" && opts.mode == Mode::Resume) {
      opts.awaitable = true;
      continue;
    }
    if (arg == "--defer" && opts.mode == Mode::Resume) {
      opts.defer = true;
      continue;
    }
    if (arg == "--let-time-pass" && opts.mode == Mode::Resume) {
      opts.let_time_pass = true;
      continue;
    }
    if (arg == "--safe" && takes_limits) {
      safe = true;
      continue;
    }

    // Long options with a value: "--name value" or "--name=value".
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos && arg.substr(0, 2) == "--") {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const bool is_limit = name == "--max-recursion" || name == "--max-memory" ||
                          name == "--max-instructions" || name == "--max-allocations" ||
                          name == "--max-duration";
    const bool known =
        (runs_source && name == "--input") || (takes_limits && is_limit) ||
        (opts.mode == Mode::Start && (name == "--extern" || name == "--pause-every")) ||
        (pauses && (name == "--snapshot" || name == "--status")) ||
        (opts.mode == Mode::Resume &&
         (name == "--value" || name == "--error" || name == "--resolve" || name == "--reject")) ||
        (opts.mode == Mode::Repl && name == "--session");
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
      if (!looks_like_identifier(input_name)) {
        return fail("--input name '" + input_name + "' is not a valid Python identifier");
      }
      for (const std::string& seen : opts.input_names) {
        if (seen == input_name) return fail("--input " + input_name + " given more than once");
      }
      std::string error;
      std::optional<monty::Object> v =
          parse_value(value->substr(eq + 1), "--input " + input_name, &error);
      if (!v) return fail(error);
      opts.input_values.push_back(std::move(*v));
      opts.input_names.push_back(input_name);
      continue;
    }
    if (name == "--extern") {
      const std::string fn(*value);
      if (!looks_like_identifier(fn))
        return fail("--extern name '" + fn + "' is not a valid Python identifier");
      for (const std::string& seen : opts.externs) {
        if (seen == fn) return fail("--extern " + fn + " given more than once");
      }
      opts.externs.push_back(fn);
      continue;
    }
    if (name == "--snapshot" || name == "--status" || name == "--session") {
      if (value->empty()) return fail(std::string(name) + " expects a file name");
      (name == "--snapshot" ? opts.snapshot_out
       : name == "--status" ? opts.status_out
                            : opts.session) = std::string(*value);
      continue;
    }
    if (name == "--value") {
      if (opts.value) return fail("--value given more than once");
      std::string error;
      opts.value = parse_value(*value, "--value", &error);
      if (!opts.value) return fail(error);
      continue;
    }
    if (name == "--resolve" || name == "--reject") {
      const std::string flag(name);
      const size_t eq = value->find('=');
      std::optional<uint64_t> id =
          eq == std::string_view::npos ? std::nullopt : parse_count(value->substr(0, eq), false);
      if (!id || *id == 0) {
        return fail(flag + " expects ID=" + (name == "--resolve" ? "JSON" : "TYPE:MESSAGE") +
                    " with ID a call_id, got '" + std::string(*value) + "'");
      }
      for (const monty::CallResult& r : opts.results) {
        if (r.call_id == *id)
          return fail("call " + std::to_string(*id) + " answered more than once");
      }
      const std::string_view rest = value->substr(eq + 1);
      if (name == "--resolve") {
        std::string error;
        std::optional<monty::Object> v = parse_value(rest, flag, &error);
        if (!v) return fail(error);
        opts.results.push_back(monty::CallResult::ok(*id, std::move(*v)));
        continue;
      }
      const size_t colon = rest.find(':');
      const std::string type(rest.substr(0, colon));
      if (!looks_like_identifier(type)) {
        return fail("--reject expects ID=TYPE:MESSAGE with TYPE an exception name, got '" +
                    std::string(*value) + "'");
      }
      const std::string message(colon == std::string_view::npos ? std::string_view()
                                                                : rest.substr(colon + 1));
      if (!monty_cli::is_valid_utf8(message)) return fail("--reject: message is not valid UTF-8");
      opts.results.push_back(monty::CallResult::error(*id, type, message));
      continue;
    }
    if (name == "--error") {
      const size_t colon = value->find(':');
      const std::string type(value->substr(0, colon));
      if (!looks_like_identifier(type)) {
        return fail("--error expects TYPE:MESSAGE with TYPE an exception name, got '" +
                    std::string(*value) + "'");
      }
      if (opts.error) return fail("--error given more than once");
      const std::string message(colon == std::string_view::npos ? std::string_view()
                                                                : value->substr(colon + 1));
      if (!monty_cli::is_valid_utf8(message)) return fail("--error: message is not valid UTF-8");
      opts.error.emplace(type, message);
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
      max_recursion = static_cast<uint32_t>(*n);
    } else if (is_memory) {
      max_memory = *n;
    } else if (name == "--max-instructions") {
      max_instructions = *n;
    } else if (name == "--max-duration") {
      // Milliseconds as a count keeps parsing exact; 2^53 ms is 285 000 years.
      if (*n > (uint64_t{1} << 53)) return fail("--max-duration is too large");
      max_duration = static_cast<double>(*n);
    } else if (name == "--pause-every") {
      if (*n == 0) return fail("--pause-every must be at least 1");
      pause_every = *n;
    } else {
      max_allocations = *n;
    }
  }

  opts.limits_given = safe || max_recursion || max_memory || max_instructions || max_allocations ||
                      max_duration || pause_every;
  if (safe) opts.limits = monty::Limits::safe_defaults();
  if (max_recursion) opts.limits.max_recursion_depth = *max_recursion;
  if (max_memory) opts.limits.max_memory = max_memory;
  if (max_instructions) opts.limits.max_instructions = max_instructions;
  if (max_allocations) opts.limits.max_allocations = max_allocations;
  if (max_duration) opts.limits.max_duration_ms = max_duration;
  if (pause_every) opts.limits.pause_every_instructions = pause_every;

  if (runs_source && !opts.code && !opts.path)
    return fail("no program given (a file, '-' or -c cmd)");
  if (opts.mode == Mode::Resume) {
    if (!opts.path) return fail("resume: no snapshot file given");
    const int answers = (opts.value ? 1 : 0) + (opts.error ? 1 : 0) + (opts.undefined ? 1 : 0) +
                        (opts.defer ? 1 : 0) + (opts.let_time_pass ? 1 : 0) +
                        (opts.results.empty() ? 0 : 1);
    if (answers != 1) {
      return fail(
          "resume needs exactly one answer: --value, --error, --undefined, --defer, "
          "--let-time-pass, or any number of --resolve/--reject");
    }
    if (opts.awaitable && !opts.value && !opts.error)
      return fail("--awaitable goes with --value or --error");
  }
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

// Reads a whole file; on failure returns nullopt with errno set.
std::optional<std::string> read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::optional<std::string> data = read_all(f);  // a directory opens but fails here with EISDIR
  const int saved = errno;
  std::fclose(f);
  errno = saved;
  return data;
}

// Writes `data` to `path` through a temporary file renamed into place, so a
// reader never sees half a snapshot and `--snapshot` may name the snapshot
// being resumed. On failure returns false with errno set.
bool write_file(const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return false;
  const bool written = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  int saved = errno;
  if (std::fclose(f) != 0 && written) saved = errno;
  if (!written || std::rename(tmp.c_str(), path.c_str()) != 0) {
    if (written) saved = errno;
    std::remove(tmp.c_str());
    errno = saved;
    return false;
  }
  return true;
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

// Whether the last byte written to stdout was a newline (or nothing was
// written), so the status line of start/resume always starts a line.
bool stdout_at_line_start = true;

// stderr writes flush stdout first, so a pipe sees the two streams in the
// order the program produced them while stdout itself stays block-buffered.
void print_sink(monty::Stream stream, std::string_view text) {
  if (stream == monty::Stream::Stderr) {
    std::fflush(stdout);
    write_all(stderr, text);
  } else {
    write_all(stdout, text);
    if (!text.empty()) stdout_at_line_start = text.back() == '\n';
  }
}

// The host clock for --max-duration: monotonic, in milliseconds. Core never
// reads a clock itself; only time spent inside the interpreter is counted.
double monotonic_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

monty::Host cli_host() { return monty::Host{print_sink, monotonic_ms}; }

// Reads the program named by the options; nullopt after printing the error
// (status in *status).
std::optional<std::string> read_program(const Options& opts, std::string* script_name,
                                        int* status) {
  std::string source;
  if (opts.code) {
    source = *opts.code;
    *script_name = "<string>";
  } else if (*opts.path == "-") {
    std::optional<std::string> data = read_all(stdin);
    if (!data) {
      std::fprintf(stderr, "monty: can't read stdin: [Errno %d] %s\n", errno, std::strerror(errno));
      *status = kExitUsage;
      return std::nullopt;
    }
    source = std::move(*data);
    *script_name = "<stdin>";
  } else {
    *script_name = script_display_name(*opts.path);
    std::optional<std::string> data = read_file(*opts.path);
    if (!data) {
      std::fprintf(stderr, "monty: can't open file '%s': [Errno %d] %s\n", script_name->c_str(),
                   errno, std::strerror(errno));
      *status = kExitUsage;
      return std::nullopt;
    }
    source = std::move(*data);
  }
  // Like CPython: a UTF-8 byte order mark is skipped; other non-UTF-8 source is a SyntaxError
  // (core only ever sees valid UTF-8 text).
  if (source.compare(0, 3, "\xEF\xBB\xBF") == 0) source.erase(0, 3);
  if (std::optional<std::string> err = non_utf8_error(source, *script_name)) {
    write_all(stderr, *err);
    *status = kExitException;
    return std::nullopt;
  }
  return source;
}

// Writes the status line of start/resume (see kHelp) to --status FILE or as
// the last line of stdout. Returns false if the file cannot be written.
bool emit_status(const Options& opts, const std::string& json) {
  if (opts.status_out) {
    if (!write_file(*opts.status_out, json + "\n")) {
      std::fprintf(stderr, "monty: can't write status file '%s': [Errno %d] %s\n",
                   opts.status_out->c_str(), errno, std::strerror(errno));
      return false;
    }
    return true;
  }
  if (!stdout_at_line_start) write_all(stdout, "\n");
  write_all(stdout, json);
  write_all(stdout, "\n");
  stdout_at_line_start = true;
  return true;
}

std::string pending_json(const monty::PendingCall& pc) {
  using Kind = monty::PendingCall::Kind;
  const std::string id = std::to_string(pc.call_id);
  switch (pc.kind) {
    case Kind::FunctionCall: {
      std::string kwargs = "{";
      for (size_t i = 0; i < pc.kwargs.size(); ++i) {
        if (i > 0) kwargs += ", ";
        kwargs += monty_cli::json_string(pc.kwargs[i].first) + ": " +
                  monty_cli::to_json(pc.kwargs[i].second);
      }
      kwargs += "}";
      return "{\"kind\": \"call\", \"function\": " + monty_cli::json_string(pc.function_name) +
             ", \"args\": " + monty_cli::to_json(monty::Object::list(pc.args)) +
             ", \"kwargs\": " + kwargs + ", \"call_id\": " + id +
             (pc.in_event_loop ? ", \"in_event_loop\": true}" : "}");
    }
    case Kind::NameLookup:
      return "{\"kind\": \"name_lookup\", \"name\": " + monty_cli::json_string(pc.function_name) +
             ", \"call_id\": " + id + "}";
    case Kind::Yield:
      return "{\"kind\": \"yield\", \"call_id\": " + id + "}";
    case Kind::Wait: {
      std::string waiting;
      for (uint64_t w : pc.waiting) waiting += (waiting.empty() ? "" : ", ") + std::to_string(w);
      return "{\"kind\": \"wait\", \"waiting\": [" + waiting + "], \"timeout\": " +
             (pc.timeout ? monty_cli::to_json(monty::Object::floating(*pc.timeout)) : "null") +
             ", \"call_id\": " + id + "}";
    }
  }
  return "{}";
}

// Reports an uncaught exception the way python3 does (traceback on stderr,
// SystemExit's status); returns the exit status.
int report_exception(const monty::Exception& e) {
  std::fflush(stdout);
  if (e.type == "SystemExit") return system_exit_status(e);
  write_all(stderr, e.formatted);
  return kExitException;
}

// What start and resume do with the result of a run segment: print the
// status line, write the snapshot of a pause, pick the exit status.
int finish_segment(const Options& opts, monty::Outcome<monty::Progress>& progress) {
  if (!progress) {
    const monty::Exception& e = progress.error();
    const int status = report_exception(e);
    const std::string json = "{\"kind\": \"error\", \"type\": " + monty_cli::json_string(e.type) +
                             ", \"message\": " + monty_cli::json_string(e.message) + "}";
    if (!emit_status(opts, json)) return kExitUsage;
    return status;
  }
  if (progress->is_complete()) {
    const std::string json =
        "{\"kind\": \"complete\", \"value\": " + monty_cli::to_json(progress->output()) + "}";
    return emit_status(opts, json) ? kExitOk : kExitUsage;
  }
  monty::Snapshot& snapshot = progress->snapshot();
  if (opts.snapshot_out) {
    std::vector<uint8_t> bytes = snapshot.dump();
    if (bytes.empty()) {
      std::fflush(stdout);
      std::fprintf(stderr, "monty: snapshots are not available in this build\n");
      return kExitUsage;
    }
    if (!write_file(*opts.snapshot_out,
                    std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()))) {
      std::fflush(stdout);
      std::fprintf(stderr, "monty: can't write snapshot '%s': [Errno %d] %s\n",
                   opts.snapshot_out->c_str(), errno, std::strerror(errno));
      return kExitUsage;
    }
  }
  return emit_status(opts, pending_json(snapshot.pending())) ? kExitPaused : kExitUsage;
}

int run_program(const Options& opts) {
  std::string script_name;
  int status = kExitOk;
  std::optional<std::string> source = read_program(opts, &script_name, &status);
  if (!source) return status;

  monty::Outcome<monty::Runner> runner =
      monty::Runner::create(*source, script_name, opts.input_names, opts.externs);
  if (!runner) {
    write_all(stderr, runner.error().formatted);
    if (opts.mode == Mode::Start) {
      const monty::Exception& e = runner.error();
      emit_status(opts, "{\"kind\": \"error\", \"type\": " + monty_cli::json_string(e.type) +
                            ", \"message\": " + monty_cli::json_string(e.message) + "}");
    }
    return kExitException;
  }
  monty::Outcome<monty::Progress> progress =
      runner->start(opts.input_values, opts.limits, cli_host(), opts.pause_on_undefined);
  if (opts.mode == Mode::Start) return finish_segment(opts, progress);

  // Plain run: python3's behaviour, no status line. Nothing can pause here
  // (no externals, no time slices).
  std::fflush(stdout);
  if (!progress) return report_exception(progress.error());
  return kExitOk;
}

int resume_snapshot(const Options& opts) {
  std::optional<std::string> data = read_file(*opts.path);
  if (!data) {
    std::fprintf(stderr, "monty: can't open snapshot '%s': [Errno %d] %s\n", opts.path->c_str(),
                 errno, std::strerror(errno));
    return kExitUsage;
  }
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(data->data()), data->size());
  monty::Outcome<std::unique_ptr<monty::Snapshot>> loaded =
      monty::Snapshot::load(bytes, cli_host());
  if (!loaded) {
    std::fprintf(stderr, "monty: invalid snapshot '%s': %s\n", opts.path->c_str(),
                 loaded.error().summary().c_str());
    return kExitUsage;
  }
  monty::Snapshot& snapshot = **loaded;
  const monty::PendingCall& pending = snapshot.pending();
  using Kind = monty::PendingCall::Kind;
  const char* waits_for = pending.kind == Kind::Yield        ? "yield"
                          : pending.kind == Kind::NameLookup ? "name_lookup"
                          : pending.kind == Kind::Wait       ? "wait"
                                                             : "call";
  if (opts.undefined && pending.kind != Kind::NameLookup) {
    return usage_error("--undefined answers a name_lookup pause; this snapshot waits for a " +
                       std::string(waits_for));
  }
  const bool answers_wait = opts.let_time_pass || !opts.results.empty();
  if (answers_wait != (pending.kind == Kind::Wait)) {
    return usage_error(answers_wait
                           ? "--resolve, --reject and --let-time-pass answer a wait pause; this "
                             "snapshot waits for a " +
                                 std::string(waits_for)
                           : "this snapshot waits for deferred calls (a wait): answer with "
                             "--resolve, --reject or --let-time-pass");
  }
  if (opts.defer && pending.kind != Kind::FunctionCall) {
    return usage_error("--defer answers a call; this snapshot waits for a " +
                       std::string(waits_for));
  }
  if (opts.defer && !pending.in_event_loop) {
    return usage_error("--defer: '" + pending.function_name +
                       "' was not called inside a running asyncio event loop; answer it with "
                       "--value or --error");
  }
  for (const monty::CallResult& r : opts.results) {
    if (std::find(pending.waiting.begin(), pending.waiting.end(), r.call_id) ==
        pending.waiting.end()) {
      return usage_error("call " + std::to_string(r.call_id) +
                         " is not one this snapshot waits for (see its \"waiting\" list)");
    }
  }
  if (opts.let_time_pass && !pending.timeout) {
    return usage_error(
        "--let-time-pass: the program has no timer to wait for; answer one of "
        "its calls with --resolve or --reject");
  }
  monty::Outcome<monty::Progress> progress =
      opts.value   ? snapshot.resume(*opts.value, opts.awaitable)
      : opts.error ? snapshot.resume_error(opts.error->first, opts.error->second, opts.awaitable)
      : opts.defer ? snapshot.defer()
      : opts.let_time_pass    ? snapshot.resolve({})
      : !opts.results.empty() ? snapshot.resolve(opts.results)
                              : snapshot.resume_undefined();
  return finish_segment(opts, progress);
}

// Whether the REPL must read more lines before `buffer` is a complete
// snippet, the way python3's prompt decides: inside brackets, a string or
// after a backslash it continues; a compound statement (a line ending in ':'
// or a decorator) continues until a blank line.
bool needs_more_lines(std::string_view buffer, std::string_view last_line) {
  int depth = 0;
  char quote = 0;       // open string's quote character
  bool triple = false;  // ... and whether it is triple-quoted
  bool block = !buffer.empty() && buffer[0] == '@';
  char last_significant = 0;  // on the current line, outside strings and comments
  for (size_t i = 0; i < buffer.size(); ++i) {
    const char c = buffer[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote && (!triple || buffer.substr(i, 3) == std::string(3, quote))) {
        if (triple) i += 2;
        quote = 0;
        last_significant = c;
      } else if (c == '\n' && !triple) {
        quote = 0;  // an unterminated one-line string: let the compiler report it
      }
      continue;
    }
    switch (c) {
      case '#':
        while (i + 1 < buffer.size() && buffer[i + 1] != '\n') ++i;
        break;
      case '\'':
      case '"':
        quote = c;
        triple = buffer.substr(i, 3) == std::string(3, c);
        if (triple) i += 2;
        break;
      case '(':
      case '[':
      case '{':
        ++depth;
        last_significant = c;
        break;
      case ')':
      case ']':
      case '}':
        --depth;
        last_significant = c;
        break;
      case '\\':
        if (i + 1 < buffer.size() && buffer[i + 1] == '\n') {
          ++i;  // explicit line joining
          if (i + 1 == buffer.size()) return true;
        }
        break;
      case '\n':
        if (depth <= 0 && last_significant == ':') block = true;
        last_significant = 0;
        break;
      case ' ':
      case '\t':
      case '\r':
      case '\f':
        break;
      default:
        last_significant = c;
    }
  }
  if (quote && triple) return true;
  if (depth > 0) return true;
  if (!block) return false;
  return last_line.find_first_not_of(" \t\r\f") != std::string_view::npos;
}

// Reads one line without its newline; nullopt at end of input.
std::optional<std::string> read_line(std::FILE* f) {
  std::string line;
  int c;
  while ((c = std::fgetc(f)) != EOF) {
    if (c == '\n') return line;
    line += static_cast<char>(c);
  }
  if (line.empty()) return std::nullopt;
  return line;
}

// The session of `monty repl`: loaded from --session FILE when that exists,
// else new. nullopt after printing the error (status in *status).
std::optional<monty::Repl> open_session(const Options& opts, int* status) {
  if (opts.session) {
    if (std::optional<std::string> data = read_file(*opts.session)) {
      if (opts.limits_given) {
        *status = usage_error("the session '" + *opts.session +
                              "' keeps the limits it was created with; give limit options only "
                              "when creating it");
        return std::nullopt;
      }
      std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(data->data()), data->size());
      monty::Outcome<monty::Repl> loaded = monty::Repl::load(bytes, cli_host());
      if (!loaded) {
        std::fprintf(stderr, "monty: invalid session '%s': %s\n", opts.session->c_str(),
                     loaded.error().summary().c_str());
        *status = kExitUsage;
        return std::nullopt;
      }
      return std::move(loaded.value());
    }
    if (errno != ENOENT) {
      std::fprintf(stderr, "monty: can't open session '%s': [Errno %d] %s\n", opts.session->c_str(),
                   errno, std::strerror(errno));
      *status = kExitUsage;
      return std::nullopt;
    }
  }
  monty::Outcome<monty::Repl> repl = monty::Repl::create("<stdin>", opts.limits, cli_host());
  if (!repl) {
    *status = report_exception(repl.error());
    return std::nullopt;
  }
  return std::move(repl.value());
}

// Writes the session back to --session FILE; returns `status`, or the usage
// status if the file cannot be written.
int save_session(const Options& opts, const monty::Repl& repl, int status) {
  if (!opts.session) return status;
  std::vector<uint8_t> bytes = repl.dump();
  if (!write_file(*opts.session,
                  std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()))) {
    std::fflush(stdout);
    std::fprintf(stderr, "monty: can't write session '%s': [Errno %d] %s\n", opts.session->c_str(),
                 errno, std::strerror(errno));
    return kExitUsage;
  }
  return status;
}

// Runs one snippet the way the prompt does: the repr of an expression's
// value on stdout, an error's traceback on stderr. Returns the status a
// one-snippet run (-c) exits with; *exit_now is set by SystemExit.
int feed_snippet(monty::Repl& repl, const std::string& snippet, bool* exit_now) {
  monty::Outcome<monty::Object> result = repl.feed(snippet);
  if (!result) {
    *exit_now = result.error().type == "SystemExit";
    return report_exception(result.error());
  }
  if (result->kind() != monty::Object::Kind::None) {
    print_sink(monty::Stream::Stdout, result->repr() + "\n");
  }
  return kExitOk;
}

int run_repl(const Options& opts) {
  int status = kExitOk;
  std::optional<monty::Repl> repl = open_session(opts, &status);
  if (!repl) return status;
  bool exit_now = false;
  if (opts.code) {
    if (!monty_cli::is_valid_utf8(*opts.code)) {
      std::fflush(stdout);
      write_all(stderr, "SyntaxError: input is not valid UTF-8\n");
      return save_session(opts, *repl, kExitException);
    }
    return save_session(opts, *repl, feed_snippet(*repl, *opts.code, &exit_now));
  }
  const bool interactive = ::isatty(STDIN_FILENO) != 0;
  std::string buffer;
  for (;;) {
    if (interactive) {
      std::fflush(stdout);
      write_all(stderr, buffer.empty() ? ">>> " : "... ");
      std::fflush(stderr);
    }
    std::optional<std::string> line = read_line(stdin);
    if (line && !monty_cli::is_valid_utf8(*line)) {
      std::fflush(stdout);
      write_all(stderr, "SyntaxError: input is not valid UTF-8\n");
      buffer.clear();
      continue;
    }
    if (line) {
      const bool blank = line->find_first_not_of(" \t\r\f") == std::string::npos;
      if (buffer.empty() && (blank || (*line)[line->find_first_not_of(" \t\r\f")] == '#')) continue;
      buffer += *line;
      buffer += '\n';
      if (needs_more_lines(buffer, *line)) continue;
    } else if (buffer.empty()) {
      if (interactive) write_all(stderr, "\n");
      return save_session(opts, *repl, kExitOk);
    }
    std::string snippet = std::move(buffer);
    buffer.clear();
    const int snippet_status = feed_snippet(*repl, snippet, &exit_now);
    if (exit_now) return save_session(opts, *repl, snippet_status);
    if (!line) return save_session(opts, *repl, kExitOk);
  }
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
  if (parsed.options) {
    switch (parsed.options->mode) {
      case Mode::Run:
      case Mode::Start:
        status = run_program(*parsed.options);
        break;
      case Mode::Resume:
        status = resume_snapshot(*parsed.options);
        break;
      case Mode::Repl:
        status = run_repl(*parsed.options);
        break;
    }
  }
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
