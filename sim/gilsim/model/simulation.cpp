#include "gilsim/model/simulation.hpp"

#include <type_traits>
#include <variant>

namespace gilsim {

Simulation::Simulation(const ModelSpec& spec, std::vector<std::unique_ptr<GilPolicy>> gils,
                       TraceSink& sink)
    : spec_(spec),
      sink_(sink),
      interpreter_(spec, std::move(gils), sink, engine_, machine_),
      machine_(spec, engine_, sink, interpreter_) {
  for (std::size_t t = 0; t < spec.threads.size(); ++t) {
    machine_.set_affinity(static_cast<ThreadId>(t), spec.threads[t].affinity);
  }
}

void Simulation::handle(const Event& e) {
  std::visit(
      [this](const auto& ev) {
        using T = std::decay_t<decltype(ev)>;
        if constexpr (std::is_same_v<T, SliceEnd>) {
          machine_.on_slice_end(ev);
        } else if constexpr (std::is_same_v<T, StopRun>) {
          engine_.stop();
        } else if constexpr (std::is_same_v<T, ThreadStep> || std::is_same_v<T, TimerFire> ||
                             std::is_same_v<T, ThreadStart>) {
          interpreter_.on(ev);
        } else {
          // An event type added to Event and not handled here does not compile.
          static_assert(!sizeof(T), "handle every Event alternative");
        }
      },
      e);
}

RunOutcome Simulation::run(const RunLimits& limits) {
  if (const std::int64_t needed = interpreter_.work_needed();
      needed > 0 && static_cast<std::uint64_t>(needed) > limits.max_events) {
    RunOutcome refused;
    refused.status = RunOutcome::Status::kRunaway;
    refused.needed = needed;
    return refused;
  }
  interpreter_.start(limits);
  if (spec_.stop != kNever) engine_.at(spec_.stop, StopRun{});
  const RunEnd end = engine_.run(limits.max_events, [this](const Event& e) {
    interpreter_.before_event();
    handle(e);
    interpreter_.reschedule();
    if (interpreter_.all_finished() || interpreter_.stuck()) engine_.stop();
  });
  const RunOutcome out = outcome(end);
  interpreter_.finish(out.end_time);
  sink_.on_record(TraceRecord::sim_end(out.end_time));
  return out;
}

RunOutcome Simulation::outcome(RunEnd end) const {
  RunOutcome out;
  out.end_time = engine_.now();
  out.events = engine_.events();
  out.accesses = interpreter_.accesses();
  if (interpreter_.out_of_work()) {
    out.status = RunOutcome::Status::kRunaway;
  } else if (interpreter_.stuck()) {
    out.status = RunOutcome::Status::kStuck;
  } else if (end == RunEnd::kHorizon) {
    out.status = RunOutcome::Status::kHorizon;
  } else if (end == RunEnd::kRunaway) {
    out.status = RunOutcome::Status::kRunaway;
  } else if (end == RunEnd::kDrained && interpreter_.some_unfinished()) {
    out.status = interpreter_.waits_in_recv() ? RunOutcome::Status::kNoMessage
                                              : RunOutcome::Status::kDeadlock;
  }
  return out;
}

}  // namespace gilsim
