// Arbitrary-precision integers: see bigint.h for the contract.
//
// Magnitudes are little-endian vectors of 32-bit limbs; every inner loop uses
// 64-bit intermediates only, because wasm32 has no 128-bit integer type. The
// low-level routines work on (pointer, length) pairs so Karatsuba can recurse
// on sub-ranges without copying; the BigInt methods on top handle signs and
// Python's floor semantics.
#include "support/bigint.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

#include "support/work_meter.h"

namespace monty {
namespace {

using Limb = uint32_t;
using Wide = uint64_t;
using Mag = std::vector<Limb>;

constexpr int kLimbBits = 32;
constexpr Wide kLimbMask = 0xFFFFFFFFu;

// Below this many limbs in the shorter operand, schoolbook multiplication beats
// Karatsuba's extra additions and allocations. Measured on x86-64 (best of 7
// runs, balanced random operands): Karatsuba starts winning at about 40-48
// limbs for products, and at about 64 limbs for squares because schoolbook
// squaring does half the work.
constexpr size_t kKaratsubaCutoff = 48;
constexpr size_t kKaratsubaSquareCutoff = 64;

// Above this many limbs, to_string(10) and parse(…, 10) switch to divide and
// conquer (split by a power of 10**9) so that huge conversions cost a few big
// multiplications/divisions instead of a quadratic number of limb steps.
constexpr size_t kDecimalDcLimbs = 600;

void trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

size_t trimmed_len(const Limb* p, size_t n) {
  while (n > 0 && p[n - 1] == 0) --n;
  return n;
}

// Compares trimmed magnitudes.
int cmp_raw(const Limb* a, size_t na, const Limb* b, size_t nb) {
  if (na != nb) return na < nb ? -1 : 1;
  for (size_t i = na; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

int cmp_mag(const Mag& a, const Mag& b) { return cmp_raw(a.data(), a.size(), b.data(), b.size()); }

// r[0, n) += x[0, xn) with xn <= n; returns the carry out of r[n-1].
Limb add_into(Limb* r, size_t n, const Limb* x, size_t xn) {
  Wide carry = 0;
  size_t i = 0;
  for (; i < xn; ++i) {
    Wide s = static_cast<Wide>(r[i]) + x[i] + carry;
    r[i] = static_cast<Limb>(s);
    carry = s >> kLimbBits;
  }
  for (; carry != 0 && i < n; ++i) {
    Wide s = static_cast<Wide>(r[i]) + carry;
    r[i] = static_cast<Limb>(s);
    carry = s >> kLimbBits;
  }
  return static_cast<Limb>(carry);
}

// r[0, n) -= x[0, xn) with xn <= n; returns the borrow out of r[n-1]. A
// negative 64-bit difference wraps to a value with bit 63 set, which is the
// borrow.
Limb sub_into(Limb* r, size_t n, const Limb* x, size_t xn) {
  Wide borrow = 0;
  size_t i = 0;
  for (; i < xn; ++i) {
    Wide d = static_cast<Wide>(r[i]) - x[i] - borrow;
    r[i] = static_cast<Limb>(d);
    borrow = d >> 63;
  }
  for (; borrow != 0 && i < n; ++i) {
    Wide d = static_cast<Wide>(r[i]) - borrow;
    r[i] = static_cast<Limb>(d);
    borrow = d >> 63;
  }
  return static_cast<Limb>(borrow);
}

Mag add_mag(const Mag& a, const Mag& b) {
  const Mag& big = a.size() >= b.size() ? a : b;
  const Mag& small = a.size() >= b.size() ? b : a;
  Mag r(big.size() + 1);
  std::copy(big.begin(), big.end(), r.begin());
  r[big.size()] = add_into(r.data(), big.size(), small.data(), small.size());
  trim(r);
  return r;
}

// Precondition: a >= b.
Mag sub_mag(const Mag& a, const Mag& b) {
  Mag r = a;
  sub_into(r.data(), r.size(), b.data(), b.size());
  trim(r);
  return r;
}

// In place m = m * f + add, for the Horner loops of parse().
void mul_add_small(Mag& m, Limb f, Limb add) {
  Wide carry = add;
  for (Limb& limb : m) {
    Wide t = static_cast<Wide>(limb) * f + carry;
    limb = static_cast<Limb>(t);
    carry = t >> kLimbBits;
  }
  if (carry != 0) m.push_back(static_cast<Limb>(carry));
}

// ---------------------------------------------------------------------------
// Multiplication

// r[0, na+nb) = a * b. r must not alias the inputs.
void mul_school(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* r, WorkMeter* w) {
  std::fill(r, r + na + nb, 0);
  for (size_t i = 0; i < na; ++i) {
    charge(w, nb);
    Wide ai = a[i];
    if (ai == 0) continue;
    Limb* ri = r + i;
    Wide carry = 0;
    // ai*b[j] + ri[j] + carry <= (2^32-1)^2 + 2*(2^32-1) = 2^64-1: no overflow.
    for (size_t j = 0; j < nb; ++j) {
      Wide t = ai * b[j] + ri[j] + carry;
      ri[j] = static_cast<Limb>(t);
      carry = t >> kLimbBits;
    }
    ri[nb] = static_cast<Limb>(carry);
  }
}

// r[0, 2n) = a * a: each cross product a[i]*a[j] (i < j) is computed once and
// doubled, which roughly halves the work of squaring (pow, isqrt).
void sqr_school(const Limb* a, size_t n, Limb* r, WorkMeter* w) {
  std::fill(r, r + 2 * n, 0);
  for (size_t i = 0; i + 1 < n; ++i) {
    charge(w, n - i);
    Wide ai = a[i];
    if (ai == 0) continue;
    Wide carry = 0;
    for (size_t j = i + 1; j < n; ++j) {
      Wide t = ai * a[j] + r[i + j] + carry;
      r[i + j] = static_cast<Limb>(t);
      carry = t >> kLimbBits;
    }
    r[i + n] = static_cast<Limb>(carry);
  }
  Limb top = 0;
  for (size_t k = 0; k < 2 * n; ++k) {
    Limb v = r[k];
    r[k] = (v << 1) | top;
    top = v >> 31;
  }
  Wide carry = 0;
  for (size_t i = 0; i < n; ++i) {
    Wide sq = static_cast<Wide>(a[i]) * a[i];
    Wide t = static_cast<Wide>(r[2 * i]) + (sq & kLimbMask) + carry;
    r[2 * i] = static_cast<Limb>(t);
    t = static_cast<Wide>(r[2 * i + 1]) + (sq >> kLimbBits) + (t >> kLimbBits);
    r[2 * i + 1] = static_cast<Limb>(t);
    carry = t >> kLimbBits;
  }
}

void mul_raw(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* r, WorkMeter* w);

// Balanced Karatsuba: nb <= na < 2*nb, nb >= cutoff. With a = a1*B^m + a0 and
// b = b1*B^m + b0: a*b = z2*B^2m + (z1 - z0 - z2)*B^m + z0 where z0 = a0*b0,
// z2 = a1*b1 and z1 = (a0+a1)*(b0+b1). z0 and z2 land directly in r.
void mul_karatsuba(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* r, WorkMeter* w) {
  const bool square = a == b && na == nb;
  const size_t m = na / 2;  // nb > na/2 >= m, so b1 is never empty
  const Limb* a1 = a + m;
  const Limb* b1 = b + m;
  const size_t na1 = na - m;
  const size_t nb1 = nb - m;
  const size_t total = na + nb;

  mul_raw(a, m, b, m, r, w);
  mul_raw(a1, na1, b1, nb1, r + 2 * m, w);

  // na1 >= m, so a0 + a1 fits in na1 + 1 limbs.
  Mag sa(na1 + 1);
  std::copy(a1, a1 + na1, sa.begin());
  sa[na1] = add_into(sa.data(), na1, a, m);
  Mag z1;
  if (square) {
    z1.resize(2 * sa.size());
    mul_raw(sa.data(), sa.size(), sa.data(), sa.size(), z1.data(), w);
  } else {
    const size_t lb = std::max(m, nb1);
    Mag sb(lb + 1, 0);
    if (nb1 >= m) {
      std::copy(b1, b1 + nb1, sb.begin());
      sb[lb] = add_into(sb.data(), lb, b, m);
    } else {
      std::copy(b, b + m, sb.begin());
      sb[lb] = add_into(sb.data(), lb, b1, nb1);
    }
    z1.resize(sa.size() + sb.size());
    mul_raw(sa.data(), sa.size(), sb.data(), sb.size(), z1.data(), w);
  }
  sub_into(z1.data(), z1.size(), r, 2 * m);
  sub_into(z1.data(), z1.size(), r + 2 * m, total - 2 * m);
  add_into(r + m, total - m, z1.data(), trimmed_len(z1.data(), z1.size()));
}

// r[0, na+nb) = a * b for any lengths (inputs may carry leading zeros). a and b
// may alias each other but not r.
void mul_raw(const Limb* a, size_t na, const Limb* b, size_t nb, Limb* r, WorkMeter* w) {
  const size_t total = na + nb;
  na = trimmed_len(a, na);
  nb = trimmed_len(b, nb);
  if (na < nb) {
    std::swap(a, b);
    std::swap(na, nb);
  }
  std::fill(r + na + nb, r + total, 0);
  if (nb == 0) {
    std::fill(r, r + na, 0);
    return;
  }
  const bool square = a == b && na == nb;
  if (nb < (square ? kKaratsubaSquareCutoff : kKaratsubaCutoff)) {
    if (square) {
      sqr_school(a, na, r, w);
    } else {
      mul_school(a, na, b, nb, r, w);
    }
    return;
  }
  if (na >= 2 * nb) {
    // Unbalanced: slice a into nb-limb pieces so each partial product is a
    // balanced Karatsuba product.
    std::fill(r, r + na + nb, 0);
    Mag tmp(2 * nb);
    for (size_t off = 0; off < na; off += nb) {
      const size_t len = std::min(nb, na - off);
      mul_raw(a + off, len, b, nb, tmp.data(), w);
      add_into(r + off, na + nb - off, tmp.data(), len + nb);
    }
    return;
  }
  mul_karatsuba(a, na, b, nb, r, w);
}

Mag mul_mag(const Mag& a, const Mag& b, WorkMeter* w) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  mul_raw(a.data(), a.size(), b.data(), b.size(), r.data(), w);
  trim(r);
  return r;
}

// ---------------------------------------------------------------------------
// Shifts

Mag shl_mag(const Mag& a, uint64_t n) {
  if (a.empty()) return {};
  const size_t limbs = static_cast<size_t>(n / kLimbBits);
  const unsigned bits = static_cast<unsigned>(n % kLimbBits);
  Mag r(a.size() + limbs + 1, 0);
  if (bits == 0) {
    std::copy(a.begin(), a.end(), r.begin() + static_cast<ptrdiff_t>(limbs));
  } else {
    Limb carry = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      r[i + limbs] = (a[i] << bits) | carry;
      carry = a[i] >> (kLimbBits - bits);
    }
    r[a.size() + limbs] = carry;
  }
  trim(r);
  return r;
}

// Truncating shift of a magnitude; *lost (if given) reports whether any one
// bits were shifted out.
Mag shr_mag(const Mag& a, uint64_t n, bool* lost = nullptr) {
  const uint64_t limbs64 = n / kLimbBits;
  const unsigned bits = static_cast<unsigned>(n % kLimbBits);
  if (limbs64 >= a.size()) {
    if (lost != nullptr) *lost = !a.empty();
    return {};
  }
  const size_t limbs = static_cast<size_t>(limbs64);
  if (lost != nullptr) {
    bool any = false;
    for (size_t i = 0; i < limbs && !any; ++i) any = a[i] != 0;
    if (bits != 0 && (a[limbs] & ((Limb{1} << bits) - 1)) != 0) any = true;
    *lost = any;
  }
  Mag r(a.size() - limbs);
  if (bits == 0) {
    std::copy(a.begin() + static_cast<ptrdiff_t>(limbs), a.end(), r.begin());
  } else {
    for (size_t i = 0; i < r.size(); ++i) {
      Limb hi = i + limbs + 1 < a.size() ? a[i + limbs + 1] : 0;
      r[i] = (a[i + limbs] >> bits) | (hi << (kLimbBits - bits));
    }
  }
  trim(r);
  return r;
}

// ---------------------------------------------------------------------------
// Division

// Divides u by a single limb in place (u becomes the quotient, trimmed);
// returns the remainder.
Limb divmod_small_inplace(Mag& u, Limb d) {
  Wide rem = 0;
  for (size_t i = u.size(); i-- > 0;) {
    Wide cur = (rem << kLimbBits) | u[i];
    u[i] = static_cast<Limb>(cur / d);
    rem = cur % d;
  }
  trim(u);
  return static_cast<Limb>(rem);
}

// Knuth, TAOCP vol. 2, 4.3.1, Algorithm D. Preconditions: v has >= 2 limbs,
// u >= v, both trimmed.
void divmod_knuth(const Mag& u, const Mag& v, Mag& q, Mag& r, WorkMeter* w) {
  const size_t n = v.size();
  const size_t m = u.size() - n;
  // Normalize so the divisor's top bit is set; then the two-limb estimate of
  // each quotient digit is at most 2 too large.
  const int s = std::countl_zero(v.back());
  Mag vn(n);
  Mag un(u.size() + 1);
  if (s == 0) {
    std::copy(v.begin(), v.end(), vn.begin());
    std::copy(u.begin(), u.end(), un.begin());
    un[u.size()] = 0;
  } else {
    for (size_t i = n - 1; i > 0; --i) vn[i] = (v[i] << s) | (v[i - 1] >> (kLimbBits - s));
    vn[0] = v[0] << s;
    un[u.size()] = u.back() >> (kLimbBits - s);
    for (size_t i = u.size() - 1; i > 0; --i) un[i] = (u[i] << s) | (u[i - 1] >> (kLimbBits - s));
    un[0] = u[0] << s;
  }
  const Wide vtop = vn[n - 1];
  const Wide vsec = vn[n - 2];
  q.assign(m + 1, 0);
  for (size_t j = m + 1; j-- > 0;) {
    charge(w, n);
    const Wide num = (static_cast<Wide>(un[j + n]) << kLimbBits) | un[j + n - 1];
    Wide qhat = num / vtop;
    Wide rhat = num % vtop;
    // qhat may reach 2^32 (never more than 2^32 + 1 since un[j+n] <= vtop);
    // the first test short-circuits before qhat*vsec could overflow.
    while (qhat > kLimbMask || qhat * vsec > ((rhat << kLimbBits) | un[j + n - 2])) {
      --qhat;
      rhat += vtop;
      if (rhat > kLimbMask) break;
    }
    // un[j, j+n] -= qhat * vn.
    Wide carry = 0;
    Wide borrow = 0;
    for (size_t i = 0; i < n; ++i) {
      Wide p = qhat * vn[i] + carry;
      carry = p >> kLimbBits;
      Wide d = static_cast<Wide>(un[i + j]) - (p & kLimbMask) - borrow;
      un[i + j] = static_cast<Limb>(d);
      borrow = d >> 63;
    }
    Wide d = static_cast<Wide>(un[j + n]) - carry - borrow;
    un[j + n] = static_cast<Limb>(d);
    if ((d >> 63) != 0) {
      // qhat was one too large (probability ~2/2^32): add the divisor back.
      --qhat;
      Limb c = add_into(un.data() + j, n, vn.data(), n);
      un[j + n] += c;
    }
    q[j] = static_cast<Limb>(qhat);
  }
  trim(q);
  // Remainder is un[0, n) shifted back down.
  r.assign(n, 0);
  if (s == 0) {
    std::copy(un.begin(), un.begin() + static_cast<ptrdiff_t>(n), r.begin());
  } else {
    for (size_t i = 0; i < n; ++i) r[i] = (un[i] >> s) | (un[i + 1] << (kLimbBits - s));
  }
  trim(r);
}

// Truncating division of magnitudes; v must be non-zero.
void divmod_mag(const Mag& u, const Mag& v, Mag& q, Mag& r, WorkMeter* w) {
  if (cmp_mag(u, v) < 0) {
    q.clear();
    r = u;
    return;
  }
  if (v.size() == 1) {
    q = u;
    Limb rem = divmod_small_inplace(q, v[0]);
    r.clear();
    if (rem != 0) r.push_back(rem);
    return;
  }
  divmod_knuth(u, v, q, r, w);
}

Mag mod_mag(const Mag& u, const Mag& v, WorkMeter* w) {
  Mag q, r;
  divmod_mag(u, v, q, r, w);
  return r;
}

// ---------------------------------------------------------------------------
// Misc helpers

uint64_t low_u64(const Mag& m) {
  uint64_t v = m.empty() ? 0 : m[0];
  if (m.size() > 1) v |= static_cast<uint64_t>(m[1]) << kLimbBits;
  return v;
}

Mag mag_from_u64(uint64_t v) {
  Mag m;
  if (v != 0) m.push_back(static_cast<Limb>(v));
  if ((v >> kLimbBits) != 0) m.push_back(static_cast<Limb>(v >> kLimbBits));
  return m;
}

int64_t mag_bit_length(const Mag& m) {
  if (m.empty()) return 0;
  return static_cast<int64_t>(m.size() - 1) * kLimbBits + std::bit_width(m.back());
}

// 64 bits of m starting at bit `pos` (bits beyond the top read as zero).
uint64_t bits_at(const Mag& m, uint64_t pos) {
  const size_t idx = static_cast<size_t>(pos / kLimbBits);
  const unsigned off = static_cast<unsigned>(pos % kLimbBits);
  auto limb = [&](size_t i) -> uint64_t { return i < m.size() ? m[i] : 0; };
  uint64_t w = limb(idx) | (limb(idx + 1) << kLimbBits);
  if (off == 0) return w;
  return (w >> off) | (limb(idx + 2) << (64 - off));
}

// Whether any of bits [0, pos) of m is set.
bool any_bits_below(const Mag& m, uint64_t pos) {
  const size_t idx = static_cast<size_t>(std::min<uint64_t>(pos / kLimbBits, m.size()));
  for (size_t i = 0; i < idx; ++i) {
    if (m[i] != 0) return true;
  }
  const unsigned off = static_cast<unsigned>(pos % kLimbBits);
  return off != 0 && idx < m.size() && (m[idx] & ((Limb{1} << off) - 1)) != 0;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

constexpr char kDigitChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// Largest k with base**k < 2**32, and base**k: one "big digit" per limb step.
std::pair<int, Limb> chunk_for_base(int base) {
  Wide p = static_cast<Wide>(base);
  int k = 1;
  while (p * static_cast<Wide>(base) <= kLimbMask) {
    p *= static_cast<Wide>(base);
    ++k;
  }
  return {k, static_cast<Limb>(p)};
}

// Converts a magnitude to little-endian digits in big base B (Horner over the
// limbs from the top: out = out * 2^32 + limb). Quadratic, but each step is a
// 64-bit division by B; a template so that B = 10**9 divides by a constant.
template <Limb B>
std::vector<Limb> to_big_base_const(const Mag& m) {
  std::vector<Limb> out;
  out.reserve(m.size() * 10 / 9 + 2);
  for (size_t i = m.size(); i-- > 0;) {
    Wide carry = m[i];
    for (Limb& d : out) {
      // d < B <= 2^32 - 1, so d * 2^32 + carry < 2^64.
      Wide z = (static_cast<Wide>(d) << kLimbBits) | carry;
      d = static_cast<Limb>(z % B);
      carry = z / B;
    }
    while (carry != 0) {
      out.push_back(static_cast<Limb>(carry % B));
      carry /= B;
    }
  }
  return out;
}

std::vector<Limb> to_big_base(const Mag& m, Limb b) {
  std::vector<Limb> out;
  out.reserve(m.size() * 2 + 2);
  for (size_t i = m.size(); i-- > 0;) {
    Wide carry = m[i];
    for (Limb& d : out) {
      Wide z = (static_cast<Wide>(d) << kLimbBits) | carry;
      d = static_cast<Limb>(z % b);
      carry = z / b;
    }
    while (carry != 0) {
      out.push_back(static_cast<Limb>(carry % b));
      carry /= b;
    }
  }
  return out;
}

// Appends the big digits (most significant first), the top one unpadded and
// the rest zero-padded to k digits.
void append_big_digits(std::string& s, const std::vector<Limb>& big, int base, int k,
                       bool pad_top) {
  char buf[40];
  for (size_t i = big.size(); i-- > 0;) {
    Limb d = big[i];
    int n = 0;
    do {
      buf[n++] = kDigitChars[d % static_cast<Limb>(base)];
      d /= static_cast<Limb>(base);
    } while (d != 0);
    if (pad_top || i + 1 != big.size()) {
      while (n < k) buf[n++] = '0';
    }
    while (n > 0) s.push_back(buf[--n]);
  }
}

// Powers 10**(9 * 2**i) as magnitudes, built on demand for the decimal divide
// and conquer conversions.
struct DecimalPowers {
  std::vector<Mag> pows;  // pows[i] = 10**(9 * 2**i)
  const Mag& get(size_t i) {
    if (pows.empty()) pows.push_back(Mag{1000000000u});
    while (pows.size() <= i) pows.push_back(mul_mag(pows.back(), pows.back(), nullptr));
    return pows[i];
  }
};

// Writes |m| in decimal, zero-padded to exactly `width` digits when width > 0
// (width is a multiple of 9 * 2**level in the recursive calls).
void decimal_dc(const Mag& m, size_t level_hint, size_t width, DecimalPowers& pw, std::string& s) {
  if (m.size() < kDecimalDcLimbs) {
    std::string part;
    if (!m.empty()) append_big_digits(part, to_big_base_const<1000000000u>(m), 10, 9, false);
    if (width > 0) {
      s.append(width - part.size(), '0');
    } else if (part.empty()) {
      s.push_back('0');
    }
    s += part;
    return;
  }
  // Pick the largest power 10**(9*2**i) not exceeding roughly sqrt(m), so the
  // halves are balanced.
  size_t i = level_hint;
  while (i > 0 && pw.get(i).size() * 2 > m.size() + 1) --i;
  while (pw.get(i + 1).size() * 2 <= m.size() + 1) ++i;
  const Mag& p = pw.get(i);
  Mag hi, lo;
  divmod_mag(m, p, hi, lo, nullptr);
  const size_t low_width = static_cast<size_t>(9) << i;
  if (width > 0) {
    decimal_dc(hi, i, width - low_width, pw, s);
  } else if (!hi.empty()) {
    decimal_dc(hi, i, 0, pw, s);
  }
  decimal_dc(lo, i, (width > 0 || !hi.empty()) ? low_width : 0, pw, s);
}

// Parses decimal digit values d[0, n) (most significant first) into a magnitude.
Mag parse_decimal_range(const uint8_t* d, size_t n, DecimalPowers& pw) {
  // Small: Horner in 9-digit chunks, the first chunk taking the remainder.
  if (n <= kDecimalDcLimbs * 9) {
    Mag m;
    m.reserve(n / 9 + 2);
    size_t first = n % 9 == 0 ? 9 : n % 9;
    size_t pos = 0;
    size_t len = std::min(first, n);
    while (pos < n) {
      Limb chunk = 0;
      Limb mult = 1;
      for (size_t j = 0; j < len; ++j) {
        chunk = chunk * 10 + d[pos + j];
        mult *= 10;
      }
      mul_add_small(m, mult, chunk);
      pos += len;
      len = 9;
    }
    trim(m);
    return m;
  }
  // Large: split so the low part has 9 * 2**i digits, then hi * 10**(...) + lo.
  size_t i = 0;
  while ((static_cast<size_t>(9) << (i + 1)) < n) ++i;
  const size_t low_digits = static_cast<size_t>(9) << i;
  Mag hi = parse_decimal_range(d, n - low_digits, pw);
  Mag lo = parse_decimal_range(d + (n - low_digits), low_digits, pw);
  return add_mag(mul_mag(hi, pw.get(i), nullptr), lo);
}

Mag pow_mag(const Mag& base, uint64_t exp, WorkMeter* w) {
  Mag result{1};
  if (exp == 0) return result;
  if (base.empty()) return {};
  // Left-to-right binary exponentiation: squarings of the growing result use
  // the dedicated squaring path.
  int top = 63 - std::countl_zero(exp);
  result = base;
  for (int i = top - 1; i >= 0; --i) {
    result = mul_mag(result, result, w);
    if ((exp >> i) & 1) result = mul_mag(result, base, w);
  }
  return result;
}

}  // namespace

// ---------------------------------------------------------------------------
// Construction and conversion

BigInt::BigInt(int64_t v) {
  // Negating through uint64_t avoids overflow for INT64_MIN.
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  mag_ = mag_from_u64(mag);
  neg_ = v < 0;
}

BigInt BigInt::from_uint64(uint64_t v) { return from_limbs(false, mag_from_u64(v)); }

BigInt BigInt::from_limbs(bool negative, std::vector<uint32_t> limbs) {
  BigInt r;
  trim(limbs);
  r.neg_ = negative && !limbs.empty();
  r.mag_ = std::move(limbs);
  return r;
}

Result<BigInt> BigInt::parse(std::string_view text, int base) {
  const Error bad{ErrorKind::ValueError, "invalid literal"};
  if (base < 2 || base > 36) return bad;
  size_t i = 0;
  bool neg = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    neg = text[0] == '-';
    i = 1;
  }
  std::vector<uint8_t> digits;
  digits.reserve(text.size() - i);
  bool prev_digit = false;  // underscores are only allowed between digits
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      if (!prev_digit) return bad;
      prev_digit = false;
      continue;
    }
    const int d = digit_value(c);
    if (d < 0 || d >= base) return bad;
    digits.push_back(static_cast<uint8_t>(d));
    prev_digit = true;
  }
  if (!prev_digit) return bad;  // empty, or a trailing underscore

  Mag m;
  if (std::has_single_bit(static_cast<unsigned>(base))) {
    // Power-of-two bases: pack bits from the least significant digit (linear).
    const int k = std::countr_zero(static_cast<unsigned>(base));
    m.reserve(digits.size() * static_cast<size_t>(k) / kLimbBits + 1);
    Wide acc = 0;
    int nbits = 0;
    for (size_t j = digits.size(); j-- > 0;) {
      acc |= static_cast<Wide>(digits[j]) << nbits;
      nbits += k;
      if (nbits >= kLimbBits) {
        m.push_back(static_cast<Limb>(acc));
        acc >>= kLimbBits;
        nbits -= kLimbBits;
      }
    }
    if (nbits > 0) m.push_back(static_cast<Limb>(acc));
    trim(m);
  } else if (base == 10) {
    DecimalPowers pw;
    m = parse_decimal_range(digits.data(), digits.size(), pw);
  } else {
    const int k = chunk_for_base(base).first;
    const size_t n = digits.size();
    size_t pos = 0;
    size_t len =
        n % static_cast<size_t>(k) == 0 ? static_cast<size_t>(k) : n % static_cast<size_t>(k);
    while (pos < n) {
      Limb chunk = 0;
      Limb mult = 1;
      for (size_t j = 0; j < len; ++j) {
        chunk = chunk * static_cast<Limb>(base) + digits[pos + j];
        mult *= static_cast<Limb>(base);
      }
      mul_add_small(m, mult, chunk);
      pos += len;
      len = static_cast<size_t>(k);
    }
    trim(m);
  }
  return from_limbs(neg, std::move(m));
}

