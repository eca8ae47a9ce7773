// The public C++ API of monty-wasm: compile Python source once into a Runner,
// then run it with inputs, limits and a print sink.
//
//   auto runner = monty::Runner::create(code, "fib.py", {"x"});
//   if (!runner) { std::cerr << runner.error().formatted(); }
//   auto result = runner->run({monty::Object::integer(10)});
//   // result.value() == Object::integer(55)
//
// Values cross this API as `Object`, a self-contained tree of plain data (no
// references into the interpreter's heap), which is also what crosses the
// wasm boundary (as MessagePack). Errors are values (`Exception`), never C++
// exceptions.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace monty {

// A Python value copied out of (or into) the interpreter.
class Object {
 public:
  enum class Kind : uint8_t {
    None,
    Bool,
    Int,     // fits in int64
    BigInt,  // text holds the decimal digits with optional '-'
    Float,
    Str,  // UTF-8
    Bytes,
    List,
    Tuple,
    Dict,  // items holds keys and values interleaved: k0, v0, k1, v1, ...
    Set,
    FrozenSet,
    Ellipsis,
    Repr,  // a value with no data mapping (function, class, ...): text is its repr()
  };

  Object() = default;
  static Object none() { return Object(); }
  static Object boolean(bool b);
  static Object integer(int64_t i);
  static Object big_integer(std::string decimal);
  static Object floating(double d);
  static Object str(std::string utf8);
  static Object bytes(std::string raw);
  static Object list(std::vector<Object> items);
  static Object tuple(std::vector<Object> items);
  static Object dict(std::vector<std::pair<Object, Object>> items);
  static Object set(std::vector<Object> items);
  static Object frozenset(std::vector<Object> items);
  static Object ellipsis();
  static Object repr_only(std::string text);

  Kind kind() const { return kind_; }
  bool as_bool() const { return int_ != 0; }
  int64_t as_int() const { return int_; }
  double as_float() const { return float_; }
  const std::string& text() const { return text_; }  // Str, Bytes, BigInt, Repr
  const std::vector<Object>& items() const { return items_; }

  // Python's repr() of the value, e.g. "[1, 'a', None]".
  std::string repr() const;

  friend bool operator==(const Object& a, const Object& b);

 private:
  Kind kind_ = Kind::None;
  int64_t int_ = 0;
  double float_ = 0;
  std::string text_;
  std::vector<Object> items_;
};

// One line of a traceback, innermost last (as CPython prints them).
struct TracebackFrame {
  std::string filename;
  int line = 0;
  std::string function;     // "<module>" for top-level code
  std::string source_line;  // source text of that line less its indentation, may be empty
  // The failing expression's (or syntax error's) range, what the text
  // underlines: from column `col` of `line` to column `end_col` of
  // `end_line`, 0-based code points into the source line as written
  // (indentation included), end exclusive. col = -1 when unknown.
  int end_line = 0;
  int col = -1;
  int end_col = -1;
};

// A Python exception that escaped the program (or a SyntaxError from compiling it).
struct Exception {
  std::string type;     // "ZeroDivisionError", "SyntaxError", ...
  std::string message;  // str() of the exception, may be empty
  std::vector<TracebackFrame> traceback;
  // The complete text CPython would print to stderr:
  //   Traceback (most recent call last):
  //     File "x.py", line 3, in <module>
  //       ...
  //   ZeroDivisionError: division by zero
  std::string formatted;

  // "Type: message" (or just "Type" when the message is empty).
  std::string summary() const;
};

// Limits on one run, checked by the interpreter where cost is incurred
// (see docs/limits.md). Unset means unlimited, except recursion depth.
struct Limits {
  std::optional<uint64_t> max_memory;        // bytes of live heap (MemoryError)
  std::optional<uint64_t> max_allocations;   // heap objects allocated (MemoryError)
  std::optional<uint64_t> max_instructions;  // bytecode instructions executed (TimeoutError)
  std::optional<double> max_duration_ms;     // VM time, measured with the host clock (TimeoutError)
  uint32_t max_recursion_depth = 1000;  // Python frames (RecursionError), like CPython's default
  // Time slicing: pause (PendingCall::Kind::Yield) every N instructions so
  // one thread can interleave many executions. Unset: never.
  std::optional<uint64_t> pause_every_instructions;

  // Defaults for untrusted code: 64 MiB, 10 s, depth 1000.
  static Limits safe_defaults();
};

enum class Stream : uint8_t { Stdout, Stderr };
// Receives everything the program prints. Core never writes to stdout itself.
using PrintFn = std::function<void(Stream, std::string_view)>;
// A monotonic clock in milliseconds, supplied by the host (core reads no
// clock of its own). Needed only when Limits::max_duration_ms is set.
using ClockFn = std::function<double()>;

