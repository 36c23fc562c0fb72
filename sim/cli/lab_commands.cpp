// The lab's commands: compare, sweep, explore, explain, check.
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
#include "gilsim/lab/explore.hpp"
#include "gilsim/lab/merge.hpp"
#include "gilsim/lab/shard.hpp"
#include "gilsim/core/input_file.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/model/versions.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/report/chrome_trace.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/html_report.hpp"
#include "gilsim/report/timeline_svg.hpp"
#include "gilsim/report/writers.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim::cli {

// --- explore --------------------------------------------------------------------

namespace {

/// The options that reproduce a run: the user's, in order, then our own.
std::string replay_options(const ParsedArgs& args, const std::vector<std::string>& extra) {
  std::string out;
  if (auto v = args.value("variant")) out += " --variant " + shell_word(*v);
  if (auto p = args.value("policy")) out += " --policy " + shell_word(*p);
  for (const std::string& s : args.values("set")) out += " --set " + shell_word(s);
  for (const std::string& s : extra) out += " --set " + shell_word(s);
  return out;
}

/// --shard I/N (the whole job when absent); nullopt after saying what is wrong.
std::optional<Shard> shard_from(const ParsedArgs& args, Io io) {
  const auto text = args.value("shard");
  if (!text) return Shard{};
  Result<Shard> s = parse_shard(*text);
  if (!s.ok()) {
    fmt::print(io.err, "{}", s.error().to_string());
    return std::nullopt;
  }
  return s.value();
}

/// The fingerprint of the job a shard belongs to: the command, the scenario's
/// bytes and the arguments that change what is computed (not --shard, --jobs
/// or where the output goes).
std::optional<std::string> job_of(std::string_view command, const std::string& path,
                                  const ParsedArgs& args, Io io) {
  const Result<std::string> text = read_input_file(path);
  if (!text.ok()) {
    fmt::print(io.err, "{}", text.error().to_string());
    return std::nullopt;
  }
  return job_id(command, text.value(), args.words_except({"shard", "jobs", "csv", "plot"}));
}

}  // namespace

ExitCode cmd_explore(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "explore", "expected exactly one FILE");
  const std::string& path = args.positional[0];
  auto scenario = load_with_options(path, args, io);
  if (!scenario) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  ExploreOptions options;
  options.limits = *limits;
  options.first_seed = scenario->model.seed;
  const auto schedules = whole_number_flag(args, "schedules", options.schedules, 1, kMaxSchedules, io);
  const auto seconds = whole_number_flag(args, "time-limit", 120, 1, 86'400, io);
  if (!schedules || !seconds) return ExitCode::kBadInput;
  options.schedules = static_cast<int>(*schedules);
  options.time_limit_s = static_cast<double>(*seconds);
  // Schedules differ in the OS's choices: wake-up jitter and, unless the file
  // already says so, which waiter a release wakes and how ties are broken.
  std::vector<std::string> extra;
  if (scenario->model.machine.wake_order != WakeOrder::kRandom) {
    scenario->model.machine.wake_order = WakeOrder::kRandom;
    extra.push_back("machine.wake_order=random");
  }
  if (scenario->model.machine.tie_order != WakeOrder::kRandom) {
    scenario->model.machine.tie_order = WakeOrder::kRandom;
    extra.push_back("machine.tie_order=random");
  }
  const std::optional<Shard> shard = shard_from(args, io);
  if (!shard) return ExitCode::kBadInput;
  options.shard = *shard;
  options.progress = &io.err;
  const ExploreResult r = explore(*scenario, options);
  const ExploreCommand command{path, shell_word(path),  // the replay commands are pasted into a shell
                               replay_options(args, extra), options.first_seed,
                               options.time_limit_s};
  if (!shard->whole()) {
    const std::optional<std::string> id = job_of("explore", path, args, io);
    if (!id) return ExitCode::kBadInput;
    io.out << explore_part(r, command, *shard, options.schedules, *id);
    return ExitCode::kOk;
  }
  io.out << explore_text(r, command);
  return ExitCode::kOk;
}

// --- compare --------------------------------------------------------------------

