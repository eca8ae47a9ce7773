// The random module: random.Random (the Mersenne Twister MT19937 and
// CPython 3.11's Lib/random.py algorithms on top of it) and the module
// functions, which are bound methods of one hidden instance, as in CPython.
// A program seeded with an int draws exactly CPython's numbers.
//
// No ambient authority: there is no entropy source, so an unseeded
// generator (the module's, or Random() / seed() / seed(None)) starts as
// random.seed(0) does; a host that wants varied runs passes a seed in as an
// input. Each Random keeps its state in a hidden bytearray (" mt": 624
// 32-bit words and the position, little-endian) so that snapshots carry it
// as an ordinary value; it is validated on every use.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/types/registry.h"

namespace monty {

namespace {

constexpr int kN = 624;
constexpr int kM = 397;
constexpr size_t kStateBytes = (kN + 1) * 4;

// The generator over its state bytes, in place: 624 32-bit words and the
// position, little-endian (wasm and the supported hosts are little-endian;
// memcpy keeps the accesses aligned-safe).
struct Twister {
  unsigned char* bytes;

  uint32_t get(size_t i) const {
    uint32_t w;
    std::memcpy(&w, bytes + 4 * i, 4);
    return w;
  }
  void put(size_t i, uint32_t w) { std::memcpy(bytes + 4 * i, &w, 4); }
  uint32_t index() const { return get(kN); }
  void set_index(uint32_t i) { put(kN, i); }

  void seed_words(const std::vector<uint32_t>& key) {
    put(0, 19650218u);
    for (uint32_t i = 1; i < kN; i++) put(i, 1812433253u * (get(i - 1) ^ (get(i - 1) >> 30)) + i);
    size_t i = 1, j = 0;
    for (size_t k = std::max<size_t>(kN, key.size()); k; k--) {
      put(i, (get(i) ^ ((get(i - 1) ^ (get(i - 1) >> 30)) * 1664525u)) + key[j] +
                 static_cast<uint32_t>(j));
      i++, j++;
      if (i >= kN) put(0, get(kN - 1)), i = 1;
      if (j >= key.size()) j = 0;
    }
    for (size_t k = kN - 1; k; k--) {
      put(i,
          (get(i) ^ ((get(i - 1) ^ (get(i - 1) >> 30)) * 1566083941u)) - static_cast<uint32_t>(i));
      i++;
      if (i >= kN) put(0, get(kN - 1)), i = 1;
    }
    put(0, 0x80000000u);
    set_index(kN);
  }

  uint32_t next() {
    uint32_t idx = index();
    if (idx >= kN) {
      static constexpr uint32_t kMag01[2] = {0, 0x9908b0dfu};
      auto twist = [&](size_t kk, size_t next, size_t far) {
        uint32_t y = (get(kk) & 0x80000000u) | (get(next) & 0x7fffffffu);
        put(kk, get(far) ^ (y >> 1) ^ kMag01[y & 1]);
      };
      size_t kk = 0;
      for (; kk < kN - kM; kk++) twist(kk, kk + 1, kk + kM);
      for (; kk < kN - 1; kk++) twist(kk, kk + 1, kk + kM - kN);
      twist(kN - 1, 0, kM - 1);
      idx = 0;
    }
    uint32_t y = get(idx);
    set_index(idx + 1);
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }

  double random() {
    uint32_t a = next() >> 5, b = next() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }
};

Value random_class(VM& vm) {
  for (Value m : vm.modules) {
    auto* module = vm.as<ModuleObj>(m);
    if (vm.str_view(module->name) != "random") continue;
    Dict::Entry* e = module->attrs.find_str(vm, vm.intern(" Random"));
    if (e && vm.is_kind(e->value, ObjKind::Class)) return e->value;
  }
  vm.raise(BuiltinTypeId::RuntimeError, "random.Random is missing from the run's state");
}

// A Random's generator: its hidden state bytearray, checked, used in place.
class Generator {
 public:
  Generator(VM& vm, Value self, const char* method) : vm_(vm), self_(self) {
    if (!vm.is_kind(self, ObjKind::Instance) || !vm.isinstance(self, random_class(vm)))
      vm.type_error(std::string("descriptor '") + method +
                    "' requires a 'random.Random' object but received a '" + vm.type_name(self) +
                    "'");
    Dict::Entry* e = vm.instance_attrs(vm.as<InstanceObj>(self)).find_str(vm, vm.intern(" mt"));
    if (!e || !vm.is_kind(e->value, ObjKind::ByteArray) ||
        vm.as<ByteArrayObj>(e->value)->data.size() != kStateBytes)
      vm.type_error("random.Random state is corrupt");
    // The bytearray stays referenced by the instance while this draws (no
    // Python code runs in between), and it never changes size here.
    t_.bytes = reinterpret_cast<unsigned char*>(vm.as<ByteArrayObj>(e->value)->data.data());
    if (t_.index() > kN) vm.type_error("random.Random state is corrupt");
  }
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  Twister& twister() { return t_; }
  double random() { return t_.random(); }

