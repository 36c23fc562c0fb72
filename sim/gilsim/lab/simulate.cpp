#include "gilsim/lab/simulate.hpp"

#include <fmt/format.h>

#include "gilsim/report/metrics.hpp"
#include "gilsim/scenario/runner.hpp"

namespace gilsim {

SimulateResult simulate(const Scenario& scenario, const SimulateOptions& options) {
  MetricsCollector metrics(make_run_info(scenario), options.exact_percentiles);
  FanoutSink fanout;
  fanout.add(metrics);
  for (TraceSink* s : options.sinks) fanout.add(*s);
  // Without other sinks the records go straight to the metrics: one virtual
  // call per record fewer, on the hottest path there is.
  TraceSink& sink = options.sinks.empty() ? static_cast<TraceSink&>(metrics) : fanout;
  SimulateResult result;
  result.outcome = run_scenario(scenario, sink, options.limits);
  result.report = metrics.finish(result.outcome.events);
  return result;
}

std::optional<std::string> why_unfinished(const RunOutcome& o, const RunLimits& limits) {
  switch (o.status) {
    case RunOutcome::Status::kFinished:
      return std::nullopt;
    case RunOutcome::Status::kRunaway:
      if (o.needed > 0) {
        return fmt::format(
            "the threads need at least {} events and shared-memory accesses to finish, more "
            "than the event budget (--max-events, now {}); the run was not started. Shorten "
            "the program, set scenario.stop, or raise --max-events",
            o.needed, limits.max_events);
      }
      return fmt::format(
          "the run was stopped after {} events{} at simulated time {}: it runs away (a loop "
          "far longer than intended, or zero-length ops repeated forever); set scenario.stop, "
          "shorten the program, or raise --max-events (now {})",
          o.events, o.accesses ? fmt::format(" and {} shared-memory accesses", o.accesses) : "",
          format_duration(o.end_time), limits.max_events);
    case RunOutcome::Status::kStuck:
      return fmt::format(
          "the run was stopped at simulated time {}: threads kept running zero-length ops "
          "without time passing (a loop of ops that all take 0s?)",
          format_duration(o.end_time));
    case RunOutcome::Status::kHorizon:
      return fmt::format(
          "the run was stopped at simulated time {}, the longest gilsim simulates; check the "
          "durations in the scenario",
          format_duration(o.end_time));
    case RunOutcome::Status::kNoMessage:
      return fmt::format(
          "nothing left to happen at {} but threads wait in a recv for a message nobody will "
          "send (more recv than send on a pipe?)",
          format_duration(o.end_time));
    case RunOutcome::Status::kDeadlock:
      return fmt::format(
          "nothing left to happen at {} but threads still wait (a deadlock in the model; "
          "please report it with this scenario)",
          format_duration(o.end_time));
  }
  return "the run ended in an unknown state";
}

}  // namespace gilsim
