#pragma once
// The old GIL's _Py_Ticker (GIL_MODEL.md 1.1-1.3): one countdown per
// interpreter, shared by all its threads, so a thread that takes the GIL
// inherits whatever is left. Every check_interval check sites ("ticks") the
// holder runs the periodic check.

#include <algorithm>
#include <cstdint>

namespace gilsim {

class Ticker {
 public:
  explicit Ticker(std::int64_t interval) : interval_(std::max<std::int64_t>(interval, 1)), left_(interval_) {}

  /// Check sites until the next periodic check, counting the check's own site (>= 1).
  std::int64_t left() const { return left_; }

  /// The holder ran past `n` sites without stopping; returns how many periodic
  /// checks it passed on the way (each one an unconditional release and re-take).
  std::int64_t pass(std::int64_t n) {
    if (n < left_) {
      left_ -= n;
      return 0;
    }
    n -= left_;
    const std::int64_t checks = 1 + n / interval_;
    left_ = interval_ - n % interval_;
    return checks;
  }

  /// The holder is at the check: the countdown starts again (_Py_Ticker = _Py_CheckInterval).
  void restart() { left_ = interval_; }

 private:
  std::int64_t interval_;
  std::int64_t left_;
};

}  // namespace gilsim