BigInt BigInt::from_double(double d) {
  const double t = std::trunc(d);
  const bool neg = t < 0;
  const double a = std::fabs(t);
  if (a < 18446744073709551616.0) {  // 2**64
    return from_limbs(neg, mag_from_u64(static_cast<uint64_t>(a)));
  }
  // a = frac * 2**e with frac in [0.5, 1); its 53 significant bits are an
  // integer mantissa scaled by 2**(e - 53), and e > 64 here.
  int e = 0;
  const double frac = std::frexp(a, &e);
  const uint64_t mant = static_cast<uint64_t>(std::ldexp(frac, 53));
  return from_limbs(neg, shl_mag(mag_from_u64(mant), static_cast<uint64_t>(e - 53)));
}

bool BigInt::fits_int64() const {
  if (mag_.size() > 2) return false;
  const uint64_t m = low_u64(mag_);
  return neg_ ? m <= (uint64_t{1} << 63) : m < (uint64_t{1} << 63);
}

int64_t BigInt::to_int64() const {
  const uint64_t m = low_u64(mag_);
  // Modular unsigned -> signed conversion is well defined in C++20.
  return static_cast<int64_t>(neg_ ? 0 - m : m);
}

Result<double> BigInt::to_double() const {
  const int64_t nbits = bit_length();
  double r;
  if (nbits <= 64) {
    // Hardware uint64 -> double conversion rounds half to even.
    r = static_cast<double>(low_u64(mag_));
  } else {
    if (nbits > 1024) return Error{ErrorKind::OverflowError, "int too large to convert to float"};
    // Top 64 bits with every lower bit folded into a sticky bit 0: rounding
    // those 64 bits to 53 then gives the same result as rounding the full value.
    const uint64_t pos = static_cast<uint64_t>(nbits - 64);
    uint64_t top = bits_at(mag_, pos);
    if (any_bits_below(mag_, pos)) top |= 1;
    r = std::ldexp(static_cast<double>(top), static_cast<int>(pos));
    if (std::isinf(r)) return Error{ErrorKind::OverflowError, "int too large to convert to float"};
  }
  return neg_ ? -r : r;
}

