#pragma once
// Beazley's 2010 priority proposal on top of the timed-switch GIL. Notes about
// the model are in priority_io.cpp.

#include <vector>

#include "gilsim/policy/timed_switch.hpp"

namespace gilsim {

class PriorityIoGil final : public TimedSwitchGil {
 public:
  explicit PriorityIoGil(const PolicyContext& ctx);

 private:
  bool requests_at_once(ThreadId waiter, ThreadId holder) const override;
  void on_release(ThreadId t, DropReason why) override;
  ThreadId pick_waiter(Tick now) override;

  std::vector<bool> cpu_bound_;  ///< per thread; every thread starts I/O-bound
};

}  // namespace gilsim