// What the host hands the interpreter: output and time.
struct Host {
  PrintFn print;
  ClockFn clock;
};

// What a paused execution is waiting for.
struct PendingCall {
  enum class Kind : uint8_t {
    FunctionCall,  // the program called an external function
    NameLookup,    // the program used an undefined global name; the host may supply it
    Yield,         // time slice over (Limits::pause_every_instructions)
    // asyncio's event loop has nothing to run until a deferred call
    // (Snapshot::defer) is answered: see `waiting` and Snapshot::resolve.
    Wait,
  };
  Kind kind = Kind::FunctionCall;
  std::string function_name;  // FunctionCall: the function; NameLookup: the name
  std::vector<Object> args;
  std::vector<std::pair<std::string, Object>> kwargs;
  uint64_t call_id = 0;  // 1 for the first pause of an execution, +1 for each later one
  // FunctionCall: the call was made while asyncio's event loop runs (not
  // from inside a builtin's callback), so the host may answer it later
  // (Snapshot::defer) and let the program run on meanwhile.
  bool in_event_loop = false;
  // Wait: the call_ids of the deferred calls not answered yet, in the
  // order they were made. Snapshot::resolve answers one or more of them.
  std::vector<uint64_t> waiting;
  // Wait: seconds of the loop's time until its next timer (an
  // asyncio.sleep, a wait_for timeout), if one is set. Resolving no call
  // lets that time pass (the loop's clock is virtual: it does not move
  // while the host works).
  std::optional<double> timeout;
};

// The host's answer to one deferred call (Snapshot::resolve).
struct CallResult {
  uint64_t call_id = 0;
  Object value;            // the call's result, when error_type is empty
  std::string error_type;  // else: raise error_type(error_message) where it is awaited
  std::string error_message;

  static CallResult ok(uint64_t call_id, Object value);
  static CallResult error(uint64_t call_id, std::string type, std::string message);
};

template <typename T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}          // NOLINT(implicit)
  Outcome(Exception error) : v_(std::move(error)) {}  // NOLINT(implicit)
  explicit operator bool() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }
  const Exception& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Exception> v_;
};

struct Program;  // compiled code, immutable and shareable
class VM;
class Snapshot;

// The state after start() or resume(): finished (with the value of the
// program's last expression) or paused (with a Snapshot to resume).
class Progress {
 public:
  bool is_complete() const { return !snapshot_; }
  const Object& output() const { return output_; }
  Snapshot& snapshot() { return *snapshot_; }
  std::unique_ptr<Snapshot> take_snapshot() { return std::move(snapshot_); }

  static Progress complete(Object value);
  static Progress paused(std::unique_ptr<Snapshot> snapshot);
  Progress(Progress&&) noexcept;
  Progress& operator=(Progress&&) noexcept;
  ~Progress();

 private:
  Progress() = default;
  Object output_;
  std::unique_ptr<Snapshot> snapshot_;
};

// A paused execution. It owns the whole interpreter state; resume() moves
// that state on (a snapshot can be resumed once; dump() it first to keep a
// copy). After a MemoryError or TimeoutError from a limit the execution has
// ended with that error and cannot be resumed.
class Snapshot {
 public:
  const PendingCall& pending() const { return pending_; }
  // Continues with `value` as the result of the pending call (or the value
  // of the looked-up name).
  //
  // `awaitable`: the host function is asynchronous (its JS implementation
  // returned a promise). While asyncio's event loop runs, its call then
  // evaluates to an awaitable (a finished asyncio.Future holding the value,
  // or the error), as an `async def`'s call would, so the program can
  // `await fetch(url)` or gather such calls; outside a running loop (and for
  // name lookups) the value is given as it is.
  Outcome<Progress> resume(const Object& value, bool awaitable = false);
  // Raises `type(message)` at the call site (e.g. "ValueError"); the program
  // may catch it. Unknown type names raise RuntimeError. With `awaitable`
  // (see resume), inside a running event loop the call's future holds the
  // error instead, raised where it is awaited.
  Outcome<Progress> resume_error(std::string_view type, std::string_view message,
                                 bool awaitable = false);
  // NameLookup only: the host has no value; NameError is raised as usual.
  Outcome<Progress> resume_undefined();
  // FunctionCall made inside a running event loop (pending().in_event_loop)
  // only: the host will answer later. The call gives a pending asyncio
  // Future and the program runs on, so several host calls can be in flight
  // at once (`asyncio.gather(fetch(a), fetch(b))`). When every task waits
  // on one of them the execution pauses with Kind::Wait.
  Outcome<Progress> defer();
  // Wait only: answers deferred calls (each id one of pending().waiting, at
  // most once) and runs on. With no results, the loop's time moves to its
  // next timer instead (pending().timeout must be set: with no timer,
  // nothing but an answer could wake the loop).
  Outcome<Progress> resolve(std::span<const CallResult> results);
  bool resumed() const { return vm_ == nullptr; }