size_t BigInt::decimal_digits_estimate() const {
  if (mag_.empty()) return 1;
  // |x| < 2**bits, so digits <= floor(bits * log10(2)) + 1, and |x| >= 2**(bits-1)
  // means at most one digit fewer.
  const double bits = static_cast<double>(bit_length());
  return static_cast<size_t>(bits * 0.30102999566398119521) + 1;
}

std::string BigInt::to_string(int base) const {
  if (base < 2 || base > 36) base = 10;
  if (mag_.empty()) return "0";
  std::string s;
  if (neg_) s.push_back('-');
  const unsigned ubase = static_cast<unsigned>(base);
  if (std::has_single_bit(ubase)) {
    const int k = std::countr_zero(ubase);
    const uint64_t nbits = static_cast<uint64_t>(bit_length());
    const uint64_t ndigits = (nbits + static_cast<uint64_t>(k) - 1) / static_cast<uint64_t>(k);
    s.reserve(s.size() + static_cast<size_t>(ndigits));
    for (uint64_t i = ndigits; i-- > 0;) {
      s.push_back(kDigitChars[bits_at(mag_, i * static_cast<uint64_t>(k)) & (ubase - 1)]);
    }
    return s;
  }
  if (base == 10) {
    DecimalPowers pw;
    decimal_dc(mag_, 0, 0, pw, s);
    return s;
  }
  const auto [k, big] = chunk_for_base(base);
  append_big_digits(s, to_big_base(mag_, big), base, k, false);
  return s;
}