ExitCode cmd_compare(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "compare", "expected exactly one FILE");
  const std::optional<std::string> format = format_from(args, "compare", {"table", "json", "csv"}, io);
  if (!format) return ExitCode::kBadInput;
  std::vector<std::string> policies;
  if (auto list = args.value("policies")) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = list->find(',', start);
      policies.push_back(list->substr(start, comma == std::string::npos ? comma : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  const auto overrides = overrides_from(args, io);
  if (!overrides) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  const std::optional<int> seeds = seeds_from(args, io);
  if (!seeds) return ExitCode::kBadInput;
  Result<Comparison> c = compare(args.positional[0], policies, *overrides, *limits, *seeds);
  if (!c.ok()) {
    fmt::print(io.err, "{}", c.error().to_string());
    return ExitCode::kBadInput;
  }
  if (*format == "json") {
    io.out << comparison_json(c.value());
  } else if (*format == "csv") {
    io.out << comparison_csv(c.value());
  } else {
    io.out << comparison_table(c.value());
  }
  return ExitCode::kOk;
}

// --- explain --------------------------------------------------------------------

ExitCode cmd_explain(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "explain", "expected exactly one FILE");
  const auto thread = args.value("thread");
  const auto at_text = args.value("at");
  if (!thread || !at_text) return usage_error(io, "explain", "--thread and --at are required");
  const auto at = parse_duration(*at_text);
  if (!at) {
    fmt::print(io.err, "--at {}: error: expected a time such as 12ms\n", *at_text);
    return ExitCode::kBadInput;
  }
  auto scenario = load_with_options(args.positional[0], args, io);
  if (!scenario) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  Result<std::vector<std::string>> lines = explain(*scenario, *thread, *at, *limits);
  if (!lines.ok()) {
    fmt::print(io.err, "{}", lines.error().to_string());
    return ExitCode::kBadInput;
  }
  for (const std::string& line : lines.value()) fmt::print(io.out, "{}\n", line);
  return ExitCode::kOk;
}

// --- sweep ----------------------------------------------------------------------

namespace {

/// A shard's part of the sweep, to stdout or --csv FILE.
ExitCode print_sweep_part(const SweepResult& r, const Shard& shard, const ParsedArgs& args, Io io) {
  const std::optional<std::string> id = job_of("sweep", args.positional[0], args, io);
  if (!id) return ExitCode::kBadInput;
  const std::string part = sweep_part(r, shard, *id);
  if (auto path = args.value("csv")) {
    return write_file(*path, part, "part", io) ? ExitCode::kOk : ExitCode::kBadInput;
  }
  io.out << part;
  return ExitCode::kOk;
}

}  // namespace

ExitCode cmd_sweep(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "sweep", "expected exactly one FILE");
  SweepOptions options;
  for (const std::string& text : args.values("param")) {
    Result<SweepParam> p = parse_sweep_param(text);
    if (!p.ok()) {
      fmt::print(io.err, "{}", p.error().to_string());
      return ExitCode::kBadInput;
    }
    options.params.push_back(p.value());
  }
  if (options.params.empty() || options.params.size() > 2) {
    return usage_error(io, "sweep", "give one or two --param KEY=FROM..TO");
  }
  const auto steps = whole_number_flag(args, "steps", options.steps, 1, kMaxSweepSteps, io);
  const auto jobs = whole_number_flag(args, "jobs", options.jobs, 1, kMaxJobs, io);
  if (!steps || !jobs) return ExitCode::kBadInput;
  options.steps = static_cast<int>(*steps);
  options.jobs = static_cast<int>(*jobs);
  options.log = args.has("log");
  options.metrics = args.values("metric");
  const auto overrides = overrides_from(args, io);
  if (!overrides) return ExitCode::kBadInput;
  options.overrides = *overrides;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  options.limits = *limits;
  if (&io.err == &std::cerr && isatty(STDERR_FILENO)) options.progress = &io.err;
  const std::optional<Shard> shard = shard_from(args, io);
  if (!shard) return ExitCode::kBadInput;
  if (!shard->whole() && args.has("plot")) {
    return usage_error(io, "sweep", "--plot draws the whole sweep; a shard (--shard) has only part of it");
  }
  options.shard = *shard;
  Result<SweepResult> r = sweep(args.positional[0], options);
  if (!r.ok()) {
    fmt::print(io.err, "{}", r.error().to_string());
    return ExitCode::kBadInput;
  }
  if (!shard->whole()) return print_sweep_part(r.value(), *shard, args, io);
  std::optional<std::string> plot;
  if (args.has("plot")) {  // before any output: a metric that cannot be drawn is an input error
    Result<LineChart> chart = sweep_chart(r.value());
    if (!chart.ok()) {
      fmt::print(io.err, "{}", chart.error().to_string());
      return ExitCode::kBadInput;
    }
    plot = line_chart_svg(chart.value());
  }
  const std::string csv = sweep_csv(r.value());
  if (auto path = args.value("csv")) {
    if (!write_file(*path, csv, "CSV", io)) return ExitCode::kBadInput;
  } else {
    io.out << csv;
  }
  if (plot && !write_file(*args.value("plot"), *plot, "plot", io)) return ExitCode::kBadInput;
  return ExitCode::kOk;
}

