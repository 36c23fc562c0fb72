#include "gilsim/model/os_timing.hpp"

#include <algorithm>

namespace gilsim {

OsTiming::Wakeup OsTiming::wakeup_delay(Tick idle_for, bool from_cond_wait) {
  const Tick path = machine_.wakeup_latency.sample(rng_);
  const Distribution* state = exit_latency(idle_for);
  const Tick exit = state ? state->sample(rng_) : 0;
  if (!from_cond_wait) return {path + exit, exit};
  // The mutex is contended only while the releaser is still around it; a core
  // slow to leave a deep idle state finds it free: the two costs overlap.
  return {path + std::max(machine_.cond_wakeup.sample(rng_), exit), exit};
}

const Distribution* OsTiming::exit_latency(Tick idle_for) const {
  const Distribution* exit = nullptr;
  for (const IdleState& s : machine_.idle_states) {  // by depth: the deepest one reached
    if (idle_for < s.after) break;
    exit = &s.exit;
  }
  return exit;
}

Tick OsTiming::timer_expiry(Tick deadline) const {
  return deadline >= kNever - machine_.timer_slack ? kNever : deadline + machine_.timer_slack;
}

}  // namespace gilsim