int64_t BigInt::bit_length() const { return mag_bit_length(mag_); }

int64_t BigInt::bit_count() const {
  int64_t n = 0;
  for (Limb l : mag_) n += std::popcount(l);
  return n;
}

int64_t BigInt::hash() const {
  // Horner mod P = 2**61 - 1. Multiplying by 2**32 mod P is a rotation within
  // 61 bits: with h = hi*2**29 + lo, h*2**32 = hi*2**61 + lo*2**32 ≡ hi + lo*2**32.
  constexpr uint64_t P = (uint64_t{1} << 61) - 1;
  uint64_t h = 0;
  for (size_t i = mag_.size(); i-- > 0;) {
    h = ((h << 32) & P) | (h >> 29);
    h += mag_[i];
    if (h >= P) h -= P;
  }
  int64_t r = static_cast<int64_t>(h);
  if (neg_) r = -r;
  return r == -1 ? -2 : r;
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? -1 : 1;
  const int c = cmp_mag(a.mag_, b.mag_);
  return a.neg_ ? -c : c;
}

// ---------------------------------------------------------------------------
// Arithmetic

BigInt BigInt::add(const BigInt& a, const BigInt& b) {
  if (a.neg_ == b.neg_) return from_limbs(a.neg_, add_mag(a.mag_, b.mag_));
  const int c = cmp_mag(a.mag_, b.mag_);
  if (c == 0) return BigInt();
  if (c > 0) return from_limbs(a.neg_, sub_mag(a.mag_, b.mag_));
  return from_limbs(b.neg_, sub_mag(b.mag_, a.mag_));
}

