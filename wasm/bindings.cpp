// The embind layer between core (monty::Runner, monty::Snapshot, monty::Repl)
// and the TypeScript wrapper in js/.
//
// Requests and replies are MessagePack bytes, so JS values never touch core
// directly and one codec on each side defines the mapping
// (docs/value-mapping.md). They travel through two buffers owned here, which
// keeps a call free of allocations and of embind's per-value marshalling
// (a fresh interpreter plus a run costs a few microseconds, and most of that
// used to be copies and temporary JS objects):
//   - requests: JS asks once for a buffer of at least N bytes
//     (requestBuffer(N) returns its address, stable until a larger one is
//     requested), writes a request into wasm memory there and passes its
//     length to the entry point;
//   - replies: every entry point returns the address of
//     [u32 little-endian length][MessagePack reply], valid until the next call.
// Replies are arrays whose first element says what they are:
//   [0, ...result]                        success (shape depends on the call)
//   [1, type, message, formatted, frames] a Python exception
//                                         (frames: [[file, line, function, source], ...])
//   [2, message]                          a misuse or internal failure (bad handle,
//                                         bad request, out of memory)
//
// Print: core's print sink calls monty_js_print, which hands the text's
// address and length to Module.montyPrint (set by the wrapper; it never
// throws, because a JS exception unwinding through the VM would leave it
// half-updated).
//
// Compiled programs, paused executions and REPL sessions live here,
// addressed by integer handles, because JS cannot own C++ objects directly;
// the wrapper frees them (freeHandle) when their JS objects are collected or
// used up. No C++ exception ever leaves this file: each entry point catches
// everything and replies with kind 2, so JS sees an error object, never an
// abort.
#include <emscripten.h>
#include <emscripten/bind.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "json_input.h"
#include "monty/monty.h"
#include "msgpack_codec.h"

// clang-format off
EM_JS(void, monty_js_print, (int stream, const char* text, size_t size), {
  Module["montyPrint"](stream, text, size);
});
// clang-format on