  // getrandbits(k) as a Python int.
  Value bits(int64_t k) {
    if (k <= 32) return Value::integer(k == 0 ? 0 : t_.next() >> (32 - k));
    std::vector<uint32_t> words;
    for (int64_t left = k; left > 0; left -= 32) {
      uint32_t r = t_.next();
      if (left < 32) r >>= (32 - left);
      words.push_back(r);
    }
    return vm_.new_int(BigInt::from_limbs(false, std::move(words)));
  }

  // _randbelow_with_getrandbits(n), n > 0.
  int64_t below(int64_t n) {
    int64_t k = 0;
    for (uint64_t v = static_cast<uint64_t>(n); v; v >>= 1) k++;
    for (;;) {
      vm_.native_work(1);
      uint64_t r;
      if (k <= 32) {
        r = k == 0 ? 0 : t_.next() >> (32 - k);
      } else {
        uint64_t lo = t_.next(), hi = t_.next() >> (64 - k);
        r = lo | (hi << 32);
      }
      if (r < static_cast<uint64_t>(n)) return static_cast<int64_t>(r);
    }
  }

  Value gauss_next() {
    Dict::Entry* e =
        vm_.instance_attrs(vm_.as<InstanceObj>(self_)).find_str(vm_, vm_.intern("gauss_next"));
    return e ? e->value : Value::none();
  }
  void set_gauss_next(Value v) {
    vm_.instance_attrs(vm_.as<InstanceObj>(self_)).set(vm_, vm_.intern("gauss_next"), v);
  }

