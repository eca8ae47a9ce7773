// libFuzzer target, structure-aware: the input is a list of edits applied to
// the MessagePack tree of a real paused execution (one of the seed programs,
// paused at one of its first pauses) or REPL session (the seed session after
// one of its snippets), which is then re-encoded and loaded.
//
// Random bytes (fuzz_snapshot_load) rarely survive the program section's
// recompile-and-compare check, so they seldom reach the state checks; edits
// here leave the program intact and go straight at object ids, kinds, frame
// fields, stack slots, table layouts and counters. Whatever loads is resumed
// (bounded by limits the edits cannot lift: see bounded()).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "answer.h"
#include "monty/monty.h"
#include "msgpack_edit.h"
#include "runtime/vm.h"
#include "seed_programs.h"
#include "snapshot/snapshot.h"
#include "snapshot/wire.h"

namespace {

using monty_test::bounded;

std::vector<std::vector<uint8_t>> g_bases;

struct Input {
  const uint8_t* d;
  size_t n;
  size_t pos = 0;
  bool empty() const { return pos >= n; }
  uint8_t byte() { return pos < n ? d[pos++] : 0; }
  uint32_t u32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | byte();
    return v;
  }
};

// Walks down from the execution payload choosing array elements by input bytes.
msgpack::object* pick(msgpack::object* root, Input& in) {
  msgpack::object* o = root;
  int depth = 1 + in.byte() % 8;
  for (int i = 0; i < depth && o->type == msgpack::type::ARRAY && o->via.array.size > 0; i++) {
    o = &o->via.array.ptr[in.byte() % o->via.array.size];
  }
  return o;
}

msgpack::object scalar(Input& in, msgpack::zone& z) {
  msgpack::object v;
  switch (in.byte() % 8) {
    case 0:
      v.type = msgpack::type::NIL;
      break;
    case 1:
      v.type = msgpack::type::BOOLEAN;
      v.via.boolean = in.byte() & 1;
      break;
    case 2:
      v.type = msgpack::type::POSITIVE_INTEGER;
      v.via.u64 = in.byte();
      break;
    case 3:
      v.type = msgpack::type::POSITIVE_INTEGER;
      v.via.u64 = in.u32();
      break;
    case 4:
      v.type = msgpack::type::NEGATIVE_INTEGER;
      v.via.i64 = -1 - static_cast<int64_t>(in.byte());
      break;
    case 5: {  // an object reference (ext 1), usually to a small id
      uint32_t id = in.byte() & 0x80 ? in.u32() : in.byte();
      char* p = static_cast<char*>(z.allocate_align(5));
      p[0] = 1;
      p[1] = static_cast<char>(id >> 24);
      p[2] = static_cast<char>(id >> 16);
      p[3] = static_cast<char>(id >> 8);
      p[4] = static_cast<char>(id);
      v.type = msgpack::type::EXT;
      v.via.ext.ptr = p;
      v.via.ext.size = 4;
      break;
    }
    case 6: {  // unset
      char* p = static_cast<char*>(z.allocate_align(2));
      p[0] = 0;
      p[1] = 0;
      v.type = msgpack::type::EXT;
      v.via.ext.ptr = p;
      v.via.ext.size = 1;
      break;
    }
    default:
      v.type = msgpack::type::FLOAT64;
      v.via.f64 = static_cast<double>(static_cast<int8_t>(in.byte())) / 3;
      break;
  }
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  monty::Limits limits;
  limits.max_instructions = 100000;
  limits.max_memory = 4u << 20;
  limits.pause_every_instructions = 700;
  for (const char* code : monty_fuzz::kPrograms) {
    auto runner = monty::Runner::create(code, "seed.py", {}, {"fetch"});
    if (!runner) continue;
    auto p = runner->start({}, limits, {}, true);
    for (int step = 0; p && !p->is_complete() && step < 3; step++) {
      g_bases.push_back(p->snapshot().dump());
      p = monty_fuzz::answer(p->snapshot(), step, monty::Object::integer(step + 1));
    }
  }
  limits.pause_every_instructions.reset();
  auto repl = monty::Repl::create("<stdin>", limits);
  if (repl) {
    for (const char* code : monty_fuzz::kSessionSnippets) {
      (void)repl->feed(code);
      g_bases.push_back(repl->dump());
    }
  }
  return 0;
}

