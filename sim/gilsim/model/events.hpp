#pragma once
// The events of a run, in the engine's queue: the interpreter's (a thread's
// next step, a timer), the machine's (the end of a time slice), and the run's
// own (a thread starts, the stop time). Generations invalidate stale ones.

#include <cstdint>
#include <variant>

#include "gilsim/core/trace.hpp"

namespace gilsim {

struct ThreadStep {  ///< a running thread's next instant (end of work, a check site)
  ThreadId t;
  std::uint32_t gen;
};
struct TimerFire {  ///< a blocked thread's call returns, or its timed wait expires
  ThreadId t;
  std::uint32_t gen;
};
struct SliceEnd {  ///< a core's time slice ends
  int core;
  std::uint32_t gen;
};
struct ThreadStart {
  ThreadId t;
};
struct StopRun {};
using Event = std::variant<ThreadStep, TimerFire, SliceEnd, ThreadStart, StopRun>;

}  // namespace gilsim