BigInt BigInt::sub(const BigInt& a, const BigInt& b) { return add(a, neg(b)); }

BigInt BigInt::mul(const BigInt& a, const BigInt& b, WorkMeter* meter) {
  return from_limbs(a.neg_ != b.neg_, mul_mag(a.mag_, b.mag_, meter));
}

Result<std::pair<BigInt, BigInt>> BigInt::divmod(const BigInt& a, const BigInt& b,
                                                 WorkMeter* meter) {
  if (b.is_zero()) return Error{ErrorKind::ZeroDivisionError, "integer division or modulo by zero"};
  Mag q, r;
  divmod_mag(a.mag_, b.mag_, q, r, meter);
  const bool signs_differ = a.neg_ != b.neg_;
  // Truncated -> floored: when the signs differ and the division is inexact,
  // the quotient moves one further from zero and the remainder becomes
  // |b| - r, taking b's sign.
  if (signs_differ && !r.empty()) {
    Mag one{1};
    q = add_mag(q, one);
    r = sub_mag(b.mag_, r);
  }
  return std::pair<BigInt, BigInt>(from_limbs(signs_differ, std::move(q)),
                                   from_limbs(b.neg_, std::move(r)));
}

Result<BigInt> BigInt::floordiv(const BigInt& a, const BigInt& b, WorkMeter* meter) {
  auto r = divmod(a, b, meter);
  if (!r) return r.error();
  return std::move(r->first);
}

