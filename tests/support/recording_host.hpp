#pragma once
// A GilHost that records what a policy asked for, so a policy can be tested
// without the simulator: tests play the threads and the clock by hand.

#include <vector>

#include "gilsim/model/gil_policy.hpp"

namespace gilsim::test {

class RecordingHost final : public GilHost {
 public:
  struct Park {
    ThreadId thread;
    BlockReason why;
    Tick deadline;
  };
  Tick now() const override { return now_; }
  void park(ThreadId t, BlockReason why, Tick deadline) override {
    parks.push_back({t, why, deadline});
  }
  void unpark(ThreadId t, bool /*never_slept*/ = false) override { unparks.push_back(t); }
  void eval_breaker_changed(ThreadId t) override { breaker_changes.push_back(t); }
  void emit(const TraceRecord& r) override { records.push_back({r.kind, r.thread}); }

  void set_now(Tick t) { now_ = t; }
  int count(RecordKind kind) const {
    int n = 0;
    for (const auto& r : records) n += r.first == kind;
    return n;
  }

  std::vector<Park> parks;
  std::vector<ThreadId> unparks;
  std::vector<ThreadId> breaker_changes;
  std::vector<std::pair<RecordKind, ThreadId>> records;

 private:
  Tick now_ = 0;
};

}  // namespace gilsim::test
