#pragma once
// A thread's state over time, from trace records: the spans the Chrome trace
// and the timeline picture draw.

#include <cstdint>
#include <string_view>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/core/trace.hpp"

namespace gilsim {

enum class ThreadState : std::uint8_t {
  kRunnable,  ///< wants a core (woken or preempted), or switching onto one
  kRunningWithGil,
  kRunningWithoutGil,  ///< GIL-releasing native code, or about to take the GIL
  kRunning,            ///< on an interpreter without a GIL
  kWaitingForGil,
  kInIo,
  kSleeping,
  kHandoff,  ///< dropped the GIL, waits until another thread takes it
};
inline constexpr int kThreadStateCount = 8;

std::string_view state_name(ThreadState s);

struct StateSpan {
  ThreadId thread;
  ThreadState state;
  Tick from;
  Tick to;  ///< > from: zero-time steps make no span
};

/// What a thread is doing after the records fed so far.
struct ThreadNow {
  enum class Phase { kNotStarted, kActive, kFinished } phase = Phase::kNotStarted;
  ThreadState state = ThreadState::kRunnable;  ///< when kActive
  Tick since = 0;          ///< when the state began (kActive), or when it finished (kFinished)
  Tick on_core_since = 0;  ///< when running: since it got its core
};

class ThreadStates {
 public:
  explicit ThreadStates(const RunInfo& info);
  /// Feeds the next record; appends to `out` every span it closes (kSimEnd closes all).
  void feed(const TraceRecord& r, std::vector<StateSpan>& out);
  /// Thread `t`'s state now, after the records fed so far.
  ThreadNow now(ThreadId t) const;

 private:
  struct Track {
    bool open = false;
    ThreadState state = ThreadState::kRunnable;
    Tick since = 0;
    bool on_core = false;
    bool holds_gil = false;
    Tick on_core_since = 0;
    bool started = false;
    Tick finished_at = -1;
  };
  void open(ThreadId t, ThreadState s, Tick now, std::vector<StateSpan>& out);
  void close(ThreadId t, Tick now, std::vector<StateSpan>& out);
  void running(ThreadId t, Tick now, std::vector<StateSpan>& out);

  const RunInfo& info_;
  std::vector<Track> tracks_;
};

}  // namespace gilsim