Result<BigInt> BigInt::mod(const BigInt& a, const BigInt& b, WorkMeter* meter) {
  // CPython 3.11 words a modulo-only failure differently from // and divmod.
  if (b.is_zero()) return Error{ErrorKind::ZeroDivisionError, "integer modulo by zero"};
  Mag r = mod_mag(a.mag_, b.mag_, meter);
  if (a.neg_ != b.neg_ && !r.empty()) r = sub_mag(b.mag_, r);
  return from_limbs(b.neg_, std::move(r));
}

Result<double> BigInt::truediv(const BigInt& a, const BigInt& b) {
  // Follows the structure of CPython's long_true_divide: compute a quotient
  // with DBL_MANT_DIG + 2 (or 3) significant bits plus a sticky "inexact"
  // flag, round it by hand to 53 bits (or fewer for subnormal results), then
  // scale with ldexp, which is exact at that point.
  constexpr int64_t kMantDig = 53;    // DBL_MANT_DIG
  constexpr int64_t kMaxExp = 1024;   // DBL_MAX_EXP
  constexpr int64_t kMinExp = -1021;  // DBL_MIN_EXP
  if (b.is_zero()) return Error{ErrorKind::ZeroDivisionError, "division by zero"};
  const bool negate = a.neg_ != b.neg_;
  if (a.is_zero()) return negate ? -0.0 : 0.0;
  const int64_t abits = a.bit_length();
  const int64_t bbits = b.bit_length();
  if (abits <= kMantDig && bbits <= kMantDig) {
    // Both exactly representable: IEEE division is correctly rounded.
    const double r = static_cast<double>(low_u64(a.mag_)) / static_cast<double>(low_u64(b.mag_));
    return negate ? -r : r;
  }
  const Error overflow{ErrorKind::OverflowError, "integer division result too large for a float"};
  // |a/b| lies in [2**(diff-1), 2**(diff+1)).
  const int64_t diff = abits - bbits;
  if (diff > kMaxExp) return overflow;
  if (diff < kMinExp - kMantDig - 1) return negate ? -0.0 : 0.0;
  const int64_t shift = std::max(diff, kMinExp) - kMantDig - 2;
  Mag x;
  bool inexact = false;
  if (shift <= 0) {
    x = shl_mag(a.mag_, static_cast<uint64_t>(-shift));
  } else {
    x = shr_mag(a.mag_, static_cast<uint64_t>(shift), &inexact);
  }
  Mag q, rem;
  divmod_mag(x, b.mag_, q, rem, nullptr);  // a quotient of <= 56 bits: linear work
  if (!rem.empty()) inexact = true;
  // q < 2**(diff + 1 - shift) <= 2**56, so it fits in 64 bits.
  uint64_t qv = low_u64(q);
  const int64_t qbits = std::bit_width(qv);
  const int64_t extra = std::max(qbits, kMinExp - shift) - kMantDig;  // >= 2
  const uint64_t mask = uint64_t{1} << (extra - 1);
  // Round half to even: up if the half bit is set and either something below
  // it is set (the sticky inexact flag joins bit 0) or the kept part is odd
  // (bit 2*mask, included by 3*mask - 1).
  uint64_t low = qv | (inexact ? 1 : 0);
  if ((low & mask) != 0 && (low & (3 * mask - 1)) != 0) low += mask;
  qv = low & ~(2 * mask - 1);
  const double dx = static_cast<double>(qv);  // exact: at most 53 significant bits
  if (shift + qbits >= kMaxExp &&
      (shift + qbits > kMaxExp || dx == std::ldexp(1.0, static_cast<int>(qbits)))) {
    return overflow;
  }
  const double r = std::ldexp(dx, static_cast<int>(shift));
  return negate ? -r : r;
}