  // MessagePack bytes of the whole paused state (docs/snapshot-format.md).
  std::vector<uint8_t> dump() const;
  static Outcome<std::unique_ptr<Snapshot>> load(std::span<const uint8_t> bytes, Host host = {});
  void set_host(Host host);

  explicit Snapshot(std::unique_ptr<VM> vm);
  ~Snapshot();

 private:
  Outcome<Progress> continue_run();
  std::unique_ptr<VM> vm_;
  PendingCall pending_;
};

// Compiled Python code, ready to run any number of times.
class Runner {
 public:
  // Parses and compiles `code`. A SyntaxError (or an unsupported construct)
  // comes back as an Exception whose `formatted` is CPython's SyntaxError text.
  static Outcome<Runner> create(std::string_view code, std::string_view script_name = "main.py",
                                std::vector<std::string> input_names = {},
                                std::vector<std::string> external_functions = {});

  // Runs the program from the start with one value per declared input, in
  // order. Returns the value of the last statement if it is an expression
  // (None otherwise), or the uncaught exception. A call to an external
  // function is an error here (use start()).
  Outcome<Object> run(const std::vector<Object>& inputs = {}, const Limits& limits = {},
                      const PrintFn& print = nullptr) const;

  // Runs until the program completes or pauses (external call, name lookup
  // of an undefined name when `pause_on_undefined_names`, or time slice).
  Outcome<Progress> start(const std::vector<Object>& inputs = {}, const Limits& limits = {},
                          Host host = {}, bool pause_on_undefined_names = false) const;

  // MessagePack bytes of the compiled program (it embeds the source; load()
  // recompiles it and checks the result matches, so hostile bytecode cannot
  // reach the VM).
  std::vector<uint8_t> dump() const;
  static Outcome<Runner> load(std::span<const uint8_t> bytes);

  const std::vector<std::string>& input_names() const;
  const std::vector<std::string>& external_functions() const;

  Runner(Runner&&) noexcept;
  Runner& operator=(Runner&&) noexcept;
  ~Runner();

 private:
  explicit Runner(std::shared_ptr<const Program> program);
  std::shared_ptr<const Program> program_;
};

// An interactive session, like python3's REPL: snippets run one after
// another in one interpreter and share its globals.
//
//   auto repl = monty::Repl::create("<stdin>", monty::Limits::safe_defaults(), host);
//   repl->feed("def sq(x):\n    return x * x\n");
//   repl->feed("n = sq(7)");
//   repl->feed("n + 1");  // Object::integer(50): the trailing expression's value
//
// A snippet that raises (or fails to compile) leaves the session usable:
// what earlier snippets defined stays, and so do assignments the failing
// snippet made before it raised (as in CPython's REPL). Limits on
// instructions and time apply to each snippet; memory is the session's live
// heap. A REPL has no external functions and never pauses.
class Repl {
 public:
  static Outcome<Repl> create(std::string_view script_name = "<stdin>", const Limits& limits = {},
                              Host host = {});

  // Compiles and runs one snippet (any number of statements). Returns the
  // value of its last statement if that is an expression, None otherwise,
  // or the SyntaxError / uncaught exception (with CPython's traceback text).
  // Values with no data mapping come back as Object::Kind::Repr.
  Outcome<Object> feed(std::string_view code);

  // MessagePack bytes of the whole session: every snippet compiled so far,
  // globals, heap, limits (docs/snapshot-format.md, "REPL session"). The
  // same session state always gives the same bytes. Empty for a moved-from
  // session, and when called while a snippet runs (from a host callback).
  std::vector<uint8_t> dump() const;
  // A session that continues where the dumped one was, with its limits; the
  // host is not part of a dump (a time limit needs the clock again). Damaged
  // or hostile bytes give a ValueError ("snapshot: ..."), never a crash.
  static Outcome<Repl> load(std::span<const uint8_t> bytes, Host host = {});
  void set_host(Host host);

  Repl(Repl&&) noexcept;
  Repl& operator=(Repl&&) noexcept;
  ~Repl();

 private:
  Repl(std::shared_ptr<Program> program, std::unique_ptr<VM> vm);
  std::shared_ptr<Program> program_;  // grows by one module code per snippet
  std::unique_ptr<VM> vm_;
};

}  // namespace monty
