// The embind layer between core (monty::Runner, monty::Snapshot) and the
// TypeScript wrapper in js/.
//
// Every entry point takes a MessagePack request and returns a MessagePack
// reply (a Uint8Array copied out of wasm memory), so JS values never touch
// core directly and one codec on each side defines the mapping
// (docs/value-mapping.md). Replies are arrays whose first element says what
// they are:
//   [0, ...result]                       success (shape depends on the call)
//   [1, type, message, formatted, frames] a Python exception (frames: [[file, line, function,
//   source], ...]) [2, message]                          a misuse or internal failure (bad handle,
//   bad request, out of memory)
//
// Compiled programs and paused executions live here, addressed by integer
// handles, because JS cannot own C++ objects directly; the wrapper frees them
// (free_handle) when their JS objects are collected or used up. No C++
// exception ever leaves this file: each entry point catches everything and
// replies with kind 2, so JS sees an error object, never an abort.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "json_input.h"
#include "monty/monty.h"
#include "msgpack_codec.h"

namespace monty_wasm {
namespace {

using emscripten::val;

constexpr int kReplyOk = 0;
constexpr int kReplyException = 1;
constexpr int kReplyMisuse = 2;

// Owner of everything JS refers to by handle. One per wasm instance: JS
// state that outlives a call has to live somewhere, and an instance is
// single-threaded, so plain maps suffice.
struct Handles {
  uint32_t next = 1;
  std::unordered_map<uint32_t, monty::Runner> runners;
  std::unordered_map<uint32_t, std::unique_ptr<monty::Snapshot>> snapshots;
};

Handles& handles() {
  static Handles h;
  return h;
}

val to_js(const std::string& bytes) {
  // new Uint8Array(view) copies, so the reply survives later memory growth.
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(bytes.size(),
                                          reinterpret_cast<const uint8_t*>(bytes.data())));
}

val misuse(const std::string& message) {
  Writer w;
  w.array_header(2);
  w.integer(kReplyMisuse);
  w.str(message);
  return to_js(w.bytes());
}

val exception_reply(const monty::Exception& e) {
  Writer w;
  w.array_header(5);
  w.integer(kReplyException);
  w.str(e.type);
  w.str(e.message);
  w.str(e.formatted);
  w.array_header(static_cast<uint32_t>(e.traceback.size()));
  for (const monty::TracebackFrame& f : e.traceback) {
    w.array_header(4);
    w.str(f.filename);
    w.integer(f.line);
    w.str(f.function);
    w.str(f.source_line);
  }
  return to_js(w.bytes());
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
}

// [0, 0, value] when complete; [0, 1, handle, kind, name, args, kwargs, call_id] when paused.
val progress_reply(monty::Outcome<monty::Progress>& outcome) {
  if (!outcome) return exception_reply(outcome.error());
  monty::Progress& progress = *outcome;
  Writer w;
  if (progress.is_complete()) {
    w.array_header(3);
    w.integer(kReplyOk);
    w.integer(0);
    w.value(progress.output());
    return to_js(w.bytes());
  }
  std::unique_ptr<monty::Snapshot> snapshot = progress.take_snapshot();
  const uint32_t id = handles().next++;
  w.array_header(8);
  w.integer(kReplyOk);
  w.integer(1);
  w.integer(id);
  write_pending(w, snapshot->pending());
  handles().snapshots.emplace(id, std::move(snapshot));
  return to_js(w.bytes());
}

// The print sink forwards to a JS function(stream, text); the wrapper's
// function never throws (it records the user's error and rethrows after the
// call), because a JS exception unwinding through the VM would leave it
// half-updated.
monty::Host make_host(const val& print) {
  monty::Host host;
  if (!print.isUndefined() && !print.isNull()) {
    host.print = [print](monty::Stream stream, std::string_view text) {
      print(static_cast<int>(stream), std::string(text));
    };
  }
  // Core reads no clock itself (ARCHITECTURE.md invariant 3); this is the
  // host's monotonic clock (performance.now()).
  host.clock = [] { return emscripten_get_now(); };
  return host;
}

std::optional<std::vector<std::string>> read_names(Reader& r) {
  std::optional<uint32_t> n = r.array_header();
  if (!n) return std::nullopt;
  std::vector<std::string> names;
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

std::string bad_request(const Reader& r) { return "malformed request: " + r.error(); }

// Runs `body`, turning any C++ exception (std::bad_alloc when wasm memory
// cannot grow, or a bug) into a misuse reply.
template <typename F>
val guarded(F&& body) {
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

// ---- entry points -----------------------------------------------------------------

// [code, script_name, input_names, external_functions] -> [0, handle]
val compile(const std::string& request) {
  return guarded([&] {
    Reader r(request);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<std::string> code = r.str();
    std::optional<std::string> script = code ? r.str() : std::nullopt;
    auto inputs = script ? read_names(r) : std::nullopt;
    auto externals = inputs ? read_names(r) : std::nullopt;
    if (!externals) return misuse(bad_request(r));
    monty::Outcome<monty::Runner> runner =
        monty::Runner::create(*code, *script, std::move(*inputs), std::move(*externals));
    if (!runner) return exception_reply(runner.error());
    const uint32_t id = handles().next++;
    handles().runners.emplace(id, std::move(*runner));
    Writer w;
    w.array_header(2);
    w.integer(kReplyOk);
    w.integer(id);
    return to_js(w.bytes());
  });
}

// [handle, inputs, limits, pause_on_undefined_names] -> progress reply
val start(const std::string& request, const val& print) {
  return guarded([&] {
    Reader r(request);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<int64_t> id = r.integer();
    auto inputs = id ? read_values(r) : std::nullopt;
    auto limits = inputs ? read_limits(r) : std::nullopt;
    if (!limits) return misuse(bad_request(r));
    const bool pause_on_undefined =
        r.skip_nil() ? false : r.value().value_or(monty::Object()).as_bool();
    auto it = handles().runners.find(static_cast<uint32_t>(*id));
    if (it == handles().runners.end()) return misuse("unknown program handle");
    monty::Outcome<monty::Progress> outcome =
        it->second.start(*inputs, *limits, make_host(print), pause_on_undefined);
    return progress_reply(outcome);
  });
}

// [handle, 0, value] resume with a value; [handle, 1, type, message] raise at
// the call site; [handle, 2] the looked-up name stays undefined.
val resume(const std::string& request, const val& print) {
  return guarded([&] {
    Reader r(request);
    if (!r.array_header()) return misuse(bad_request(r));
    std::optional<int64_t> id = r.integer();
    std::optional<int64_t> mode = id ? r.integer() : std::nullopt;
    if (!mode) return misuse(bad_request(r));
    auto it = handles().snapshots.find(static_cast<uint32_t>(*id));
    if (it == handles().snapshots.end()) return misuse("unknown snapshot handle");
    // The snapshot is used up by resuming (core moves its state on), so it
    // leaves the table now whatever happens next.
    std::unique_ptr<monty::Snapshot> snapshot = std::move(it->second);
    handles().snapshots.erase(it);
    snapshot->set_host(make_host(print));
    if (*mode == 0) {
      std::optional<monty::Object> value = r.value();
      if (!value) return misuse(bad_request(r));
      monty::Outcome<monty::Progress> outcome = snapshot->resume(*value);
      return progress_reply(outcome);
    }
    if (*mode == 1) {
      std::optional<std::string> type = r.str();
      std::optional<std::string> message = type ? r.str() : std::nullopt;
      if (!message) return misuse(bad_request(r));
      monty::Outcome<monty::Progress> outcome = snapshot->resume_error(*type, *message);
      return progress_reply(outcome);
    }
    monty::Outcome<monty::Progress> outcome = snapshot->resume_undefined();
    return progress_reply(outcome);
  });
}

val bytes_reply(const std::vector<uint8_t>& bytes) {
  // Core's placeholder serializer answers with no bytes at all.
  if (bytes.empty()) return misuse("snapshots are not available in this build");
  Writer w;
  w.array_header(2);
  w.integer(kReplyOk);
  w.bin(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return to_js(w.bytes());
}

val dump_program(uint32_t id) {
  return guarded([&] {
    auto it = handles().runners.find(id);
    if (it == handles().runners.end()) return misuse("unknown program handle");
    return bytes_reply(it->second.dump());
  });
}

val dump_snapshot(uint32_t id) {
  return guarded([&] {
    auto it = handles().snapshots.find(id);
    if (it == handles().snapshots.end()) return misuse("unknown snapshot handle");
    return bytes_reply(it->second->dump());
  });
}

std::span<const uint8_t> as_span(const std::string& bytes) {
  return {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
}

// bytes -> [0, handle, input_names, external_functions]
val load_program(const std::string& bytes) {
  return guarded([&] {
    monty::Outcome<monty::Runner> runner = monty::Runner::load(as_span(bytes));
    if (!runner) return exception_reply(runner.error());
    const uint32_t id = handles().next++;
    Writer w;
    w.array_header(4);
    w.integer(kReplyOk);
    w.integer(id);
    for (const auto* names : {&runner->input_names(), &runner->external_functions()}) {
      w.array_header(static_cast<uint32_t>(names->size()));
      for (const std::string& n : *names) w.str(n);
    }
    handles().runners.emplace(id, std::move(*runner));
    return to_js(w.bytes());
  });
}

// bytes -> [0, 1, handle, kind, name, args, kwargs, call_id] (a paused progress)
val load_snapshot(const std::string& bytes) {
  return guarded([&] {
    monty::Outcome<std::unique_ptr<monty::Snapshot>> snapshot =
        monty::Snapshot::load(as_span(bytes));
    if (!snapshot) return exception_reply(snapshot.error());
    const uint32_t id = handles().next++;
    Writer w;
    w.array_header(8);
    w.integer(kReplyOk);
    w.integer(1);
    w.integer(id);
    write_pending(w, (*snapshot)->pending());
    handles().snapshots.emplace(id, std::move(*snapshot));
    return to_js(w.bytes());
  });
}

// The npm CLI's `--input NAME=VALUE`: the native CLI's own JSON reader
// (cli/json_input.cpp) is compiled in, so both CLIs map values identically
// (a JSON 1.0 is a float, big integers stay exact, which JSON.parse would lose).
// text -> [0, 0, value] parsed; [0, 1, error] not JSON; [0, 2, error] nested too deeply.
val parse_cli_input(const std::string& text) {
  return guarded([&] {
    monty_cli::JsonParse json = monty_cli::parse_json(text);
    Writer w;
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
    return to_js(w.bytes());
  });
}

void free_handle(uint32_t id) {
  handles().runners.erase(id);
  handles().snapshots.erase(id);
}

// Handles alive, for the wrapper's leak tests.
uint32_t live_handles() {
  return static_cast<uint32_t>(handles().runners.size() + handles().snapshots.size());
}

}  // namespace
}  // namespace monty_wasm

EMSCRIPTEN_BINDINGS(monty) {
  using namespace monty_wasm;
  emscripten::function("compile", &compile);
  emscripten::function("start", &start);
  emscripten::function("resume", &resume);
  emscripten::function("dumpProgram", &dump_program);
  emscripten::function("dumpSnapshot", &dump_snapshot);
  emscripten::function("loadProgram", &load_program);
  emscripten::function("loadSnapshot", &load_snapshot);
  emscripten::function("parseCliInput", &parse_cli_input);
  emscripten::function("freeHandle", &free_handle);
  emscripten::function("liveHandles", &live_handles);
}