BigInt BigInt::pow(const BigInt& base, uint64_t exp, WorkMeter* meter) {
  const bool neg = base.neg_ && (exp & 1) != 0;
  // Powers of two are a shift: 2**n is common and should not multiply.
  if (base.mag_.size() >= 1 && std::has_single_bit(base.mag_.back()) &&
      std::all_of(base.mag_.begin(), base.mag_.end() - 1, [](Limb l) { return l == 0; })) {
    const uint64_t k = static_cast<uint64_t>(base.bit_length() - 1);
    if (k == 0 || exp <= UINT64_MAX / k) return from_limbs(neg, shl_mag(Mag{1}, k * exp));
  }
  return from_limbs(neg, pow_mag(base.mag_, exp, meter));
}

Result<BigInt> BigInt::pow_mod(const BigInt& base, const BigInt& exp, const BigInt& mod,
                               WorkMeter* meter) {
  if (mod.is_zero()) return Error{ErrorKind::ValueError, "pow() 3rd argument cannot be 0"};
  const Mag& m = mod.mag_;
  if (m.size() == 1 && m[0] == 1) return BigInt();
  // Work with the non-negative residue of the base modulo |mod|.
  BigInt b = *BigInt::mod(base, abs(mod), meter);
  if (exp.neg_) {
    // Python 3.8+: a negative exponent uses the modular inverse of the base
    // (extended Euclid on (|mod|, b)).
    BigInt r0 = abs(mod), r1 = b, t0, t1(1);
    while (!r1.is_zero()) {
      auto qr = *divmod(r0, r1, meter);
      r0 = std::move(r1);
      r1 = std::move(qr.second);
      BigInt t2 = sub(t0, mul(qr.first, t1, meter));
      t0 = std::move(t1);
      t1 = std::move(t2);
    }
    if (!(r0.mag_.size() == 1 && r0.mag_[0] == 1)) {
      return Error{ErrorKind::ValueError, "base is not invertible for the given modulus"};
    }
    b = *BigInt::mod(t0, abs(mod), meter);
  }
  const Mag& e = exp.mag_;
  Mag result{1};
  if (!b.mag_.empty()) {
    for (size_t i = e.size(); i-- > 0;) {
      for (int bit = kLimbBits - 1; bit >= 0; --bit) {
        result = mod_mag(mul_mag(result, result, meter), m, meter);
        if ((e[i] >> bit) & 1) result = mod_mag(mul_mag(result, b.mag_, meter), m, meter);
      }
    }
  } else if (!e.empty()) {
    result.clear();  // 0 ** positive == 0
  }
  trim(result);
  // Python gives the result the sign of the modulus.
  if (mod.neg_ && !result.empty()) return from_limbs(true, sub_mag(m, result));
  return from_limbs(false, std::move(result));
}

