#include "gilsim/lab/simulate.hpp"

#include "gilsim/report/metrics.hpp"
#include "gilsim/scenario/runner.hpp"

namespace gilsim {

SimulateResult simulate(const Scenario& scenario, const SimulateOptions& options) {
  MetricsCollector metrics(make_run_info(scenario));
  FanoutSink fanout;
  fanout.add(metrics);
  for (TraceSink* s : options.sinks) fanout.add(*s);
  SimulateResult result;
  result.outcome = run_scenario(scenario, fanout, options.limits);
  result.report = metrics.finish(result.outcome.events);
  return result;
}

}  // namespace gilsim
