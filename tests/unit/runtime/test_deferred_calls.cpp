// Deferred host calls: inside asyncio's event loop the host may answer a call
// later (Snapshot::defer), let the program run on, and answer the calls in
// any order when the loop has nothing else to do (PendingCall::Kind::Wait,
// Snapshot::resolve) — in this process or after a dump/load.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monty/monty.h"

namespace {

using monty::CallResult;
using monty::Object;
using monty::PendingCall;
using monty::Progress;
using monty::Runner;
using Kind = PendingCall::Kind;

struct Out {
  std::string text;
  monty::Host host() {
    return monty::Host{[this](monty::Stream, std::string_view t) { text += t; }, nullptr};
  }
};

Runner compile(const std::string& code) {
  auto r = Runner::create(code, "deferred.py", {}, {"fetch"});
  EXPECT_TRUE(r) << r.error().formatted;
  return std::move(r.value());
}

// Two fetches gathered, then one under a timeout.
const char* kGather = R"(import asyncio

async def one(x):
    r = await fetch(x)
    print("got", r)
    return r

async def main():
    a, b = await asyncio.gather(one("a"), one("b"))
    try:
        await asyncio.wait_for(fetch("slow"), timeout=0.5)
    except TimeoutError:
        print("timed out")
    return a + b

asyncio.run(main())
)";

// Reloads a snapshot from its bytes, as a host in another process would.
std::unique_ptr<monty::Snapshot> reload(monty::Snapshot& s, Out& out) {
  std::vector<uint8_t> bytes = s.dump();
  auto loaded = monty::Snapshot::load(bytes, out.host());
  EXPECT_TRUE(loaded) << loaded.error().message;
  return std::move(loaded.value());
}