namespace {

// Continues a loaded REPL session (see fuzz_snapshot_load.cpp).
void probe_session(const std::vector<uint8_t>& bytes) {
  std::string error;
  monty::snapshot::LoadedRepl loaded = monty::snapshot::load_repl(bytes, &error);
  static const bool debug = std::getenv("MONTY_FUZZ_DEBUG") != nullptr;
  if (debug) std::fprintf(stderr, "load: %s\n", loaded.vm ? "accepted" : error.c_str());
  if (!loaded.vm || !bounded(loaded.vm->limits())) return;
  auto repl = monty::Repl::load(bytes);
  if (!repl) __builtin_trap();
  (void)repl->dump();
  for (const char* code : monty_fuzz::kSessionProbes) (void)repl->feed(code);
  (void)repl->dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (g_bases.empty() || size == 0) return 0;
  Input in{data, size};
  const std::vector<uint8_t>& base = g_bases[in.byte() % g_bases.size()];
  msgpack::object_handle h =
      msgpack::unpack(reinterpret_cast<const char*>(base.data()), base.size());
  msgpack::zone z;
  auto* root = const_cast<msgpack::object*>(&h.get());
  msgpack::object* payload = &root->via.array.ptr[3];
  const bool session = root->via.array.ptr[2].via.u64 == 3;
  // Leave the program (payload[0]) alone, and a session's snippets
  // (payload[1]): their edits are fuzz_snapshot_load's.
  const uint32_t first = session ? 2 : 1;
  msgpack::object* state_roots[12];
  uint32_t nroots = 0;
  for (uint32_t i = first; i < payload->via.array.size && nroots < 12; i++)
    state_roots[nroots++] = &payload->via.array.ptr[i];
  int edits = 0;
  // MONTY_FUZZ_DEBUG=1 prints what an input edits (for reproducing findings).
  static const bool debug = std::getenv("MONTY_FUZZ_DEBUG") != nullptr;
  while (!in.empty() && edits++ < 8) {
    uint8_t section = in.byte();
    msgpack::object* start = state_roots[section % nroots];
    size_t before = in.pos;
    msgpack::object* target = pick(start, in);
    if (debug) {
      std::fprintf(stderr, "edit %d: section %d path", edits, first + section % nroots);
      for (size_t i = before + 1; i < in.pos; i++) std::fprintf(stderr, " %d", in.d[i]);
      std::fprintf(stderr, "\n");
    }
    if (debug) std::cerr << "  was: " << *target << "\n";
    msgpack::object* other = nullptr;
    switch (in.byte() % 4) {
      case 0:
      case 1:
        *target = scalar(in, z);
        break;
      case 2: {  // swap with another node
        other = pick(state_roots[in.byte() % nroots], in);
        std::swap(*target, *other);
        break;
      }
      default:  // shorten an array
        if (target->type == msgpack::type::ARRAY && target->via.array.size > 0)
          target->via.array.size--;
        break;
    }
    if (debug) std::cerr << "  now: " << *target << (other ? " (swapped)" : "") << "\n";
  }
  std::vector<uint8_t> bytes;
  monty::snapshot::Packer p(bytes);
  (void)monty_test::encode_into(p, *root);
  if (session) {
    probe_session(bytes);
    return 0;
  }
  std::string error;
  std::unique_ptr<monty::VM> vm = monty::snapshot::load_execution(bytes, &error);
  if (debug) std::fprintf(stderr, "load: %s\n", vm ? "accepted" : error.c_str());
  if (!vm || !bounded(vm->limits())) return 0;
  auto snapshot = std::make_unique<monty::Snapshot>(std::move(vm));
  (void)snapshot->dump();
  auto prog = monty_fuzz::answer(*snapshot, 0, monty::Object::integer(3));
  for (int steps = 1; prog && !prog->is_complete() && steps < 50; steps++) {
    (void)prog->snapshot().dump();
    prog = monty_fuzz::answer(prog->snapshot(), steps, monty::Object::str("x"));
  }
  return 0;
}
