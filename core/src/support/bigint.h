// Arbitrary-precision signed integers for Python's `int` beyond int64.
//
// Representation: sign + magnitude, magnitude as little-endian 32-bit limbs
// with no leading zero limbs (zero is an empty magnitude and is never
// negative). Values are immutable from the runtime's point of view: every
// operation returns a new BigInt.
//
// The runtime keeps ints that fit in int64 inline in Value and only uses
// BigInt when an operation overflows; results that fit back in int64 are
// demoted by the runtime (fits_int64/to_int64), so BigInt itself does not need
// a small-value fast path.
//
// All semantics are Python's: floor division and modulo round toward negative
// infinity, bitwise operations act on an infinite two's complement, right
// shift is arithmetic, hash() follows CPython (modulus 2**61 - 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/status.h"

namespace monty {

class WorkMeter;

class BigInt {
 public:
  BigInt() = default;
  explicit BigInt(int64_t v);
  static BigInt from_uint64(uint64_t v);

  // Parses digits in `base` (2..36). `text` holds only digits and single
  // underscores between digits (as Python's int() allows), optionally with a
  // leading '+' or '-'; no whitespace, no 0x prefix. Returns ValueError-kind
  // Error with message "invalid literal" if malformed (the caller words the
  // final message, which includes the original text).
  static Result<BigInt> parse(std::string_view text, int base);
  // Exact conversion of a finite double's integral part (truncates toward
  // zero). Caller checks for inf/nan first.
  static BigInt from_double(double d);

  bool is_zero() const { return mag_.empty(); }
  bool is_negative() const { return neg_; }
  int sign() const { return mag_.empty() ? 0 : (neg_ ? -1 : 1); }
  bool fits_int64() const;
  int64_t to_int64() const;  // precondition: fits_int64()
  // Correctly rounded (round-half-even) conversion; OverflowError
  // "int too large to convert to float" if out of range.
  Result<double> to_double() const;
  // Number of decimal digits |x| would print with (for the 4300-digit limit
  // check before converting). May overestimate by at most 1.
  size_t decimal_digits_estimate() const;
  // Magnitude digits in base 2..36 with '-' sign when negative, no prefix,
  // lowercase letters.
  std::string to_string(int base = 10) const;
  int64_t bit_length() const;  // of |x|, like int.bit_length()
  int64_t bit_count() const;   // popcount of |x|, like int.bit_count()
  // CPython's hash for ints: sign * (|x| mod (2**61 - 1)), with -1 mapped to -2.
  int64_t hash() const;
  // Approximate bytes of heap memory used, for memory-limit accounting.
  size_t memory_size() const { return sizeof(BigInt) + mag_.capacity() * sizeof(uint32_t); }
  // Limbs of |x|, for snapshots and tests.
  const std::vector<uint32_t>& limbs() const { return mag_; }
  static BigInt from_limbs(bool negative, std::vector<uint32_t> limbs);

  static int compare(const BigInt& a, const BigInt& b);  // -1, 0, 1
  friend bool operator==(const BigInt& a, const BigInt& b) {
    return a.neg_ == b.neg_ && a.mag_ == b.mag_;
  }

  static BigInt add(const BigInt& a, const BigInt& b);
  static BigInt sub(const BigInt& a, const BigInt& b);
  // The operations that can run long on huge operands (quadratic or worse:
  // mul, the divisions, pow, pow_mod, isqrt, gcd) charge their limb
  // operations to `meter` when one is given, which may throw to stop them
  // (see work_meter.h); the others are linear in their operands' size.
  static BigInt mul(const BigInt& a, const BigInt& b,
                    WorkMeter* meter = nullptr);  // Karatsuba above a threshold
  // Python floor division and modulo. ZeroDivisionError "integer division or
  // modulo by zero" if b is zero (mod says "integer modulo by zero", as
  // CPython 3.11's % does).
  static Result<BigInt> floordiv(const BigInt& a, const BigInt& b, WorkMeter* meter = nullptr);
  static Result<BigInt> mod(const BigInt& a, const BigInt& b, WorkMeter* meter = nullptr);
  static Result<std::pair<BigInt, BigInt>> divmod(const BigInt& a, const BigInt& b,
                                                  WorkMeter* meter = nullptr);
  // a / b correctly rounded like CPython's int.__truediv__ (ZeroDivisionError
  // "division by zero"; OverflowError "integer division result too large for a float").
  static Result<double> truediv(const BigInt& a, const BigInt& b);
  static BigInt pow(const BigInt& base, uint64_t exp, WorkMeter* meter = nullptr);
  // pow(base, exp, mod) with exp >= 0, mod != 0; result has the sign of mod like Python.
  // Also handles what CPython does for the rest: mod == 0 gives ValueError
  // "pow() 3rd argument cannot be 0"; exp < 0 uses the modular inverse of base
  // (ValueError "base is not invertible for the given modulus" if none).
  static Result<BigInt> pow_mod(const BigInt& base, const BigInt& exp, const BigInt& mod,
                                WorkMeter* meter = nullptr);
  static BigInt neg(const BigInt& a);
  static BigInt abs(const BigInt& a);
  static BigInt bit_and(const BigInt& a, const BigInt& b);
  static BigInt bit_or(const BigInt& a, const BigInt& b);
  static BigInt bit_xor(const BigInt& a, const BigInt& b);
  static BigInt bit_not(const BigInt& a);  // -(a+1)
  // The caller bounds n (memory limit) first: the result needs n/32 more limbs.
  static BigInt shl(const BigInt& a, uint64_t n);
  static BigInt shr(const BigInt& a, uint64_t n);  // arithmetic (floor)
  // Integer square root of a non-negative value (math.isqrt). The caller raises
  // for negative input; this returns 0 for it.
  static BigInt isqrt(const BigInt& a, WorkMeter* meter = nullptr);
  static BigInt gcd(const BigInt& a, const BigInt& b,
                    WorkMeter* meter = nullptr);  // non-negative

 private:
  bool neg_ = false;
  std::vector<uint32_t> mag_;
};

}  // namespace monty