namespace monty_wasm {
namespace {

// An address in wasm memory, as JS sees it (a number).
using Address = uintptr_t;

constexpr int kReplyOk = 0;
constexpr int kReplyException = 1;
constexpr int kReplyMisuse = 2;

// Owner of everything JS refers to. One per wasm instance: an instance is
// single-threaded and the wrapper never calls in while a call is running,
// so plain maps and one pair of buffers suffice.
struct State {
  uint32_t next = 1;
  std::unordered_map<uint32_t, monty::Runner> runners;
  std::unordered_map<uint32_t, std::unique_ptr<monty::Snapshot>> snapshots;
  std::unordered_map<uint32_t, monty::Repl> repls;
  std::string request;
  Writer reply;
};

State& state() {
  static State s;
  return s;
}

Writer& begin_reply() {
  Writer& w = state().reply;
  w.restart(sizeof(uint32_t));
  return w;
}

Address finish_reply(Writer& w) {
  std::string& bytes = w.buffer();
  const auto length = static_cast<uint32_t>(bytes.size() - sizeof(uint32_t));
  std::memcpy(bytes.data(), &length, sizeof length);  // wasm is little-endian
  return reinterpret_cast<Address>(bytes.data());
}

Address misuse(const std::string& message) {
  Writer& w = begin_reply();
  w.array_header(2);
  w.integer(kReplyMisuse);
  w.str(message);
  return finish_reply(w);
}

Address exception_reply(const monty::Exception& e) {
  Writer& w = begin_reply();
  w.array_header(5);
  w.integer(kReplyException);
  w.str(e.type);
  w.str(e.message);
  w.str(e.formatted);
  w.array_header(static_cast<uint32_t>(e.traceback.size()));
  for (const monty::TracebackFrame& f : e.traceback) {
    w.array_header(f.col >= 0 ? 7 : 4);
    w.str(f.filename);
    w.integer(f.line);
    w.str(f.function);
    w.str(f.source_line);
    if (f.col >= 0) {
      w.integer(f.end_line);
      w.integer(f.col);
      w.integer(f.end_col);
    }
  }
  return finish_reply(w);
}

uint32_t add_handle() { return state().next++; }

// [0, handle]
Address handle_reply(uint32_t id) {
  Writer& w = begin_reply();
  w.array_header(2);
  w.integer(kReplyOk);
  w.integer(id);
  return finish_reply(w);
}

void write_pending(Writer& w, const monty::PendingCall& p) {
  w.integer(static_cast<int>(p.kind));
  w.str(p.function_name);
  w.array_header(static_cast<uint32_t>(p.args.size()));
  for (const monty::Object& a : p.args) w.value(a);
  w.map_header(static_cast<uint32_t>(p.kwargs.size()));
  for (const auto& [name, value] : p.kwargs) {
    w.str(name);
    w.value(value);
  }
  // call_id counts pauses; it stays far below 2^53, so JS reads it as a number.
  w.integer(static_cast<int64_t>(p.call_id));
  w.boolean(p.in_event_loop);
  w.array_header(static_cast<uint32_t>(p.waiting.size()));
  for (uint64_t id : p.waiting) w.integer(static_cast<int64_t>(id));
  if (p.timeout) {
    w.floating(*p.timeout);
  } else {
    w.nil();
  }
}

// [0, 1, handle, kind, name, args, kwargs, call_id, in_event_loop, waiting,
// timeout]; takes ownership of the snapshot.
Address paused_reply(std::unique_ptr<monty::Snapshot> snapshot) {
  const uint32_t id = add_handle();
  Writer& w = begin_reply();
  w.array_header(11);
  w.integer(kReplyOk);
  w.integer(1);
  w.integer(id);
  write_pending(w, snapshot->pending());
  state().snapshots.emplace(id, std::move(snapshot));
  return finish_reply(w);
}

// [0, 0, value] when complete; a paused reply otherwise.
Address progress_reply(monty::Outcome<monty::Progress>& outcome) {
  if (!outcome) return exception_reply(outcome.error());
  monty::Progress& progress = *outcome;
  if (!progress.is_complete()) return paused_reply(progress.take_snapshot());
  Writer& w = begin_reply();
  w.array_header(3);
  w.integer(kReplyOk);
  w.integer(0);
  w.value(progress.output());
  return finish_reply(w);
}

// print: whether output goes to Module.montyPrint (false: discarded).
monty::Host make_host(bool print) {
  monty::Host host;
  if (print) {
    host.print = [](monty::Stream stream, std::string_view text) {
      monty_js_print(static_cast<int>(stream), text.data(), text.size());
    };
  }
  // Core reads no clock itself (ARCHITECTURE.md invariant 3); this is the
  // host's monotonic clock (performance.now()).
  host.clock = [] { return emscripten_get_now(); };
  return host;
}

// The request the wrapper wrote, or nullopt if `length` overruns the buffer.
std::optional<std::string_view> request(uint32_t length) {
  const std::string& buffer = state().request;
  if (length > buffer.size()) return std::nullopt;
  return std::string_view(buffer.data(), length);
}

std::span<const uint8_t> as_span(std::string_view bytes) {
  return {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
}

std::optional<std::vector<std::string>> read_names(Reader& r) {
  std::optional<uint32_t> n = r.array_header();
  if (!n) return std::nullopt;
  std::vector<std::string> names;
  names.reserve(*n);
  for (uint32_t i = 0; i < *n; ++i) {
    std::optional<std::string> s = r.str();
    if (!s) return std::nullopt;
    names.push_back(std::move(*s));
  }
  return names;
}

std::optional<std::vector<monty::Object>> read_values(Reader& r) {
  std::optional<uint32_t> n = r.array_header();
  if (!n) return std::nullopt;
  std::vector<monty::Object> values;
  values.reserve(*n);
  for (uint32_t i = 0; i < *n; ++i) {
    std::optional<monty::Object> v = r.value();
    if (!v) return std::nullopt;
    values.push_back(std::move(*v));
  }
  return values;
}

// [max_memory, max_allocations, max_instructions, max_duration_ms,
//  max_recursion_depth, pause_every_instructions], each nil when unset.
std::optional<monty::Limits> read_limits(Reader& r) {
  std::optional<uint32_t> n = r.array_header();
  if (!n || *n != 6) return std::nullopt;
  monty::Limits limits;
  std::optional<uint64_t>* counts[] = {&limits.max_memory, &limits.max_allocations,
                                       &limits.max_instructions};
  for (std::optional<uint64_t>* slot : counts) {
    if (r.skip_nil()) continue;
    std::optional<int64_t> v = r.integer();
    if (!v || *v < 0) return std::nullopt;
    *slot = static_cast<uint64_t>(*v);
  }
  if (!r.skip_nil()) {
    std::optional<double> ms = r.number();
    if (!ms) return std::nullopt;
    limits.max_duration_ms = *ms;
  }
  if (!r.skip_nil()) {
    std::optional<int64_t> depth = r.integer();
    if (!depth || *depth < 1 || *depth > UINT32_MAX) return std::nullopt;
    limits.max_recursion_depth = static_cast<uint32_t>(*depth);
  }
  if (!r.skip_nil()) {
    std::optional<int64_t> every = r.integer();
    if (!every || *every < 1) return std::nullopt;
    limits.pause_every_instructions = static_cast<uint64_t>(*every);
  }
  return limits;
}

std::optional<bool> read_bool(Reader& r) {
  std::optional<monty::Object> v = r.value();
  if (!v || v->kind() != monty::Object::Kind::Bool) return std::nullopt;
  return v->as_bool();
}

std::string bad_request(const Reader& r) { return "malformed request: " + r.error(); }

constexpr const char* kRequestOverrun = "malformed request: longer than the request buffer";

// Runs `body`, turning any C++ exception (std::bad_alloc when wasm memory
// cannot grow, or a bug) into a misuse reply.
template <typename F>
Address guarded(F&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return misuse("out of memory in the wasm module");
  } catch (const std::exception& e) {
    return misuse(std::string("internal error: ") + e.what());
  } catch (...) {
    return misuse("internal error");
  }
}

// An entry point taking a request: `body` gets the request's bytes, under
// guarded(); a length past the buffer is a misuse reply.
template <typename F>
Address with_request(uint32_t length, F&& body) {
  return guarded([&] {
    std::optional<std::string_view> bytes = request(length);
    if (!bytes) return misuse(kRequestOverrun);
    return body(*bytes);
  });
}

// The object behind a handle, or nullptr.
template <typename Map>
auto* find_handle(Map& map, uint32_t id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

// ---- entry points -----------------------------------------------------------------

// Makes the request buffer at least `size` bytes long; returns its address,
// or 0 when wasm memory cannot grow that far.
Address request_buffer(uint32_t size) {
  std::string& buffer = state().request;
  try {
    if (buffer.size() < size) buffer.resize(size);
  } catch (const std::exception&) {
    return 0;
  }
  return reinterpret_cast<Address>(buffer.data());
}

// [code, script_name, input_names, external_functions] -> [0, handle]
Address compile(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    Reader r(bytes);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<std::string> code = r.str();
    std::optional<std::string> script = code ? r.str() : std::nullopt;
    auto inputs = script ? read_names(r) : std::nullopt;
    auto externals = inputs ? read_names(r) : std::nullopt;
    if (!externals) return misuse(bad_request(r));
    monty::Outcome<monty::Runner> runner =
        monty::Runner::create(*code, *script, std::move(*inputs), std::move(*externals));
    if (!runner) return exception_reply(runner.error());
    const uint32_t id = add_handle();
    state().runners.emplace(id, std::move(*runner));
    return handle_reply(id);
  });
}

// [handle, inputs, limits, pause_on_undefined_names, print] -> progress reply
Address start(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    Reader r(bytes);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<int64_t> id = r.integer();
    auto inputs = id ? read_values(r) : std::nullopt;
    auto limits = inputs ? read_limits(r) : std::nullopt;
    auto pause_on_undefined = limits ? read_bool(r) : std::nullopt;
    auto print = pause_on_undefined ? read_bool(r) : std::nullopt;
    if (!print) return misuse(bad_request(r));
    monty::Runner* runner = find_handle(state().runners, static_cast<uint32_t>(*id));
    if (!runner) return misuse("unknown program handle");
    monty::Outcome<monty::Progress> outcome =
        runner->start(*inputs, *limits, make_host(*print), *pause_on_undefined);
    return progress_reply(outcome);
  });
}

