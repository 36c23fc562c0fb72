#pragma once
// The old GIL's periodic check (GIL_MODEL.md 1.1-1.3), shared by the policies
// that use it (check-interval, fifo-handoff). One countdown per interpreter,
// _Py_Ticker, shared by all its threads, so a thread that takes the GIL
// inherits whatever is left. Every check_interval check sites ("ticks") the
// holder releases the GIL and takes it again.

#include <algorithm>
#include <cstdint>

#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

/// The countdown alone.
class Ticker {
 public:
  explicit Ticker(std::int64_t interval)
      : interval_(std::max<std::int64_t>(interval, 1)), left_(interval_) {}

  /// Check sites until the next periodic check, counting the check's own site (>= 1).
  std::int64_t left() const { return left_; }

  /// The holder ran past `n` sites without stopping; returns how many periodic
  /// checks it passed on the way.
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

/// The ticker plus what a policy needs around it: whether the holder must stop
/// at a check, and the counting of the checks it need not stop for.
class PeriodicCheck {
 public:
  explicit PeriodicCheck(const PolicyContext& ctx)
      : ticker_(ctx.interpreter.check_interval),
        // The lock exists only once a second thread started (PyEval_InitThreads),
        // and only then do its operations cost anything.
        lock_costs_time_(ctx.machine.lock_cost > 0 && ctx.interpreter_threads > 1) {}

  /// A check does something observable when it wakes a waiter or its lock
  /// operations cost time; otherwise the holder need not stop for it.
  bool matters(bool anyone_waits) const { return anyone_waits || lock_costs_time_; }

  /// check_sites_ahead() for the holder.
  std::int64_t sites_ahead(bool anyone_waits) const {
    return matters(anyone_waits) ? ticker_.left() : 0;
  }

  /// on_sites_passed(): counts the checks passed without stopping (kSilentChecks).
  void pass(GilHost& host, ThreadId t, std::int64_t n) {
    if (const std::int64_t silent = ticker_.pass(n); silent > 0) {
      host.emit(TraceRecord::silent_checks(host.now(), t, silent));
    }
  }

  /// at_check_site(): the countdown restarts; true if the holder must release
  /// and re-take the GIL.
  bool at_check(GilHost& host, ThreadId t, bool anyone_waits) {
    ticker_.restart();
    if (matters(anyone_waits)) return true;
    host.emit(TraceRecord::silent_checks(host.now(), t, 1));
    return false;
  }

 private:
  Ticker ticker_;
  bool lock_costs_time_;
};

}  // namespace gilsim