BigInt BigInt::neg(const BigInt& a) { return from_limbs(!a.neg_, a.mag_); }

BigInt BigInt::abs(const BigInt& a) { return from_limbs(false, a.mag_); }

// ---------------------------------------------------------------------------
// Bitwise operations on the infinite two's complement: both operands are
// widened to one limb more than the longer magnitude (so the sign bit is
// represented), combined limb by limb, and converted back.

namespace {

Mag to_twos(const std::vector<uint32_t>& mag, bool neg, size_t n) {
  Mag t(n, 0);
  std::copy(mag.begin(), mag.end(), t.begin());
  if (neg) {
    Wide carry = 1;
    for (Limb& l : t) {
      Wide s = static_cast<Wide>(static_cast<Limb>(~l)) + carry;
      l = static_cast<Limb>(s);
      carry = s >> kLimbBits;
    }
  }
  return t;
}

BigInt from_twos(Mag t) {
  const bool neg = !t.empty() && (t.back() >> 31) != 0;
  if (neg) {
    Wide carry = 1;
    for (Limb& l : t) {
      Wide s = static_cast<Wide>(static_cast<Limb>(~l)) + carry;
      l = static_cast<Limb>(s);
      carry = s >> kLimbBits;
    }
  }
  return BigInt::from_limbs(neg, std::move(t));
}

template <typename Op>
BigInt bitwise(const BigInt& a, const BigInt& b, Op op) {
  const size_t n = std::max(a.limbs().size(), b.limbs().size()) + 1;
  Mag ta = to_twos(a.limbs(), a.is_negative(), n);
  const Mag tb = to_twos(b.limbs(), b.is_negative(), n);
  for (size_t i = 0; i < n; ++i) ta[i] = op(ta[i], tb[i]);
  return from_twos(std::move(ta));
}

}  // namespace

BigInt BigInt::bit_and(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return x & y; });
}

BigInt BigInt::bit_or(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return x | y; });
}

BigInt BigInt::bit_xor(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](Limb x, Limb y) { return x ^ y; });
}

BigInt BigInt::bit_not(const BigInt& a) {
  // ~a == -(a + 1): for a >= 0 that is -(|a| + 1); for a < 0 it is |a| - 1.
  const Mag one{1};
  if (!a.neg_) return from_limbs(true, add_mag(a.mag_, one));
  return from_limbs(false, sub_mag(a.mag_, one));
}

BigInt BigInt::shl(const BigInt& a, uint64_t n) { return from_limbs(a.neg_, shl_mag(a.mag_, n)); }

BigInt BigInt::shr(const BigInt& a, uint64_t n) {
  bool lost = false;
  Mag r = shr_mag(a.mag_, n, a.neg_ ? &lost : nullptr);
  // Floor for negatives: -((|a| >> n) + 1) if any one bits were dropped.
  if (a.neg_ && lost) r = add_mag(r, Mag{1});
  return from_limbs(a.neg_, std::move(r));
}

BigInt BigInt::isqrt(const BigInt& a, WorkMeter* meter) {
  if (a.neg_ || a.mag_.empty()) return BigInt();
  const Mag& n = a.mag_;
  const int64_t bits = a.bit_length();
  // Newton's iteration from above: x0 = 2**ceil(bits/2) > sqrt(n); the
  // sequence x -> (x + n/x) / 2 decreases monotonically to isqrt(n) and the
  // first non-decreasing step marks the answer.
  Mag x = shl_mag(Mag{1}, static_cast<uint64_t>((bits + 1) / 2));
  Mag q, r;
  for (;;) {
    divmod_mag(n, x, q, r, meter);
    Mag y = shr_mag(add_mag(x, q), 1);
    if (cmp_mag(y, x) >= 0) return from_limbs(false, std::move(x));
    x = std::move(y);
  }
}

BigInt BigInt::gcd(const BigInt& a, const BigInt& b, WorkMeter* meter) {
  Mag x = a.mag_;
  Mag y = b.mag_;
  while (!y.empty()) {
    if (x.size() <= 2 && y.size() <= 2) {
      // Finish in machine words once both fit.
      uint64_t u = low_u64(x);
      uint64_t v = low_u64(y);
      while (v != 0) {
        uint64_t t = u % v;
        u = v;
        v = t;
      }
      return from_limbs(false, mag_from_u64(u));
    }
    Mag r = mod_mag(x, y, meter);
    x = std::move(y);
    y = std::move(r);
  }
  return from_limbs(false, std::move(x));
}

}  // namespace monty