// [[id, 0, value] | [id, 1, type, message], ...]: answers to deferred calls.
std::optional<std::vector<monty::CallResult>> read_call_results(Reader& r) {
  std::optional<uint32_t> n = r.array_header();
  if (!n) return std::nullopt;
  std::vector<monty::CallResult> out;
  for (uint32_t i = 0; i < *n; i++) {
    std::optional<uint32_t> items = r.array_header();
    std::optional<int64_t> id = items ? r.integer() : std::nullopt;
    std::optional<int64_t> failed = id ? r.integer() : std::nullopt;
    if (!failed || *id < 0) return std::nullopt;
    if (*failed == 0 && *items == 3) {
      std::optional<monty::Object> v = r.value();
      if (!v) return std::nullopt;
      out.push_back(monty::CallResult::ok(static_cast<uint64_t>(*id), std::move(*v)));
    } else if (*failed == 1 && *items == 4) {
      std::optional<std::string> type = r.str();
      std::optional<std::string> message = type ? r.str() : std::nullopt;
      if (!message) return std::nullopt;
      out.push_back(monty::CallResult::error(static_cast<uint64_t>(*id), std::move(*type),
                                             std::move(*message)));
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// [handle, print, 0, value] resume with a value; [handle, print, 1, type,
// message] raise at the call site; [handle, print, 2] the looked-up name
// stays undefined; modes 3 and 4 are 0 and 1 for an async host function
// (Snapshot::resume's `awaitable`); [handle, print, 5] defers the call;
// [handle, print, 6, [[id, 0, value] | [id, 1, type, message], ...]] answers
// deferred calls (none: the loop's time moves to its next timer).
Address resume(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    Reader r(bytes);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<int64_t> id = r.integer();
    std::optional<bool> print = id ? read_bool(r) : std::nullopt;
    std::optional<int64_t> mode = print ? r.integer() : std::nullopt;
    if (!mode) return misuse(bad_request(r));
    // Read the whole request before touching the snapshot, so a malformed
    // one leaves it resumable.
    std::optional<monty::Object> value;
    std::optional<std::string> type;
    std::optional<std::string> message;
    const bool awaitable = *mode == 3 || *mode == 4;
    std::optional<std::vector<monty::CallResult>> results;
    if (*mode == 6) {
      results = read_call_results(r);
      if (!results) return misuse(bad_request(r));
    } else if (*mode == 0 || *mode == 3) {
      value = r.value();
      if (!value) return misuse(bad_request(r));
    } else if (*mode == 1 || *mode == 4) {
      type = r.str();
      message = type ? r.str() : std::nullopt;
      if (!message) return misuse(bad_request(r));
    } else if (*mode != 2 && *mode != 5) {
      return misuse("malformed request: unknown resume mode");
    }
    auto it = state().snapshots.find(static_cast<uint32_t>(*id));
    if (it == state().snapshots.end()) return misuse("unknown snapshot handle");
    // The snapshot is used up by resuming (core moves its state on), so it
    // leaves the table now whatever happens next.
    std::unique_ptr<monty::Snapshot> snapshot = std::move(it->second);
    state().snapshots.erase(it);
    snapshot->set_host(make_host(*print));
    monty::Outcome<monty::Progress> outcome =
        value        ? snapshot->resume(*value, awaitable)
        : type       ? snapshot->resume_error(*type, *message, awaitable)
        : results    ? snapshot->resolve(*results)
        : *mode == 5 ? snapshot->defer()
                     : snapshot->resume_undefined();
    return progress_reply(outcome);
  });
}

Address bytes_reply(const std::vector<uint8_t>& bytes) {
  Writer& w = begin_reply();
  w.array_header(2);
  w.integer(kReplyOk);
  w.bin(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return finish_reply(w);
}

Address dump_program(uint32_t id) {
  return guarded([&] {
    monty::Runner* runner = find_handle(state().runners, id);
    return runner ? bytes_reply(runner->dump()) : misuse("unknown program handle");
  });
}

Address dump_snapshot(uint32_t id) {
  return guarded([&] {
    std::unique_ptr<monty::Snapshot>* snapshot = find_handle(state().snapshots, id);
    return snapshot ? bytes_reply((*snapshot)->dump()) : misuse("unknown snapshot handle");
  });
}

// request: the dump's bytes -> [0, handle, input_names, external_functions]
Address load_program(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    monty::Outcome<monty::Runner> runner = monty::Runner::load(as_span(bytes));
    if (!runner) return exception_reply(runner.error());
    const uint32_t id = add_handle();
    Writer& w = begin_reply();
    w.array_header(4);
    w.integer(kReplyOk);
    w.integer(id);
    for (const auto* names : {&runner->input_names(), &runner->external_functions()}) {
      w.array_header(static_cast<uint32_t>(names->size()));
      for (const std::string& n : *names) w.str(n);
    }
    state().runners.emplace(id, std::move(*runner));
    return finish_reply(w);
  });
}