 private:
  VM& vm_;
  Value self_;
  Twister t_;
};

// seed(a): an int seeds with its magnitude's 32-bit words; None (no
// entropy here) as 0; a float or other hashable by its hash; str and bytes
// need SHA-512, which this interpreter does not provide.
std::vector<uint32_t> seed_key(VM& vm, Value a) {
  if (a.is_undef() || a.is_none()) return {0};
  if (vm.is_str(a) || vm.is_kind(a, ObjKind::Bytes) || vm.is_kind(a, ObjKind::ByteArray))
    vm.raise(BuiltinTypeId::NotImplementedError,
             "random.seed() of a str or bytes is not supported (it needs SHA-512): seed with an "
             "int");
  Value n = vm.is_integer(a) ? a : Value::integer(vm.hash(a));
  BigInt big = int_to_bigint(vm, n);
  std::vector<uint32_t> key = big.limbs();
  if (key.empty()) key.push_back(0);
  return key;
}

void reseed(VM& vm, Value self, Value a) {
  std::vector<uint32_t> key = seed_key(vm, a);
  Generator g(vm, self, "seed");
  g.twister().seed_words(key);
  g.set_gauss_next(Value::none());
}

// Gives a new Random its state bytearray.
void init_state(VM& vm, Value self) {
  vm.instance_attrs(vm.as<InstanceObj>(self))
      .set(vm, vm.intern(" mt"), vm.heap.make<ByteArrayObj>(std::string(kStateBytes, '\0')));
}

Value r_init(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.__init__", {"self", "x"}, 1, a);
  if (!vm.is_kind(a[0], ObjKind::Instance)) vm.type_error("Random.__init__() needs an instance");
  init_state(vm, a[0]);
  reseed(vm, a[0], a[1]);
  return Value::none();
}

Value r_seed(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.seed", {"self", "a", "version"}, 1, a);
  reseed(vm, a[0], a[1]);
  return Value::none();
}

Value self_arg(VM& vm, const CallArgs& args, const char* method) {
  if (args.size() == 0)
    vm.type_error(std::string("descriptor '") + method +
                  "' of 'random.Random' object needs an argument");
  return args[0];
}

Value r_random(VM& vm, CallArgs& args) {
  Generator g(vm, self_arg(vm, args, "random"), "random");
  if (args.size() != 1 || args.has_kwargs())
    vm.type_error("Random.random() takes no arguments (" + std::to_string(args.size() - 1) +
                  " given)");
  return Value::floating(g.random());
}

Value r_getrandbits(VM& vm, CallArgs& args) {
  Value self = self_arg(vm, args, "getrandbits");
  if (args.size() != 2 || args.has_kwargs())
    vm.type_error("Random.getrandbits() takes exactly one argument (" +
                  std::to_string(args.size() - 1) + " given)");
  int64_t k = vm.to_index(args[1]);
  if (k < 0) vm.value_error("number of bits must be non-negative");
  vm.check_alloc(static_cast<uint64_t>(k / 8));
  Generator g(vm, self, "getrandbits");
  return g.bits(k);
}

// An int argument of randrange (3.11 still takes integral floats).
int64_t range_arg(VM& vm, Value v, int position) {
  if (v.is_float()) {
    if (v.f != std::floor(v.f) || !std::isfinite(v.f))
      vm.value_error("non-integer arg " + std::to_string(position) + " for randrange()");
    if (std::fabs(v.f) >= 9.2e18)
      vm.raise(BuiltinTypeId::OverflowError, "randrange() argument too large");
    return static_cast<int64_t>(v.f);
  }
  if (vm.is_bigint(v))
    vm.raise(BuiltinTypeId::OverflowError,
             "randrange() arguments beyond 64 bits are not supported");
  return vm.to_index(v);
}

Value randrange_impl(VM& vm, Value self, Value start, Value stop, Value step) {
  int64_t istart = range_arg(vm, start, 1);
  if (stop.is_undef() || stop.is_none()) {
    if (!step.is_undef() && !(step.is_int() && step.i == 1))
      vm.type_error("Missing a non-None stop argument");
    if (istart > 0) {
      Generator g(vm, self, "randrange");
      return Value::integer(g.below(istart));
    }
    vm.value_error("empty range for randrange()");
  }
  int64_t istop = range_arg(vm, stop, 2);
  int64_t istep = step.is_undef() ? 1 : range_arg(vm, step, 3);
  __int128 width = static_cast<__int128>(istop) - istart;
  if (istep == 1) {
    if (width > 0) {
      if (width > INT64_MAX)
        vm.raise(BuiltinTypeId::OverflowError, "randrange() range beyond 64 bits is not supported");
      Generator g(vm, self, "randrange");
      return Value::integer(istart + g.below(static_cast<int64_t>(width)));
    }
    vm.value_error("empty range for randrange() (" + std::to_string(istart) + ", " +
                   std::to_string(istop) + ", " + std::to_string(static_cast<long long>(width)) +
                   ")");
  }
  __int128 n;
  if (istep > 0) {
    n = (width + istep - 1);
    n = n >= 0 ? n / istep : -((-n + istep - 1) / istep);
  } else if (istep < 0) {
    n = (width + istep + 1);
    // floor division by a negative step
    __int128 q = n / istep;
    if ((n % istep != 0) && ((n < 0) != (istep < 0))) q -= 1;
    n = q;
  } else {
    vm.value_error("zero step for randrange()");
  }
  if (n <= 0) vm.value_error("empty range for randrange()");
  Generator g(vm, self, "randrange");
  return Value::integer(istart + istep * g.below(static_cast<int64_t>(n)));
}

Value r_randrange(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args_like_python(vm, args, "Random.randrange", {"self", "start", "stop", "step"}, 2, a);
  return randrange_impl(vm, a[0], a[1], a[2], a[3]);
}

Value r_randint(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.randint", {"self", "a", "b"}, 3, a);
  Value stop = vm.binary_op(BinOp::Add, a[2], Value::integer(1));
  return randrange_impl(vm, a[0], a[1], stop, Value());
}

Value r_choice(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.choice", {"self", "seq"}, 2, a);
  int64_t n = vm.len(a[1]);
  if (n == 0) vm.raise(BuiltinTypeId::IndexError, "Cannot choose from an empty sequence");
  int64_t i;
  {
    Generator g(vm, a[0], "choice");
    i = g.below(n);
  }
  return vm.getitem(a[1], Value::integer(i));
}

Value r_shuffle(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.shuffle", {"self", "x"}, 2, a);
  Value x = a[1];
  // The draws depend only on the length: all of them first (the state is
  // loaded once), then the swaps, which may run a class's __setitem__.
  int64_t n = vm.len(x);
  vm.check_alloc(static_cast<uint64_t>(std::max<int64_t>(n, 0)) * sizeof(int64_t));
  std::vector<int64_t> picks;
  {
    Generator g(vm, a[0], "shuffle");
    for (int64_t i = n - 1; i >= 1; i--) picks.push_back(g.below(i + 1));
  }
  if (vm.is_list(x)) {
    auto& items = vm.as<ListObj>(x)->items;
    size_t k = 0;
    for (int64_t i = n - 1; i >= 1 && static_cast<int64_t>(items.size()) == n; i--, k++)
      std::swap(items[i], items[picks[k]]);
    return Value::none();
  }
  size_t k = 0;
  for (int64_t i = n - 1; i >= 1; i--, k++) {
    Value j = Value::integer(picks[k]);
    Value xi = vm.getitem(x, Value::integer(i)), xj = vm.getitem(x, j);
    vm.setitem(x, Value::integer(i), xj);
    vm.setitem(x, j, xi);
  }
  return Value::none();
}

bool is_sequence(VM& vm, Value v) {
  Value inner = subclass_value(vm, v);
  if (!inner.is_undef()) v = inner;
  if (v.is_obj()) {
    switch (vm.heap.get(v)->kind) {
      case ObjKind::List:
      case ObjKind::Tuple:
      case ObjKind::Str:
      case ObjKind::Bytes:
      case ObjKind::ByteArray:
      case ObjKind::Range:
        return true;
      default:
        break;
    }
  }
  return vm.is_kind(v, ObjKind::Instance) && vm.type_name(v) == "collections.deque";
}

Value r_sample(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args_like_python(vm, args, "Random.sample", {"self", "population", "k", "counts"}, 3, a);
  Value self = a[0], population = a[1];
  if (!is_sequence(vm, population))
    vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).");
  int64_t n = vm.len(population);
  if (!a[3].is_undef() && !a[3].is_none()) {
    // counts: sample positions in the expanded population, then map back.
    std::vector<Value> cum;
    Value total = Value::integer(0);
    vm.for_each(a[3], [&](Value c) {
      total = vm.binary_op(BinOp::Add, total, c);
      cum.push_back(total);
    });
    if (static_cast<int64_t>(cum.size()) != n)
      vm.value_error("The number of counts does not match the population");
    if (!total.is_int()) vm.type_error("Counts must be integers");
    if (total.i <= 0) vm.value_error("Total of counts must be greater than zero");
    Value range_args[] = {self, vm.new_range(0, total.i, 1), a[2]};
    CallArgs inner;
    inner.pos = range_args;
    Value positions = r_sample(vm, inner);
    std::vector<Value> out;
    for (Value s : std::vector<Value>(vm.as<ListObj>(positions)->items)) {
      size_t lo = 0, hi = cum.size();
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (vm.lt(s, cum[mid]))
          hi = mid;
        else
          lo = mid + 1;
      }
      out.push_back(vm.getitem(population, Value::integer(static_cast<int64_t>(lo))));
    }
    return vm.new_list(std::move(out));
  }
  int64_t k = vm.to_index(a[2]);
  if (k < 0 || k > n) vm.value_error("Sample larger than population or is negative");
  vm.check_alloc(static_cast<uint64_t>(k) * sizeof(Value));
  std::vector<Value> result(static_cast<size_t>(k), Value::none());
  int64_t setsize = 21;
  if (k > 5)
    setsize += static_cast<int64_t>(std::pow(4.0, std::ceil(std::log(k * 3.0) / std::log(4.0))));
  if (n <= setsize) {
    std::vector<Value> pool = vm.to_vector(population);
    Generator g(vm, self, "sample");
    for (int64_t i = 0; i < k; i++) {
      int64_t j = g.below(n - i);
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    // The positions first (they depend only on n), then the items.
    std::vector<int64_t> picks;
    {
      Generator g(vm, self, "sample");
      std::vector<bool> selected(static_cast<size_t>(n), false);
      for (int64_t i = 0; i < k; i++) {
        int64_t j = g.below(n);
        while (selected[j]) j = g.below(n);
        selected[j] = true;
        picks.push_back(j);
      }
    }
    for (int64_t i = 0; i < k; i++) result[i] = vm.getitem(population, Value::integer(picks[i]));
  }
  return vm.new_list(std::move(result));
}

// k draws of random() with one load of the state.
std::vector<double> draw_many(VM& vm, Value self, int64_t k) {
  std::vector<double> draws;
  Generator g(vm, self, "choices");
  for (int64_t i = 0; i < k; i++) draws.push_back(g.random());
  return draws;
}

Value r_choices(VM& vm, CallArgs& args) {
  Value a[5];
  bind_args_like_python(vm, args, "Random.choices",
                        {"self", "population", "weights", "cum_weights", "k"}, 2, a);
  Value self = a[0], population = a[1];
  Value weights = a[2].is_undef() ? Value::none() : a[2];
  Value cum_weights = a[3].is_undef() ? Value::none() : a[3];
  int64_t k = a[4].is_undef() ? 1 : vm.to_index(a[4]);
  int64_t n = vm.len(population);
  vm.check_alloc(static_cast<uint64_t>(std::max<int64_t>(k, 0)) * sizeof(Value));
  std::vector<Value> out;
  if (cum_weights.is_none()) {
    if (weights.is_none()) {
      std::vector<double> draws = draw_many(vm, self, k);
      double fn = static_cast<double>(n);
      for (double r : draws)
        out.push_back(
            vm.getitem(population, Value::integer(static_cast<int64_t>(std::floor(r * fn)))));
      return vm.new_list(std::move(out));
    }
    if (vm.is_integer(weights))
      vm.type_error("The number of choices must be a keyword argument: k=" + vm.repr_str(weights));
    std::vector<Value> cum;
    Value total;
    vm.for_each(weights, [&](Value w) {
      total = total.is_undef() ? w : vm.binary_op(BinOp::Add, total, w);
      cum.push_back(total);
    });
    cum_weights = vm.new_list(std::move(cum));
  } else if (!weights.is_none()) {
    vm.type_error("Cannot specify both weights and cumulative weights");
  }
  std::vector<Value> cum = vm.to_vector(cum_weights);
  if (static_cast<int64_t>(cum.size()) != n)
    vm.value_error("The number of weights does not match the population");
  if (cum.empty()) vm.raise(BuiltinTypeId::IndexError, "list index out of range");
  double total = vm.to_double(vm.binary_op(BinOp::Add, cum.back(), Value::floating(0.0)));
  if (total <= 0.0) vm.value_error("Total of weights must be greater than zero");
  if (!std::isfinite(total)) vm.value_error("Total of weights must be finite");
  for (double r : draw_many(vm, self, k)) {
    Value x = Value::floating(r * total);
    size_t lo = 0, hi = cum.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (vm.lt(x, cum[mid]))
        hi = mid;
      else
        lo = mid + 1;
    }
    out.push_back(vm.getitem(population, Value::integer(static_cast<int64_t>(lo))));
  }
  return vm.new_list(std::move(out));
}

