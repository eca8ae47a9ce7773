// The bytearray type: a mutable byte string (ByteArrayObj).
//
// Only what mutates lives here: the constructor, item and slice assignment
// and deletion, and the list-like methods (append, extend, pop, insert,
// remove, clear, copy, reverse). Every read-only method is bytes's
// (types/bytes.cpp reads either type and returns the receiver's type);
// builtin_types.cpp appends the bytes method table to this one. Operators
// (+, *, +=, comparisons) are in protocols.cpp next to bytes's.

#include <algorithm>

#include "runtime/types/registry.h"

namespace monty {

const std::string* bytes_like_data(const VM& vm, Value v) {
  if (!v.is_obj()) return nullptr;
  HeapObject* o = vm.heap.get(v);
  if (o->kind == ObjKind::Bytes) return &static_cast<BytesObj*>(o)->data;
  if (o->kind == ObjKind::ByteArray) return &static_cast<ByteArrayObj*>(o)->data;
  return nullptr;
}

namespace {

std::string& data_of(VM& vm, Value v) { return vm.as<ByteArrayObj>(v)->data; }

// An int in range(256) given where a single byte is expected.
char byte_value(VM& vm, Value v) {
  int64_t c;
  if (v.is_int() || v.is_bool()) {
    c = v.i;
  } else if (vm.is_bigint(v)) {
    c = -1;
  } else {
    c = vm.to_index(v);
  }
  if (c < 0 || c > 255) vm.value_error("byte must be in range(0, 256)");
  return static_cast<char>(c);
}

// The bytes an assignment or extend() receives: a bytes-like object or an
// iterable of ints (anything bytes() accepts, except an int count).
std::string bytes_from(VM& vm, Value v) {
  if (const std::string* d = bytes_like_data(vm, v)) return *d;  // copy: ba[:] = ba
  std::string out;
  vm.for_each(v, [&](Value x) { out.push_back(byte_value(vm, x)); });
  return out;
}

// ---- methods -----------------------------------------------------------------------------
Value ba_append(VM& vm, CallArgs& a) {
  check_one_arg(vm, a, "bytearray.append");
  char c = byte_value(vm, a[0]);
  data_of(vm, a.self).push_back(c);
  return Value::none();
}

Value ba_extend(VM& vm, CallArgs& a) {
  check_one_arg(vm, a, "bytearray.extend");
  if (vm.is_integer(a[0])) vm.type_error("can't extend bytearray with " + vm.type_name(a[0]));
  std::string more = bytes_from(vm, a[0]);
  vm.check_alloc(data_of(vm, a.self).size() + more.size());
  data_of(vm, a.self) += more;
  return Value::none();
}

Value ba_pop(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "pop", 0, 1);
  std::string& d = data_of(vm, a.self);
  int64_t i = a.size() ? vm.to_index(a[0]) : -1;
  if (d.empty()) vm.index_error("pop from empty bytearray");
  auto n = static_cast<int64_t>(d.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.index_error("pop index out of range");
  auto c = static_cast<unsigned char>(d[static_cast<size_t>(i)]);
  d.erase(static_cast<size_t>(i), 1);
  return Value::integer(c);
}

Value ba_insert(VM& vm, CallArgs& a) {
  check_arg_count(vm, a, "insert", 2, 2);
  int64_t i = vm.to_index(a[0]);
  char c = byte_value(vm, a[1]);
  std::string& d = data_of(vm, a.self);
  auto n = static_cast<int64_t>(d.size());
  // list.insert's clamping: out-of-range positions go to either end.
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  d.insert(d.begin() + i, c);
  return Value::none();
}

Value ba_remove(VM& vm, CallArgs& a) {
  check_one_arg(vm, a, "bytearray.remove");
  char c = byte_value(vm, a[0]);
  std::string& d = data_of(vm, a.self);
  size_t at = d.find(c);
  if (at == std::string::npos) vm.value_error("value not found in bytearray");
  d.erase(at, 1);
  return Value::none();
}

Value ba_clear(VM& vm, CallArgs& a) {
  check_no_args(vm, a, "bytearray.clear");
  data_of(vm, a.self).clear();
  return Value::none();
}

Value ba_copy(VM& vm, CallArgs& a) {
  check_no_args(vm, a, "bytearray.copy");
  return vm.heap.make<ByteArrayObj>(data_of(vm, a.self));
}

Value ba_reverse(VM& vm, CallArgs& a) {
  check_no_args(vm, a, "bytearray.reverse");
  std::string& d = data_of(vm, a.self);
  std::reverse(d.begin(), d.end());
  return Value::none();
}

constexpr MethodDef kByteArrayMethodTable[] = {
    {"append", ba_append}, {"clear", ba_clear}, {"copy", ba_copy},     {"extend", ba_extend},
    {"insert", ba_insert}, {"pop", ba_pop},     {"remove", ba_remove}, {"reverse", ba_reverse},
};

}  // namespace

const std::span<const MethodDef> kByteArrayMethods = kByteArrayMethodTable;

// ---- construction, repr, item assignment ---------------------------------------------------

Value construct_bytearray(VM& vm, CallArgs& args) {
  // bytes()'s arguments (a count, text with an encoding, a bytes-like
  // object, an iterable of ints), with bytearray's own wording for the
  // iterable case ("byte must be in range", "to bytearray").
  if (args.size() == 1 && !args.has_kwargs()) {
    Value src = args[0];
    if (const std::string* d = bytes_like_data(vm, src)) return vm.heap.make<ByteArrayObj>(*d);
    bool count = vm.is_integer(src) || (vm.is_kind(src, ObjKind::Instance) &&
                                        !vm.lookup_special(src, "__index__").is_undef());
    if (!count && !vm.is_str(src)) {
      Value it;
      try {
        it = vm.iter(src);
      } catch (const PyError& e) {
        if (!vm.is_instance(e.exc, BuiltinTypeId::TypeError)) throw;
        vm.type_error("cannot convert '" + vm.type_name(src) + "' object to bytearray");
      }
      std::string out;
      Value x;
      while (vm.next(it, &x)) out.push_back(byte_value(vm, x));
      return vm.heap.make<ByteArrayObj>(std::move(out));
    }
  }
  Value b = construct_bytes(vm, args);
  return vm.heap.make<ByteArrayObj>(vm.as<BytesObj>(b)->data);
}

std::string bytearray_repr(VM& vm, Value v) {
  return "bytearray(" + bytes_repr(data_of(vm, v)) + ")";
}

void bytearray_setitem(VM& vm, Value ba, Value key, Value value) {
  int64_t i;
  if (seq_index_key(vm, key, "bytearray", &i)) {
    char c = byte_value(vm, value);
    std::string& d = data_of(vm, ba);
    auto n = static_cast<int64_t>(d.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("bytearray index out of range");
    d[static_cast<size_t>(i)] = c;
    return;
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  if (vm.is_integer(value) || vm.is_str(value))
    vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
  std::string src = bytes_from(vm, value);
  std::string& d = data_of(vm, ba);  // re-fetched: the conversion may have run code
  int64_t len = slice_adjust(static_cast<int64_t>(d.size()), &start, &stop, step);
  if (step == 1) {
    if (stop < start) stop = start;
    vm.check_alloc(d.size() + src.size());
    d.replace(static_cast<size_t>(start), static_cast<size_t>(stop - start), src);
    return;
  }
  if (static_cast<int64_t>(src.size()) != len) {
    vm.value_error("attempt to assign bytes of size " + std::to_string(src.size()) +
                   " to extended slice of size " + std::to_string(len));
  }
  for (int64_t k = 0, j = start; k < len; ++k, j += step)
    d[static_cast<size_t>(j)] = src[static_cast<size_t>(k)];
}

void bytearray_delitem(VM& vm, Value ba, Value key) {
  int64_t i;
  if (seq_index_key(vm, key, "bytearray", &i)) {
    std::string& d = data_of(vm, ba);
    auto n = static_cast<int64_t>(d.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.index_error("bytearray index out of range");
    d.erase(static_cast<size_t>(i), 1);
    return;
  }
  int64_t start, stop, step;
  slice_unpack(vm, key, &start, &stop, &step);
  std::string& d = data_of(vm, ba);
  int64_t len = slice_adjust(static_cast<int64_t>(d.size()), &start, &stop, step);
  if (len <= 0) return;
  if (step < 0) {  // the same positions, visited upwards
    start = start + step * (len - 1);
    step = -step;
  }
  std::string out;
  out.reserve(d.size() - static_cast<size_t>(len));
  int64_t next = start, removed = 0;
  for (size_t r = 0; r < d.size(); ++r) {
    if (removed < len && static_cast<int64_t>(r) == next) {
      ++removed;
      next += step;
      continue;
    }
    out.push_back(d[r]);
  }
  d.swap(out);
}

}  // namespace monty