// request: the dump's bytes -> a paused reply
Address load_snapshot(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    monty::Outcome<std::unique_ptr<monty::Snapshot>> snapshot =
        monty::Snapshot::load(as_span(bytes));
    if (!snapshot) return exception_reply(snapshot.error());
    return paused_reply(std::move(*snapshot));
  });
}

// [script_name, limits] -> [0, handle]
Address repl_create(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    Reader r(bytes);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<std::string> script = r.str();
    auto limits = script ? read_limits(r) : std::nullopt;
    if (!limits) return misuse(bad_request(r));
    monty::Outcome<monty::Repl> repl = monty::Repl::create(*script, *limits, make_host(false));
    if (!repl) return exception_reply(repl.error());
    const uint32_t id = add_handle();
    state().repls.emplace(id, std::move(*repl));
    return handle_reply(id);
  });
}

// [handle, code, print] -> [0, value] (the trailing expression's value or None)
Address repl_feed(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    Reader r(bytes);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<int64_t> id = r.integer();
    std::optional<std::string> code = id ? r.str() : std::nullopt;
    std::optional<bool> print = code ? read_bool(r) : std::nullopt;
    if (!print) return misuse(bad_request(r));
    monty::Repl* repl = find_handle(state().repls, static_cast<uint32_t>(*id));
    if (!repl) return misuse("unknown REPL handle");
    repl->set_host(make_host(*print));
    monty::Outcome<monty::Object> result = repl->feed(*code);
    if (!result) return exception_reply(result.error());
    Writer& w = begin_reply();
    w.array_header(2);
    w.integer(kReplyOk);
    w.value(*result);
    return finish_reply(w);
  });
}

