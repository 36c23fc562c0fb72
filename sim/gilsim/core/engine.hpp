#pragma once
// The discrete-event loop: pop the earliest event, advance the clock, hand the
// payload to the model, repeat. The engine knows nothing about threads or GILs;
// the model gives it a handler and a payload type.

#include <cstdint>

#include "gilsim/core/assert.hpp"
#include "gilsim/core/event_queue.hpp"
#include "gilsim/core/time.hpp"

namespace gilsim {

/// Why a run ended.
enum class RunEnd {
  kDrained,  ///< no events left
  kStopped,  ///< the model called stop()
  kRunaway,  ///< the event budget ran out
  kHorizon,  ///< the next event lies at or beyond kNever
};

template <class Payload>
class Engine {
 public:
  Tick now() const { return now_; }
  std::uint64_t events() const { return events_; }

  /// Schedules `payload` at `when`. REQUIRES: when >= now().
  void at(Tick when, Payload payload) {
    GILSIM_ASSERT(when >= now_, "event scheduled in the past ({} < {})", when, now_);
    queue_.push(when, payload);
  }

  /// A place in the order of events at one instant, taken now for an event
  /// scheduled later (at_reserved): a timer whose firing is deferred keeps the
  /// place it had when it was armed.
  std::uint64_t reserve() { return queue_.reserve(); }
  /// Schedules `payload` at `when` in the place `seq` from reserve(). REQUIRES: when >= now().
  void at_reserved(Tick when, std::uint64_t seq, Payload payload) {
    GILSIM_ASSERT(when >= now_, "event scheduled in the past ({} < {})", when, now_);
    queue_.push_reserved(when, seq, payload);
  }

  /// Ends the run after the current event.
  void stop() { stopped_ = true; }

  /// Pops events in (time, sequence) order and calls handler(payload) for each,
  /// until the queue drains, stop() is called, `max_events` were handled, or
  /// the next event lies at the horizon kNever.
  template <class Handler>
  RunEnd run(std::uint64_t max_events, Handler&& handler) {
    while (!queue_.empty()) {
      if (events_ >= max_events) return RunEnd::kRunaway;
      if (queue_.top().time >= kNever) {
        now_ = kNever;
        return RunEnd::kHorizon;
      }
      auto entry = queue_.pop();
      now_ = entry.time;
      ++events_;
      handler(entry.payload);
      if (stopped_) return RunEnd::kStopped;
    }
    return RunEnd::kDrained;
  }

 private:
  EventQueue<Payload> queue_;
  Tick now_ = 0;
  std::uint64_t events_ = 0;
  bool stopped_ = false;
};

}  // namespace gilsim
