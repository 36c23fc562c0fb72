#pragma once
// The old GIL of CPython <= 3.1: a plain lock released and re-taken every
// check_interval ticks. Notes about the model are in check_interval.cpp.

#include <cstdint>
#include <vector>

#include "gilsim/core/rng.hpp"
#include "gilsim/model/gil_policy.hpp"
#include "gilsim/policy/arrival_queue.hpp"
#include "gilsim/policy/ticker.hpp"

namespace gilsim {

class CheckIntervalGil final : public GilPolicy {
 public:
  bool counts_ticks() const override { return true; }
  explicit CheckIntervalGil(const PolicyContext& ctx);

  bool take(GilHost& host, ThreadId t) override;
  bool drop(GilHost& host, ThreadId t, DropReason why) override;
  void on_timeout(GilHost&, ThreadId) override {}  // waits have no deadline
  bool waits_on_condition() const override { return false; }  // a semaphore: sem_wait
  std::int64_t check_sites_ahead(ThreadId t) const override {
    return holder_ == t ? check_.sites_ahead(!sleeping_.empty()) : 0;
  }
  void on_sites_passed(GilHost& host, ThreadId t, std::int64_t n) override {
    check_.pass(host, t, n);
  }
  bool at_check_site(GilHost& host, ThreadId t) override {
    return check_.at_check(host, t, !sleeping_.empty());
  }

 private:
  PeriodicCheck check_;
  WakeOrder wake_order_;
  Rng rng_;

  bool locked_ = false;
  ThreadId holder_ = kNoThread;
  ArrivalQueue sleeping_;        ///< threads asleep in the lock's acquire, oldest first
  std::vector<bool> signalled_;  ///< per thread: woken by a release, not yet retried
};

}  // namespace gilsim