Address repl_dump(uint32_t id) {
  return guarded([&] {
    monty::Repl* repl = find_handle(state().repls, id);
    return repl ? bytes_reply(repl->dump()) : misuse("unknown REPL handle");
  });
}

// request: the dump's bytes -> [0, handle]
Address repl_load(uint32_t length) {
  return with_request(length, [&](std::string_view bytes) {
    monty::Outcome<monty::Repl> repl = monty::Repl::load(as_span(bytes), make_host(false));
    if (!repl) return exception_reply(repl.error());
    const uint32_t id = add_handle();
    state().repls.emplace(id, std::move(*repl));
    return handle_reply(id);
  });
}

// The npm CLI's `--input NAME=VALUE`: the native CLI's own JSON reader
// (cli/json_input.cpp) is compiled in, so both CLIs map values identically
// (a JSON 1.0 is a float, big integers stay exact, which JSON.parse would lose).
// request: UTF-8 text -> [0, 0, value] parsed; [0, 1, error] not JSON;
// [0, 2, error] nested too deeply.
Address parse_cli_input(uint32_t length) {
  return with_request(length, [&](std::string_view text) {
    monty_cli::JsonParse json = monty_cli::parse_json(text);
    Writer& w = begin_reply();
    w.array_header(3);
    w.integer(kReplyOk);
    switch (json.status) {
      case monty_cli::JsonParse::Status::Ok:
        w.integer(0);
        w.value(json.value);
        break;
      case monty_cli::JsonParse::Status::Invalid:
        w.integer(1);
        w.str(json.error);
        break;
      case monty_cli::JsonParse::Status::TooDeep:
        w.integer(2);
        w.str(json.error);
        break;
    }
    return finish_reply(w);
  });
}

void free_handle(uint32_t id) {
  State& s = state();
  s.runners.erase(id);
  s.snapshots.erase(id);
  s.repls.erase(id);
}

// Handles alive, for the wrapper's leak tests.
uint32_t live_handles() {
  const State& s = state();
  return static_cast<uint32_t>(s.runners.size() + s.snapshots.size() + s.repls.size());
}

}  // namespace
}  // namespace monty_wasm

EMSCRIPTEN_BINDINGS(monty) {
  using namespace monty_wasm;
  emscripten::function("requestBuffer", &request_buffer);
  emscripten::function("compile", &compile);
  emscripten::function("start", &start);
  emscripten::function("resume", &resume);
  emscripten::function("dumpProgram", &dump_program);
  emscripten::function("dumpSnapshot", &dump_snapshot);
  emscripten::function("loadProgram", &load_program);
  emscripten::function("loadSnapshot", &load_snapshot);
  emscripten::function("replCreate", &repl_create);
  emscripten::function("replFeed", &repl_feed);
  emscripten::function("replDump", &repl_dump);
  emscripten::function("replLoad", &repl_load);
  emscripten::function("parseCliInput", &parse_cli_input);
  emscripten::function("freeHandle", &free_handle);
  emscripten::function("liveHandles", &live_handles);
}
