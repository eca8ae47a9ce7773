// Heap: owns every object of one session and names each by a 32-bit id.
//
// All allocation goes through Heap::make, the one place where memory and
// allocation limits are accounted. Collection is a precise mark-sweep run by
// the VM at safepoints only (never inside an allocation), so native code may
// hold Values in C++ locals between safepoints without registering roots.
// Freed ids are reused lowest-first (a LIFO list rebuilt by each sweep) so
// that the same program produces the same ids, and hence the same snapshot
// bytes, on every run.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/objects.h"

namespace monty {

class Heap {
 public:
  Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap();

  template <typename T, typename... Args>
  Value make(Args&&... args) {
    T* obj = new T(std::forward<Args>(args)...);
    return Value::obj(adopt(obj));
  }

  HeapObject* get(uint32_t id) const { return objects_[id]; }
  HeapObject* get(Value v) const { return objects_[v.id]; }
  template <typename T>
  T* as(Value v) const {
    return static_cast<T*>(objects_[v.id]);
  }

  size_t live_objects() const { return objects_.size() - free_count_; }
  uint64_t allocations() const { return allocations_; }
  // Bytes accounted at allocation time since the last collection recount.
  uint64_t bytes() const { return bytes_; }
  void add_bytes(int64_t delta) {
    bytes_ += static_cast<uint64_t>(delta);
    if (bytes_ > alarm_at_) ring_alarm();
  }
  // Bytes found live by the last collection (0 before the first): a lower
  // bound of what is live now, unlike bytes(), which includes garbage.
  uint64_t live_bytes_at_last_collection() const { return live_at_collection_; }
  // Memory-limit alarm: the first time bytes() passes `limit` after being
  // armed, *wake is set to 0. The VM passes its next_check_, so the next
  // safepoint (a backward jump or call) runs at once and collects and
  // recounts, instead of up to a check period later: without this a loop
  // doubling a list each iteration would pass the limit many times over
  // before it is noticed. One-shot; collect() re-arms it.
  bool has_memory_alarm() const { return alarm_wake_ != nullptr; }
  void set_memory_alarm(uint64_t limit, uint64_t* wake) {
    alarm_limit_ = limit;
    alarm_wake_ = wake;
    alarm_at_ = limit;
  }
  // Re-arms the alarm at a higher mark (the VM's ceiling while collecting is
  // impossible); collect() resets it to the limit.
  void raise_memory_alarm(uint64_t at) {
    if (alarm_wake_) alarm_at_ = at;
  }
  bool wants_collection() const { return bytes_since_gc_ > gc_threshold_; }

  // Marks from `roots` (a Tracer visit of every root) and frees the rest.
  template <typename RootFn>
  void collect(RootFn&& visit_roots);

  size_t capacity() const { return objects_.size(); }

 private:
  uint32_t adopt(HeapObject* obj);
  void sweep();
  void mark_from(std::vector<uint32_t>& stack);

  std::vector<HeapObject*> objects_;  // id -> object (null when free)
  std::vector<uint32_t> free_ids_;    // free ids, lowest on top (back)
  size_t free_count_ = 0;
  uint64_t allocations_ = 0;
  uint64_t bytes_ = 0;
  uint64_t bytes_since_gc_ = 0;
  // Growth between collections: at least this, else as much as was live
  // at the last one. MONTY_GC_STRESS (a CMake option for sanitizer runs)
  // drops the floor, so small heaps are collected at nearly every safepoint
  // and a Value a native function forgot to root is freed under it soon.
#ifdef MONTY_GC_STRESS
  static constexpr uint64_t kMinGcThreshold = 0;
#else
  static constexpr uint64_t kMinGcThreshold = 4u << 20;
#endif
  uint64_t gc_threshold_ = kMinGcThreshold;
  uint64_t live_at_collection_ = 0;
  uint64_t alarm_limit_ = UINT64_MAX;
  uint64_t alarm_at_ = UINT64_MAX;  // UINT64_MAX: disarmed
  uint64_t* alarm_wake_ = nullptr;
  void ring_alarm() {
    alarm_at_ = UINT64_MAX;
    if (alarm_wake_) *alarm_wake_ = 0;
  }

  friend class MarkTracer;
  // Snapshot loading rebuilds a heap with dense ids and restores counters.
  friend struct SnapshotAccess;
};

class MarkTracer final : public Tracer {
 public:
  explicit MarkTracer(Heap& heap) : heap_(heap) {}
  void visit(Value v) override {
    if (v.tag != Tag::Obj) return;
    HeapObject* o = heap_.objects_[v.id];
    if (o == nullptr || o->marked) return;
    o->marked = true;
    stack_.push_back(v.id);
  }
  void drain() {
    while (!stack_.empty()) {
      uint32_t id = stack_.back();
      stack_.pop_back();
      heap_.objects_[id]->trace(*this);
    }
  }

 private:
  Heap& heap_;
  std::vector<uint32_t> stack_;
};

template <typename RootFn>
void Heap::collect(RootFn&& visit_roots) {
  MarkTracer tracer(*this);
  visit_roots(static_cast<Tracer&>(tracer));
  tracer.drain();
  sweep();
}

}  // namespace monty
