// WorkMeter: lets the owner of the limits stop a long computation in the
// support layer part-way.
//
// A big-int multiplication or division on huge operands runs for seconds in
// one call (`x * x` with x of 10**6 digits, `y // x`), far from any of the
// interpreter's safepoints, so the time and instruction limits would only be
// checked after it. The support layer knows nothing of limits: its long loops
// charge their work (limb operations) to a meter the caller passes in, and
// every kPeriod units the meter calls on_period(), where the owner counts the
// work and may throw to abandon the computation. Code that charges a meter
// keeps all its scratch in RAII containers, so a throw leaks nothing.
#pragma once

#include <cstdint>

namespace monty {

class WorkMeter {
 public:
  // About 50-100 us of limb operations: on_period may read the host clock,
  // which is cheap at that rate and keeps the overrun of a time limit small.
  static constexpr uint64_t kPeriod = uint64_t{1} << 16;

  void charge(uint64_t units) {
    pending_ += units;
    if (pending_ >= kPeriod) [[unlikely]] {
      const uint64_t periods = pending_ / kPeriod;
      pending_ %= kPeriod;
      on_period(periods);
    }
  }

 protected:
  WorkMeter() = default;
  ~WorkMeter() = default;
  WorkMeter(const WorkMeter&) = delete;
  WorkMeter& operator=(const WorkMeter&) = delete;
  // `periods` >= 1 periods of work were charged since the last call.
  virtual void on_period(uint64_t periods) = 0;

 private:
  uint64_t pending_ = 0;
};

// Charges a meter that may be absent (callers with no limits pass nullptr).
inline void charge(WorkMeter* meter, uint64_t units) {
  if (meter != nullptr) meter->charge(units);
}

}  // namespace monty