double draw(VM& vm, Value self, const char* method) {
  Generator g(vm, self, method);
  return g.random();
}

Value r_uniform(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.uniform", {"self", "a", "b"}, 3, a);
  Value u = Value::floating(draw(vm, a[0], "uniform"));
  Value span = vm.binary_op(BinOp::Sub, a[2], a[1]);
  return vm.binary_op(BinOp::Add, a[1], vm.binary_op(BinOp::Mul, span, u));
}

Value r_triangular(VM& vm, CallArgs& args) {
  Value a[4];
  bind_args_like_python(vm, args, "Random.triangular", {"self", "low", "high", "mode"}, 1, a);
  double u = draw(vm, a[0], "triangular");
  double low = a[1].is_undef() ? 0.0 : vm.to_double(a[1]);
  double high = a[2].is_undef() ? 1.0 : vm.to_double(a[2]);
  double c = 0.5;
  if (!a[3].is_undef() && !a[3].is_none()) {
    if (high == low) return a[1].is_undef() ? Value::floating(low) : a[1];
    c = (vm.to_double(a[3]) - low) / (high - low);
  }
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    std::swap(low, high);
  }
  return Value::floating(low + (high - low) * std::sqrt(u * c));
}

Value r_gauss(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.gauss", {"self", "mu", "sigma"}, 1, a);
  double mu = a[1].is_undef() ? 0.0 : vm.to_double(a[1]);
  double sigma = a[2].is_undef() ? 1.0 : vm.to_double(a[2]);
  double z;
  {
    Generator g(vm, a[0], "gauss");
    Value next = g.gauss_next();
    g.set_gauss_next(Value::none());
    if (next.is_float()) {
      z = next.f;
    } else {
      double x2pi = g.random() * (2.0 * M_PI);  // TWOPI, as random.py
      double g2rad = std::sqrt(-2.0 * std::log(1.0 - g.random()));
      z = std::cos(x2pi) * g2rad;
      g.set_gauss_next(Value::floating(std::sin(x2pi) * g2rad));
    }
  }
  return Value::floating(mu + z * sigma);
}