TEST(DeferredCalls, GatheredCallsAreAnsweredInAnyOrderAcrossDumps) {
  Runner runner = compile(kGather);
  Out out;
  auto p = runner.start({}, {}, out.host());
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(p->snapshot().pending().kind, Kind::FunctionCall);
  EXPECT_TRUE(p->snapshot().pending().in_event_loop);
  EXPECT_EQ(p->snapshot().pending().call_id, 1u);
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(p->snapshot().pending().function_name, "fetch");
  EXPECT_EQ(p->snapshot().pending().args, std::vector<Object>{Object::str("b")});
  p = reload(p->snapshot(), out)->defer();
  ASSERT_TRUE(p && !p->is_complete());
  const PendingCall& wait = p->snapshot().pending();
  EXPECT_EQ(wait.kind, Kind::Wait);
  EXPECT_EQ(wait.waiting, (std::vector<uint64_t>{1, 2}));
  EXPECT_FALSE(wait.timeout.has_value());
  EXPECT_EQ(wait.call_id, 3u);

  // The second call finishes first; a reloaded snapshot describes the same wait.
  auto loaded = reload(p->snapshot(), out);
  EXPECT_EQ(loaded->pending().waiting, (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(loaded->pending().call_id, 3u);
  const CallResult second[] = {CallResult::ok(2, Object::str("B"))};
  p = loaded->resolve(second);
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(out.text, "got B\n");
  EXPECT_EQ(p->snapshot().pending().waiting, std::vector<uint64_t>{1});
  const CallResult first[] = {CallResult::ok(1, Object::str("A"))};
  p = p->snapshot().resolve(first);
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(out.text, "got B\ngot A\n");
  EXPECT_EQ(p->snapshot().pending().args, std::vector<Object>{Object::str("slow")});

  // The slow call is deferred; its timeout is the loop's next timer.
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_EQ(p->snapshot().pending().kind, Kind::Wait);
  EXPECT_EQ(p->snapshot().pending().waiting, std::vector<uint64_t>{5});
  ASSERT_TRUE(p->snapshot().pending().timeout.has_value());
  EXPECT_DOUBLE_EQ(*p->snapshot().pending().timeout, 0.5);
  std::vector<uint8_t> at_timeout = p->snapshot().dump();

  // No answer: the time passes, wait_for gives up (and cancels the call).
  p = p->snapshot().resolve({});
  ASSERT_TRUE(p) << p.error().formatted;
  ASSERT_TRUE(p->is_complete());
  EXPECT_EQ(out.text, "got B\ngot A\ntimed out\n");

  // An answer before the timeout: no TimeoutError.
  Out out2;
  auto again = monty::Snapshot::load(at_timeout, out2.host());
  ASSERT_TRUE(again);
  const CallResult slow[] = {CallResult::ok(5, Object::integer(1))};
  p = again.value()->resolve(slow);
  ASSERT_TRUE(p && p->is_complete());
  EXPECT_EQ(out2.text, "");
}

TEST(DeferredCalls, AnErrorIsRaisedWhereTheCallIsAwaited) {
  Runner runner = compile(R"(import asyncio

async def main():
    t = asyncio.create_task(fetch(1))
    try:
        await t
    except ValueError as e:
        print("caught", e)
    return "done"

print(asyncio.run(main()))
)");
  Out out;
  auto p = runner.start({}, {}, out.host());
  ASSERT_TRUE(p && !p->is_complete());
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  ASSERT_EQ(p->snapshot().pending().kind, Kind::Wait);
  const CallResult r[] = {CallResult::error(1, "ValueError", "no such page")};
  p = p->snapshot().resolve(r);
  ASSERT_TRUE(p) << p.error().formatted;
  EXPECT_TRUE(p->is_complete());
  EXPECT_EQ(out.text, "caught no such page\ndone\n");
}

TEST(DeferredCalls, CancelledCallsAreNoLongerWaitedFor) {
  Runner runner = compile(R"(import asyncio

async def main():
    slow = asyncio.create_task(fetch("slow"))
    fast = asyncio.create_task(fetch("fast"))
    r = await fast
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("cancelled")
    return r

print(asyncio.run(main()))
)");
  Out out;
  auto p = runner.start({}, {}, out.host());
  ASSERT_TRUE(p && !p->is_complete());
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  ASSERT_EQ(p->snapshot().pending().waiting, (std::vector<uint64_t>{1, 2}));
  const CallResult fast[] = {CallResult::ok(2, Object::str("F"))};
  p = p->snapshot().resolve(fast);
  ASSERT_TRUE(p) << p.error().formatted;
  ASSERT_TRUE(p->is_complete());
  EXPECT_EQ(out.text, "cancelled\nF\n");
}

TEST(DeferredCalls, MisuseIsRefusedAndTheSnapshotStaysUsable) {
  // Outside a loop a call cannot be deferred: nothing could await it.
  Runner sync = compile("x = fetch(1)\nx + 1\n");
  Out out;
  auto p = sync.start({}, {}, out.host());
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_FALSE(p->snapshot().pending().in_event_loop);
  auto refused = p->snapshot().defer();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().summary(),
            "RuntimeError: defer(): 'fetch' was not called inside a running asyncio event loop, "
            "so nothing could await a later answer; answer it now with resume()");
  const CallResult none[] = {CallResult::ok(1, Object::none())};
  auto wrong_kind = p->snapshot().resolve(none);
  ASSERT_FALSE(wrong_kind);
  EXPECT_EQ(wrong_kind.error().summary(),
            "RuntimeError: resolve() answers deferred calls (a wait); this snapshot waits for an "
            "external function call");
  auto done = p->snapshot().resume(Object::integer(41));
  ASSERT_TRUE(done && done->is_complete());
  EXPECT_EQ(done->output(), Object::integer(42));

  Runner runner = compile(kGather);
  p = runner.start({}, {}, out.host());
  p = p->snapshot().defer();
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  std::unique_ptr<monty::Snapshot> owned = p->take_snapshot();
  monty::Snapshot& wait = *owned;
  ASSERT_EQ(wait.pending().kind, Kind::Wait);
  auto defer_wait = wait.defer();
  ASSERT_FALSE(defer_wait);
  EXPECT_EQ(defer_wait.error().summary(),
            "RuntimeError: defer() answers an external function call; this snapshot waits for "
            "deferred calls (wait)");
  EXPECT_EQ(wait.resume(Object::none()).error().summary(),
            "RuntimeError: this snapshot waits for deferred calls (a wait): answer them with "
            "resolve()");
  EXPECT_EQ(wait.resume_error("ValueError", "x").error().summary(),
            "RuntimeError: this snapshot waits for deferred calls (a wait): answer them with "
            "resolve()");
  const CallResult unknown[] = {CallResult::ok(7, Object::none())};
  EXPECT_EQ(wait.resolve(unknown).error().summary(),
            "RuntimeError: resolve(): call 7 is not one this snapshot waits for (1, 2)");
  const CallResult twice[] = {CallResult::ok(1, Object::none()), CallResult::ok(1, Object::none())};
  EXPECT_EQ(wait.resolve(twice).error().summary(),
            "RuntimeError: resolve(): call 1 is answered twice");
  EXPECT_EQ(wait.resolve({}).error().summary(),
            "RuntimeError: resolve(): no timer is set, so only an answer can wake the program: "
            "answer at least one of the calls it waits for (1, 2)");
  EXPECT_FALSE(wait.resumed());
  const CallResult both[] = {CallResult::ok(1, Object::str("x")),
                             CallResult::ok(2, Object::str("y"))};
  p = wait.resolve(both);
  ASSERT_TRUE(p && !p->is_complete());
  EXPECT_TRUE(wait.resumed());
  auto used = wait.resolve(both);
  ASSERT_FALSE(used);
  EXPECT_EQ(used.error().summary(), "RuntimeError: this snapshot was already resumed");
}

TEST(DeferredCalls, HostCallsInALoopRunByABuiltinStillRaise) {
  // asyncio.run called by a builtin (map) runs its loop natively, where
  // nothing can pause: host calls there raise as before, so no wait arises.
  Runner runner = compile(R"(import asyncio

async def main(x):
    return await fetch(x)

list(map(asyncio.run, [main(1)]))
)");
  Out out;
  auto p = runner.start({}, {}, out.host());
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().type, "RuntimeError");
  EXPECT_NE(p.error().message.find("cannot be called from inside a builtin callback"),
            std::string::npos);
}

TEST(DeferredCalls, AlteredWaitSnapshotsNeverCrash) {
  Runner runner = compile(kGather);
  Out out;
  auto p = runner.start({}, {}, out.host());
  p = p->snapshot().defer();
  p = p->snapshot().defer();
  ASSERT_TRUE(p && !p->is_complete());
  const std::vector<uint8_t> bytes = p->snapshot().dump();
  int loaded = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    for (uint8_t delta : {uint8_t{1}, uint8_t{0x80}}) {
      std::vector<uint8_t> b = bytes;
      b[i] = static_cast<uint8_t>(b[i] ^ delta);
      auto s = monty::Snapshot::load(b, out.host());
      if (!s) {
        EXPECT_EQ(s.error().type, "ValueError");
        continue;
      }
      loaded++;
      monty::Snapshot& snap = *s.value();
      // Whatever it now waits for, answering it must end in a result or a
      // Python error (the run is bounded by an instruction-free program).
      if (snap.pending().kind == Kind::Wait && !snap.pending().waiting.empty()) {
        std::vector<CallResult> all;
        for (uint64_t id : snap.pending().waiting)
          all.push_back(CallResult::ok(id, Object::str("v")));
        auto r = snap.resolve(all);
        (void)r;
      }
    }
  }
  EXPECT_GT(loaded, 0);
}

}  // namespace
