#include "gilsim/lab/request.hpp"

#include <fmt/format.h>

#include "gilsim/lab/explain.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/wait_histogram.hpp"
#include "gilsim/report/writers.hpp"

namespace gilsim {
namespace {

/// Simulates; a run that did not finish is the CLI's sentence as an error.
Result<SimulateResult> finished_run(const Request& request, const Scenario& scenario,
                                    std::vector<TraceSink*> sinks = {}) {
  SimulateResult result = simulate(scenario, SimulateOptions{request.limits, std::move(sinks)});
  if (auto why = why_unfinished(result.outcome, request.limits)) {
    return InputError{request.name, 0, 0, *why, ""};
  }
  return result;
}

}  // namespace

Result<ScenarioDocument> document_of(const Request& request) {
  return ScenarioDocument::parse(request.text, request.name);
}

Result<Scenario> scenario_of(const Request& request) {
  const Result<ScenarioDocument> document = document_of(request);
  if (!document.ok()) return document.error();
  Result<Scenario> scenario = request.variant
                                  ? decode_variant(document.value(), *request.variant, request.sets)
                                  : document.value().decode(request.sets);
  if (scenario.ok() && request.seed) scenario.value().model.seed = *request.seed;
  return scenario;
}

Result<RunOutput> run_request(const Request& request) {
  const Result<Scenario> scenario = scenario_of(request);
  if (!scenario.ok()) return scenario.error();
  const Result<SimulateResult> run = finished_run(request, scenario.value());
  if (!run.ok()) return run.error();
  return RunOutput{to_json(run.value().report), to_table(run.value().report)};
}

Result<Pictures> pictures_request(const Request& request, const TimelineOptions& options) {
  const Result<Scenario> scenario = scenario_of(request);
  if (!scenario.ok()) return scenario.error();
  VectorSink records(kMaxPictureRecords);
  const Result<SimulateResult> run = finished_run(request, scenario.value(), {&records});
  if (!run.ok()) return run.error();
  if (records.overflowed()) {
    return InputError{request.name, 0, 0,
                      "the run made more trace records than gilsim keeps to draw a picture; "
                      "draw a shorter run (scenario.stop = \"1s\")",
                      ""};
  }
  const RunInfo info = make_run_info(scenario.value());
  Pictures pictures{timeline_svg(info, records.records, options), {}};
  const auto waits = gil_waits(info.threads.size(), records.records);
  for (std::size_t t = 0; t < info.threads.size(); ++t) {
    pictures.histograms.push_back(histogram_svg(info.threads[t].name, waits[t]));
  }
  return pictures;
}

Result<Comparison> compare_request(const Request& request,
                                   const std::vector<std::string>& policies, int seeds) {
  const Result<ScenarioDocument> document = document_of(request);
  if (!document.ok()) return document.error();
  return compare(document.value(), policies, request.sets, request.limits, seeds);
}

Result<SweepResult> sweep_request(const Request& request, const SweepRequest& sweep_request,
                                  std::ostream* progress) {
  // The checks the CLI makes of its flags.
  const auto refuse = [&](const std::string& message) -> Result<SweepResult> {
    return InputError{request.name, 0, 0, message, ""};
  };
  if (sweep_request.params.empty() || sweep_request.params.size() > 2) {
    return refuse("a sweep takes one or two parameters (KEY=FROM..TO)");
  }
  if (sweep_request.steps < 1 || sweep_request.steps > kMaxSweepSteps) {
    return refuse(fmt::format("steps must be from 1 to {}", kMaxSweepSteps));
  }
  if (sweep_request.jobs < 1 || sweep_request.jobs > kMaxJobs) {
    return refuse(fmt::format("jobs must be from 1 to {}", kMaxJobs));
  }
  SweepOptions options;
  for (const std::string& text : sweep_request.params) {
    Result<SweepParam> p = parse_sweep_param(text);
    if (!p.ok()) return p.error();
    options.params.push_back(p.value());
  }
  options.steps = sweep_request.steps;
  options.log = sweep_request.log;
  options.metrics = sweep_request.metrics;
  options.jobs = sweep_request.jobs;
  options.overrides = request.sets;
  options.limits = request.limits;
  options.progress = progress;
  const Result<ScenarioDocument> document = document_of(request);
  if (!document.ok()) return document.error();
  return sweep(document.value(), options);
}

Result<std::vector<std::string>> explain_request(const Request& request, const std::string& thread,
                                                 Tick at) {
  const Result<Scenario> scenario = scenario_of(request);
  if (!scenario.ok()) return scenario.error();
  return explain(scenario.value(), thread, at, request.limits);
}

}  // namespace gilsim
