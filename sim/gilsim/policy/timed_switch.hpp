#pragma once
// The "new GIL" of CPython 3.2 and later: a timed wait of switch_interval, a drop
// request, and FORCE_SWITCHING. Notes about the model are in timed_switch.cpp.

#include <cstdint>
#include <set>
#include <vector>

#include "gilsim/core/rng.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/model/gil_policy.hpp"

namespace gilsim {

class TimedSwitchGil final : public GilPolicy {
 public:
  TimedSwitchGil(const InterpreterConfig& interp, WakeOrder wake_order, std::size_t thread_count,
                 Rng rng);

  bool take(GilHost& host, ThreadId t) override;
  bool drop(GilHost& host, ThreadId t, DropReason why) override;
  void on_timeout(GilHost& host, ThreadId t) override;
  bool drop_requested(ThreadId t) const override { return drop_request_ && holder_ == t; }

 private:
  /// How a thread in take_gil's wait loop came back.
  enum class Wake : std::uint8_t { kNone, kSignalled, kTimedOut };
  struct Waiter {
    Wake wake = Wake::kNone;
    std::uint64_t saved_switch_number = 0;
    std::uint64_t arrival = 0;  ///< its key in waiting_ while it waits
  };

  void wait(GilHost& host, ThreadId t);
  void signal_one(GilHost& host);

  Tick interval_;
  bool force_switching_;
  WakeOrder wake_order_;
  Rng rng_;

  bool locked_ = false;
  ThreadId holder_ = kNoThread;
  ThreadId last_holder_ = kNoThread;
  std::uint64_t switch_number_ = 0;
  bool drop_request_ = false;             ///< gil_drop_request (one flag per interpreter)
  /// Threads in COND_TIMED_WAIT(gil.cond), by (arrival number, thread): oldest first.
  std::set<std::pair<std::uint64_t, ThreadId>> waiting_;
  std::uint64_t arrivals_ = 0;
  ThreadId switch_waiter_ = kNoThread;    ///< the dropper in COND_WAIT(gil.switch_cond)
  std::vector<Waiter> waiters_;           ///< per thread
};

}  // namespace gilsim
