#pragma once
// A fair GIL: the old GIL's periodic check, but a release hands the GIL straight
// to the longest waiter. Notes about the model are in fifo_handoff.cpp.

#include <cstdint>
#include <deque>
#include <vector>

#include "gilsim/model/gil_policy.hpp"
#include "gilsim/policy/ticker.hpp"

namespace gilsim {

class FifoHandoffGil final : public GilPolicy {
 public:
  bool counts_ticks() const override { return true; }
  explicit FifoHandoffGil(const PolicyContext& ctx);

  bool take(GilHost& host, ThreadId t) override;
  bool drop(GilHost& host, ThreadId t, DropReason why) override;
  void on_timeout(GilHost&, ThreadId) override {}  // waits have no deadline
  std::int64_t check_sites_ahead(ThreadId t) const override {
    return holder_ == t && !handed_[t] ? check_.sites_ahead(!queue_.empty()) : 0;
  }
  void on_sites_passed(GilHost& host, ThreadId t, std::int64_t n) override {
    check_.pass(host, t, n);
  }
  bool at_check_site(GilHost& host, ThreadId t) override {
    return check_.at_check(host, t, !queue_.empty());
  }

 private:
  PeriodicCheck check_;
  bool locked_ = false;
  ThreadId holder_ = kNoThread;  ///< may be a thread that was handed the GIL and has not run yet
  std::deque<ThreadId> queue_;   ///< waiters, longest first
  std::vector<bool> handed_;     ///< per thread: holds the GIL, handed over while it slept
};

}  // namespace gilsim
