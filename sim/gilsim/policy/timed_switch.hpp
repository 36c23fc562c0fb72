#pragma once
// The "new GIL" of CPython 3.2 and later: a timed wait of switch_interval, a drop
// request, and FORCE_SWITCHING. Notes about the model are in timed_switch.cpp.

#include <cstdint>
#include <utility>
#include <vector>

#include "gilsim/core/rng.hpp"
#include "gilsim/model/gil_policy.hpp"
#include "gilsim/policy/arrival_queue.hpp"

namespace gilsim {

class TimedSwitchGil : public GilPolicy {
 public:
  bool timed_wait() const override { return true; }
  explicit TimedSwitchGil(const PolicyContext& ctx);

  bool take(GilHost& host, ThreadId t) override;
  bool drop(GilHost& host, ThreadId t, DropReason why) override;
  void on_timeout(GilHost& host, ThreadId t) override;
  std::int64_t check_sites_ahead(ThreadId t) const override { return drop_requested(t) ? 1 : 0; }
  bool at_check_site(GilHost&, ThreadId t) override { return drop_requested(t); }

  /// Whether the holder `t`'s eval breaker asks it to drop the GIL.
  bool drop_requested(ThreadId t) const;

 protected:
  // Hooks for variants (priority-io); the defaults are CPython's behaviour.

  /// A waiter that should ask the holder to drop at once, without a timed wait.
  virtual bool requests_at_once(ThreadId /*waiter*/, ThreadId /*holder*/) const { return false; }
  /// Called first in every drop.
  virtual void on_release(ThreadId /*t*/, DropReason /*why*/) {}
  /// Which waiter a release at `now` signals. REQUIRES: someone waits.
  virtual ThreadId pick_waiter(Tick now);

  /// Threads in COND_TIMED_WAIT(gil.cond), oldest first.
  ArrivalQueue waiting_;

 private:
  /// How a thread in take_gil's wait loop came back.
  enum class Wake : std::uint8_t { kNone, kSignalled, kTimedOut };
  struct Waiter {
    Wake wake = Wake::kNone;
    std::uint64_t saved_switch_number = 0;
    Tick awake_until = 0;       ///< it sleeps in futex_wait from then on (wait_entry)
  };

  void wait(GilHost& host, ThreadId t);
  void signal_one(GilHost& host);
  /// `t` leaves the wait (signalled or timed out); false if it was not waiting.
  bool leave_wait(ThreadId t);
  void request_drop(GilHost& host, ThreadId requester);

  Tick interval_;
  bool force_switching_;
  DropRequestScope scope_;
  WakeOrder wake_order_;
  Distribution wait_entry_;
  /// Parks `t` in a condition-variable wait, drawing how long it stays awake first.
  void park_in_cond(GilHost& host, ThreadId t, BlockReason why, Tick deadline);
  bool awake(const GilHost& host, ThreadId t) const {
    return host.now() < waiters_[t].awake_until;
  }
  Rng rng_;

  bool locked_ = false;
  ThreadId holder_ = kNoThread;
  ThreadId last_holder_ = kNoThread;
  std::uint64_t switch_number_ = 0;
  bool drop_request_ = false;   ///< kInterpreter: gil_drop_request
  std::vector<bool> drop_bit_;  ///< kThread: each thread's _PY_GIL_DROP_REQUEST_BIT
  /// glibc's group G1: the waiters from the oldest up to this one; kNoThread when empty.
  ThreadId g1_newest_ = kNoThread;
  ThreadId switch_waiter_ = kNoThread;  ///< the dropper in COND_WAIT(gil.switch_cond)
  std::vector<Waiter> waiters_;         ///< per thread
};

}  // namespace gilsim
