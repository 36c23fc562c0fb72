// `gilsim run`: one simulation, its report and its pictures.
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>  // isatty: progress only on a terminal

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

#include "cli/args.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/expect.hpp"
#include "gilsim/lab/explain.hpp"
#include "gilsim/lab/seeds.hpp"
#include "gilsim/lab/explore.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/model/versions.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/report/chrome_trace.hpp"
#include "gilsim/report/html_report.hpp"
#include "gilsim/report/timeline_svg.hpp"
#include "gilsim/report/writers.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim::cli {
namespace {

/// Reports a run that did not end normally; returns the exit code to use, or kOk.
ExitCode check_outcome(const std::string& path, const RunOutcome& o, const RunLimits& limits,
                       Io io) {
  const std::optional<std::string> why = why_unfinished(o, limits);
  if (!why) return ExitCode::kOk;
  const bool bug = o.status == RunOutcome::Status::kDeadlock;
  fmt::print(io.err, "{}: {}: {}\n", path, bug ? "internal error" : "error", *why);
  return bug ? ExitCode::kInternal : ExitCode::kBadInput;
}

}  // namespace

/// run --seeds N: every field as median [min-max] over N seeds.
ExitCode run_seeds_command(const std::string& path, const Scenario& scenario,
                           const std::string& format, const RunLimits& limits,
                           const ParsedArgs& args, Io io) {
  for (const char* single : {"trace", "timeline", "html", "window", "core-lanes"}) {
    if (args.has(single)) {
      return usage_error(io, "run", fmt::format("--{} draws one run; it does not go with --seeds",
                                                single));
    }
  }
  const std::optional<int> count = seeds_from(args, io);
  if (!count) return ExitCode::kBadInput;
  const Result<SeedRuns> runs = run_seeds(scenario, scenario.model.seed, *count, limits);
  if (!runs.ok()) {
    fmt::print(io.err, "{}", runs.error().to_string());
    return ExitCode::kBadInput;
  }
  const std::vector<std::string> metrics = args.values("metric");
  for (const std::string& m : metrics) {
    if (!find_field(runs.value(), m)) {
      fmt::print(io.err, "--metric {}: error: no such numeric field in {}'s report (gilsim run {} "
                         "--format csv lists them)\n", m, path, path);
      return ExitCode::kBadInput;
    }
  }
  if (format == "json") {
    io.out << seeds_json(scenario, runs.value(), metrics);
  } else if (format == "csv") {
    io.out << seeds_csv(runs.value(), metrics);
  } else {
    io.out << seeds_table(scenario, runs.value(), metrics);
  }
  return ExitCode::kOk;
}

namespace {

/// --window FROM..TO and --core-lanes; nullopt (after saying why) when wrong.
std::optional<TimelineOptions> picture_options(const ParsedArgs& args, Io io) {
  TimelineOptions window;
  window.core_lanes = args.has("core-lanes");
  if (window.core_lanes && !args.has("timeline") && !args.has("html")) {
    usage_error(io, "run", "--core-lanes adds lanes to a picture: give --timeline or --html");
    return std::nullopt;
  }
  if (auto w = args.value("window")) {
    const auto dots = w->find("..");
    const auto a = dots == std::string::npos ? std::nullopt : parse_duration(w->substr(0, dots));
    const auto b = dots == std::string::npos ? std::nullopt : parse_duration(w->substr(dots + 2));
    if (!a || !b || *b <= *a) {
      fmt::print(io.err, "--window {}: error: expected FROM..TO, e.g. 0ms..20ms\n", *w);
      return std::nullopt;
    }
    window.from = *a;
    window.to = *b;
  }
  return window;
}

/// --timeline and --html, drawn from the run's records.
ExitCode write_pictures(const ParsedArgs& args, const Scenario& scenario,
                        const SimulateResult& result, const VectorSink& records,
                        const TimelineOptions& window, Io io) {
  if (records.overflowed()) {
    fmt::print(io.err,
               "{}: error: the run made more than {} trace records, more than gilsim keeps to "
               "draw a picture; draw a shorter run (e.g. --set scenario.stop=10s)\n",
               args.has("timeline") ? "--timeline" : "--html", kMaxPictureRecords);
    return ExitCode::kBadInput;
  }
  if (args.has("timeline") &&
      !write_file(*args.value("timeline"),
                  timeline_svg(make_run_info(scenario), records.records, window), "timeline", io)) {
    return ExitCode::kBadInput;
  }
  if (args.has("html") &&
      !write_file(*args.value("html"), html_report(result.report, records.records, window), "page",
                  io)) {
    return ExitCode::kBadInput;
  }
  return ExitCode::kOk;
}

}  // namespace

ExitCode cmd_run(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "run", "expected exactly one FILE");
  const std::optional<std::string> chosen = format_from(args, "run", {"table", "json", "csv"}, io);
  if (!chosen) return ExitCode::kBadInput;
  const std::string& format = *chosen;
  const std::string& path = args.positional[0];
  auto scenario = load_with_options(path, args, io);
  if (!scenario) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  if (args.has("seeds")) return run_seeds_command(path, *scenario, format, *limits, args, io);
  const std::optional<TimelineOptions> window = picture_options(args, io);
  if (!window) return ExitCode::kBadInput;

  VectorSink records(kMaxPictureRecords);  // for --timeline and --html
  SimulateOptions options{*limits, {}, args.has("exact-percentiles")};
  if (args.has("timeline") || args.has("html")) options.sinks.push_back(&records);
  // The trace streams to its file as the run goes: its size is the run's, not memory's.
  std::optional<OutputFile> trace_file;
  std::optional<ChromeTraceSink> trace;
  if (auto trace_path = args.value("trace")) {
    trace_file.emplace(*trace_path, "trace");
    if (!trace_file->opened(io)) return ExitCode::kBadInput;
    trace.emplace(make_run_info(*scenario), trace_file->stream());
    options.sinks.push_back(&*trace);
  }
  const auto started = std::chrono::steady_clock::now();
  SimulateResult result = simulate(*scenario, options);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (args.has("stats")) {
    fmt::print(io.err, "events: {}\nwall time: {:.3f} s\nevents per second: {:.0f}\n",
               result.outcome.events, wall,
               wall > 0 ? static_cast<double>(result.outcome.events) / wall : 0.0);
  }
  if (ExitCode c = check_outcome(path, result.outcome, *limits, io); c != ExitCode::kOk) return c;
  if (trace_file && !trace_file->commit(io)) return ExitCode::kBadInput;
  if (ExitCode c = write_pictures(args, *scenario, result, records, *window, io);
      c != ExitCode::kOk) {
    return c;
  }
  io.out << (format == "json" ? to_json(result.report)
             : format == "csv" ? to_csv(result.report)
                               : to_table(result.report));
  return ExitCode::kOk;
}

}  // namespace gilsim::cli
