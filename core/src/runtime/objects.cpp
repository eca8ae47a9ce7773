// Out-of-line parts of the heap object types and of the Heap.

#include <algorithm>
#include <functional>

#include "runtime/heap.h"
#include "runtime/vm.h"

namespace monty {

StrObj::StrObj(std::string s) : HeapObject(ObjKind::Str), data(std::move(s)) {
  uint32_t n = 0;
  bool all_ascii = true;
  for (unsigned char c : data) {
    if ((c & 0xc0) != 0x80) n++;
    if (c >= 0x80) all_ascii = false;
  }
  length = n;
  ascii = all_ascii;
}

void FunctionObj::trace(Tracer& t) const {
  for (const Value& v : defaults) t.visit(v);
  for (const Value& v : kwdefaults) t.visit(v);
  for (const Value& v : cells) t.visit(v);
  t.visit(name);
  t.visit(qualname);
  t.visit(doc);
  t.visit(attrs);
  t.visit(annotations);
}

void ClassObj::trace(Tracer& t) const {
  t.visit(name);
  t.visit(qualname);
  for (const Value& v : bases) t.visit(v);
  for (const Value& v : mro) t.visit(v);
  attrs.trace(t);
  t.visit(slots);
}

void InstanceObj::trace(Tracer& t) const {
  t.visit(cls);
  inline_attrs.trace(t);
  t.visit(dict);
  t.visit(args);
  t.visit(cause);
  t.visit(context);
  t.visit(builtin_value);
}

GeneratorObj::~GeneratorObj() = default;

void GeneratorObj::trace(Tracer& t) const {
  t.visit(name);
  if (frame) frame->trace(t);
}

size_t GeneratorObj::memory_size() const {
  return sizeof(*this) + (frame ? sizeof(Frame) + frame->slots.capacity() * sizeof(Value) : 0);
}

// ---------------------------------------------------------------------------
// Heap
// ---------------------------------------------------------------------------
Heap::~Heap() {
  for (HeapObject* o : objects_) delete o;
}

uint32_t Heap::adopt(HeapObject* obj) {
  size_t size = obj->memory_size();
  bytes_ += size;
  bytes_since_gc_ += size;
  if (bytes_ > alarm_at_) ring_alarm();
  allocations_++;
  if (!free_ids_.empty()) {
    uint32_t id = free_ids_.back();
    free_ids_.pop_back();
    free_count_--;
    objects_[id] = obj;
    return id;
  }
  objects_.push_back(obj);
  return static_cast<uint32_t>(objects_.size() - 1);
}

void Heap::sweep() {
  uint64_t live = 0;
  for (size_t id = 0; id < objects_.size(); id++) {
    HeapObject* o = objects_[id];
    if (!o) continue;
    if (o->marked) {
      o->marked = false;
      live += o->memory_size();
      continue;
    }
    delete o;
    objects_[id] = nullptr;
  }
  // Reuse low ids first: push the freed ids in descending order onto the
  // LIFO free list. Deterministic: it depends only on the sweep.
  free_ids_.clear();
  for (size_t id = objects_.size(); id-- > 0;) {
    if (!objects_[id]) free_ids_.push_back(static_cast<uint32_t>(id));
  }
  free_count_ = free_ids_.size();
  bytes_ = live;
  bytes_since_gc_ = 0;
  live_at_collection_ = live;
  alarm_at_ = alarm_limit_;
  // Collect again after the heap has grown by as much as is live now.
  gc_threshold_ = std::max<uint64_t>(kMinGcThreshold, live);
}

}  // namespace monty