double normal(VM& vm, Value self, double mu, double sigma) {
  const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  Generator g(vm, self, "normalvariate");
  for (;;) {
    vm.native_work(1);
    double u1 = g.random(), u2 = 1.0 - g.random();
    double z = magic * (u1 - 0.5) / u2;
    if (z * z / 4.0 <= -std::log(u2)) return mu + z * sigma;
  }
}

Value r_normalvariate(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.normalvariate", {"self", "mu", "sigma"}, 1, a);
  return Value::floating(normal(vm, a[0], a[1].is_undef() ? 0.0 : vm.to_double(a[1]),
                                a[2].is_undef() ? 1.0 : vm.to_double(a[2])));
}

Value r_lognormvariate(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.lognormvariate", {"self", "mu", "sigma"}, 3, a);
  return Value::floating(std::exp(normal(vm, a[0], vm.to_double(a[1]), vm.to_double(a[2]))));
}

Value r_expovariate(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.expovariate", {"self", "lambd"}, 2, a);
  double u = draw(vm, a[0], "expovariate");
  double lambd = vm.to_double(a[1]);
  if (lambd == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float division by zero");
  return Value::floating(-std::log(1.0 - u) / lambd);
}

Value r_paretovariate(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.paretovariate", {"self", "alpha"}, 2, a);
  double u = 1.0 - draw(vm, a[0], "paretovariate");
  double alpha = vm.to_double(a[1]);
  if (alpha == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float division by zero");
  return Value::floating(1.0 / std::pow(u, 1.0 / alpha));
}

Value r_weibullvariate(VM& vm, CallArgs& args) {
  Value a[3];
  bind_args_like_python(vm, args, "Random.weibullvariate", {"self", "alpha", "beta"}, 3, a);
  double u = 1.0 - draw(vm, a[0], "weibullvariate");
  double alpha = vm.to_double(a[1]), beta = vm.to_double(a[2]);
  if (beta == 0) vm.raise(BuiltinTypeId::ZeroDivisionError, "float division by zero");
  return Value::floating(alpha * std::pow(-std::log(u), 1.0 / beta));
}

Value r_randbytes(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.randbytes", {"self", "n"}, 2, a);
  int64_t n = vm.to_index(a[1]);
  if (n < 0) vm.value_error("number of bits must be non-negative");
  vm.check_alloc(static_cast<uint64_t>(n));
  std::string out;
  Generator g(vm, a[0], "randbytes");
  for (int64_t left = n * 8; left > 0; left -= 32) {
    uint32_t r = g.twister().next();
    if (left < 32) r >>= (32 - left);
    for (int b = 0; b < 4 && static_cast<int64_t>(out.size()) < n; b++)
      out.push_back(static_cast<char>(r >> (8 * b)));
  }
  return vm.new_bytes(std::move(out));
}

Value r_getstate(VM& vm, CallArgs& args) {
  Value self = self_arg(vm, args, "getstate");
  Generator g(vm, self, "getstate");
  std::vector<Value> words;
  for (size_t i = 0; i <= kN; i++) words.push_back(Value::integer(g.twister().get(i)));
  return vm.new_tuple({Value::integer(3), vm.new_tuple(std::move(words)), g.gauss_next()});
}

Value r_setstate(VM& vm, CallArgs& args) {
  Value a[2];
  bind_args_like_python(vm, args, "Random.setstate", {"self", "state"}, 2, a);
  Value state = a[1];
  if (!vm.is_tuple(state) || vm.as<TupleObj>(state)->items.size() != 3)
    vm.type_error("state vector must be a tuple");
  auto items = vm.as<TupleObj>(state)->items;
  if (!items[0].is_int() || (items[0].i != 3 && items[0].i != 2))
    vm.value_error("state with version " + vm.repr_str(items[0]) +
                   " passed to Random.setstate() of version 3");
  if (!vm.is_tuple(items[1]) || vm.as<TupleObj>(items[1])->items.size() != kN + 1)
    vm.value_error("state vector is the wrong size");
  Generator g(vm, a[0], "setstate");
  auto words = vm.as<TupleObj>(items[1])->items;
  for (int i = 0; i <= kN; i++) {
    if (!words[i].is_int() || words[i].i < 0 || words[i].i > UINT32_MAX)
      vm.raise(BuiltinTypeId::OverflowError, "Python int too large to convert to C unsigned long");
  }
  if (words[kN].i > kN) vm.value_error("invalid state");
  for (size_t i = 0; i <= kN; i++) g.twister().put(i, static_cast<uint32_t>(words[i].i));
  g.set_gauss_next(items[2].is_float() ? items[2] : Value::none());
  return Value::none();
}

#define R_METHOD(name, fn) \
  { name, fn, "_random_Random", nullptr, true }

const BuiltinFnDef kRandomFunctionTable[] = {
    R_METHOD("__init__", r_init),
    R_METHOD("seed", r_seed),
    R_METHOD("random", r_random),
    R_METHOD("getrandbits", r_getrandbits),
    R_METHOD("randrange", r_randrange),
    R_METHOD("randint", r_randint),
    R_METHOD("choice", r_choice),
    R_METHOD("shuffle", r_shuffle),
    R_METHOD("sample", r_sample),
    R_METHOD("choices", r_choices),
    R_METHOD("uniform", r_uniform),
    R_METHOD("triangular", r_triangular),
    R_METHOD("gauss", r_gauss),
    R_METHOD("normalvariate", r_normalvariate),
    R_METHOD("lognormvariate", r_lognormvariate),
    R_METHOD("expovariate", r_expovariate),
    R_METHOD("paretovariate", r_paretovariate),
    R_METHOD("weibullvariate", r_weibullvariate),
    R_METHOD("randbytes", r_randbytes),
    R_METHOD("getstate", r_getstate),
    R_METHOD("setstate", r_setstate),
};

#undef R_METHOD

}  // namespace

const std::span<const BuiltinFnDef> kRandomFunctions = kRandomFunctionTable;

void init_random_module(VM& vm, ModuleObj* module) {
  Value ns = vm.new_dict();
  Dict& d = vm.as<DictObj>(ns)->dict;
  const auto fns = builtin_functions();
  std::vector<std::pair<Value, Value>> methods;
  for (size_t i = 0; i < fns.size(); i++) {
    if (!fns[i].module || std::string_view(fns[i].module) != "_random_Random") continue;
    Value fn = Value::builtin_fn(static_cast<uint32_t>(i));
    d.set(vm, vm.intern(fns[i].name), fn);
    methods.emplace_back(vm.intern(fns[i].name), fn);
  }
  Value object = Value::type(static_cast<uint32_t>(BuiltinTypeId::Object));
  Value cls = make_module_class(vm, "random", "Random", {object}, ns);
  auto set = [&](Value name, Value v) { module->attrs.set(vm, name, v); };
  set(vm.intern("Random"), cls);
  set(vm.intern(" Random"), cls);
  // The module's functions are bound methods of one instance, seeded as
  // random.seed(0) would (there is no entropy to seed from).
  Value inst = vm.heap.make<InstanceObj>(cls);
  init_state(vm, inst);
  reseed(vm, inst, Value::none());
  set(vm.intern("_inst"), inst);
  for (auto& [name, fn] : methods) {
    if (vm.str_view(name) == "__init__") continue;
    set(name, vm.heap.make<BoundMethodObj>(fn, inst));
  }
}

}  // namespace monty
