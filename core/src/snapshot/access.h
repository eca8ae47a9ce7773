// The snapshot code's door into private state of Heap and Dict (both declare
// `friend struct SnapshotAccess`). Kept to what dumping and loading need.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/dict.h"
#include "runtime/heap.h"

namespace monty {

struct SnapshotAccess {
  // ---- Heap ----
  // Frees every object and forgets all ids, so the next make() gets id 0.
  static void clear_heap(Heap& h) {
    for (HeapObject* o : h.objects_) delete o;
    h.objects_.clear();
    h.free_ids_.clear();
    h.free_count_ = 0;
    h.bytes_ = 0;
    h.bytes_since_gc_ = 0;
  }
  // After loading: the accounting a collection would compute, plus the
  // allocation count (a limit) carried over from the dumped session.
  static void finish_heap(Heap& h, uint64_t allocations) {
    uint64_t live = 0;
    for (HeapObject* o : h.objects_) live += o->memory_size();
    h.bytes_ = live;
    h.bytes_since_gc_ = 0;
    h.gc_threshold_ = live > (4u << 20) ? live : (4u << 20);
    h.allocations_ = allocations;
  }

  // ---- Dict ----
  static size_t index_size(const Dict& d) { return d.index_.size(); }
  static size_t finger(const Dict& d) { return d.finger_; }
  // Installs `entries` (dict layout: insertion order with tombstones; set
  // layout: the open-addressing table) and rebuilds the dict-layout index
  // from the hashes, never comparing keys (no Python code runs on load).
  // The caller has validated sizes (see state_io.cpp).
  static void install(Dict& d, bool set_layout, std::vector<Dict::Entry> entries, size_t index_size,
                      size_t finger, uint32_t version) {
    d.set_layout_ = set_layout;
    d.entries_ = std::move(entries);
    d.version_ = version;
    d.finger_ = finger;
    size_t used = 0, fill = 0;
    for (const Dict::Entry& e : d.entries_) {
      if (!e.key.is_undef()) used++;
      if (!e.key.is_undef() || (set_layout && e.hash == -1)) fill++;
    }
    d.used_ = used;
    d.fill_ = fill;
    d.index_.clear();
    if (set_layout) return;
    if (index_size == 0) return;
    d.index_.assign(index_size, -1);
    for (size_t n = 0; n < d.entries_.size(); ++n) {
      if (d.entries_[n].key.is_undef()) continue;  // tombstones are not indexed
      d.index_[d.find_empty_index_slot(d.entries_[n].hash)] = static_cast<int32_t>(n);
    }
    d.fill_ = used;  // only live entries occupy index slots
  }
};

}  // namespace monty
