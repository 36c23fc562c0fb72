#pragma once
// What bounds a run and how it ended: all that the layers above need to know
// of a run besides its trace, without the engine (model/simulation.hpp).

#include <cstdint>

#include "gilsim/core/time.hpp"

namespace gilsim {

struct RunLimits {
  /// Work after which a run is declared runaway and stopped: events plus
  /// shared-memory accesses (which happen between events, without one each).
  std::uint64_t max_events = 200'000'000;
  /// Steps a thread may take at one instant (zero-length ops) before the run is
  /// declared stuck: simulated time would never advance.
  std::uint64_t max_steps_per_instant = 1'000'000;
};

struct RunOutcome {
  enum class Status {
    kFinished,  ///< every thread that can finish did, or the stop time was reached
    kRunaway,   ///< the event budget ran out
    kStuck,     ///< threads kept stepping without simulated time advancing
    kHorizon,   ///< simulated time reached kNever (~73 years)
    kNoMessage,  ///< nothing left to happen, and threads wait in recv() for a message nobody sends
    kDeadlock,  ///< nothing left to happen, yet threads wait (a model bug)
  };
  Status status = Status::kFinished;
  Tick end_time = 0;
  std::uint64_t events = 0;
  std::uint64_t accesses = 0;  ///< shared-memory reads and writes performed
  /// kRunaway refused before the start: the work the finite threads need at
  /// least (program_min_work), more than the budget. 0 when the run started.
  std::int64_t needed = 0;
};

}  // namespace gilsim