// --- merge ----------------------------------------------------------------------

ExitCode cmd_merge(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "merge", "expected the PART files of one job");
  std::vector<std::pair<std::string, Part>> parts;
  for (const std::string& path : args.positional) {
    Result<Part> part = load_part(path);
    if (!part.ok()) {
      fmt::print(io.err, "{}", part.error().to_string());
      return ExitCode::kBadInput;
    }
    parts.emplace_back(path, std::move(part.value()));
  }
  const Result<std::string> merged = merge_parts(parts);
  if (!merged.ok()) {
    fmt::print(io.err, "{}", merged.error().to_string());
    return ExitCode::kBadInput;
  }
  io.out << merged.value();
  return ExitCode::kOk;
}

// --- check ----------------------------------------------------------------------

namespace {

/// One file's expectations, run; a file without any is skipped (nullopt).
std::optional<FileCheck> check_file(const std::string& path, const RunLimits& limits, int seeds,
                                    Io io) {
  FileCheck check{path, {}, ""};
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);
  Result<Scenario> s = document.ok() ? document.value().decode() : Result<Scenario>(document.error());
  if (!s.ok()) {
    check.error = s.error().to_string();
    return check;
  }
  if (s.value().expectations.empty()) {
    fmt::print(io.err, "{}: no [[expect]], skipped\n", path);
    return std::nullopt;
  }
  auto results = check_expectations(document.value(), s.value(), limits, seeds);
  if (!results.ok()) {
    check.error = results.error().to_string();
  } else {
    check.results = std::move(results.value());
  }
  return check;
}

std::string checks_table(const std::vector<FileCheck>& checks, int passed, int failed) {
  std::string out;
  for (const FileCheck& c : checks) {
    if (!c.error.empty()) continue;
    out += c.path + "\n";
    for (const ExpectationResult& r : c.results) {
      const Expectation& e = r.expectation;
      out += fmt::format("  {}  {} {} {}  (actual {}){}\n", r.passed ? "PASS" : "FAIL", e.metric,
                         e.op, e.value, r.actual,
                         e.variant.empty() ? "" : fmt::format("  [variant {}]", e.variant));
    }
  }
  return out + fmt::format("expectations: {} passed, {} failed\n", passed, failed);
}

}  // namespace

ExitCode cmd_check(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "check", "expected at least one FILE");
  const std::optional<std::string> format = format_from(args, "check", {"table", "json", "junit"}, io);
  if (!format) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  const std::optional<int> seeds = seeds_from(args, io);
  if (!seeds) return ExitCode::kBadInput;
  std::vector<FileCheck> checks;
  int passed = 0, failed = 0;
  bool bad_input = false;
  for (const std::string& path : args.positional) {
    std::optional<FileCheck> check = check_file(path, *limits, *seeds, io);
    if (!check) continue;
    if (!check->error.empty()) fmt::print(io.err, "{}", check->error);
    bad_input = bad_input || !check->error.empty();
    for (const ExpectationResult& r : check->results) (r.passed ? passed : failed) += 1;
    checks.push_back(std::move(*check));
  }
  if (*format == "json") {
    io.out << checks_json(checks);
  } else if (*format == "junit") {
    io.out << checks_junit(checks);
  } else {
    io.out << checks_table(checks, passed, failed);
  }
  if (passed + failed == 0 && !bad_input) {
    fmt::print(io.err, "gilsim check: error: no [[expect]] in any file\n");
    return ExitCode::kBadInput;
  }
  if (bad_input) return ExitCode::kBadInput;
  return failed > 0 ? ExitCode::kCheckFailed : ExitCode::kOk;
}

}  // namespace gilsim::cli
