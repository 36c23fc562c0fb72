#include "cli/commands.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>  // isatty: progress only on a terminal

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

#include "cli/args.hpp"
#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/expect.hpp"
#include "gilsim/lab/explain.hpp"
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

namespace gilsim {
namespace {

struct Io {
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  std::vector<OptionSpec> options;
  ExitCode (*run)(const ParsedArgs& args, Io io);
};

const std::vector<Command>& commands();

ExitCode usage_error(Io io, std::string_view command, std::string_view message) {
  fmt::print(io.err, "gilsim {}: {}\nTry 'gilsim {} --help'.\n", command, message, command);
  return ExitCode::kBadInput;
}

/// Writes `text` to `path`; on failure says so ("cannot write the WHAT") and returns false.
bool write_file(const std::string& path, const std::string& text, std::string_view what, Io io) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (file) return true;
  fmt::print(io.err, "{}: error: cannot write the {}\n", path, what);
  return false;
}

void print_help(Io io, const Command& c) {
  fmt::print(io.out, "usage: gilsim {}\n\n{}\n", c.usage, c.summary);
  if (!c.options.empty()) fmt::print(io.out, "\noptions:\n{}", options_help(c.options));
}

// --- run ----------------------------------------------------------------------

/// Loads FILE with the --policy, --set and --seed options applied.
std::optional<Scenario> load_with_options(const std::string& path, const ParsedArgs& args, Io io) {
  std::vector<Override> overrides;
  if (auto p = args.value("policy")) overrides.push_back(Override{"interpreter.gil", *p});
  for (const std::string& s : args.values("set")) {
    Result<Override> o = parse_override(s);
    if (!o.ok()) {
      fmt::print(io.err, "{}", o.error().to_string());
      return std::nullopt;
    }
    overrides.push_back(o.value());
  }
  Result<Scenario> loaded = args.has("variant")
                                ? load_variant(path, *args.value("variant"), overrides)
                                : load_scenario(path, overrides);
  if (!loaded.ok()) {
    fmt::print(io.err, "{}", loaded.error().to_string());
    return std::nullopt;
  }
  Scenario scenario = std::move(loaded.value());
  if (auto seed = args.value("seed")) {
    try {
      std::size_t used = 0;
      const unsigned long long v = std::stoull(*seed, &used);
      if (used != seed->size() || (*seed)[0] == '-') throw std::invalid_argument("seed");
      scenario.model.seed = v;
    } catch (const std::exception&) {
      fmt::print(io.err, "--seed {}: error: the seed must be a non-negative integer\n", *seed);
      return std::nullopt;
    }
  }
  return scenario;
}

std::optional<RunLimits> limits_from(const ParsedArgs& args, Io io) {
  RunLimits limits;
  if (auto m = args.value("max-events")) {
    try {
      std::size_t used = 0;
      limits.max_events = std::stoull(*m, &used);
      if (used != m->size() || limits.max_events == 0) throw std::invalid_argument("max");
    } catch (const std::exception&) {
      fmt::print(io.err, "--max-events {}: error: expected a positive integer\n", *m);
      return std::nullopt;
    }
  }
  return limits;
}

/// Reports a run that did not end normally; returns the exit code to use, or kOk.
ExitCode check_outcome(const std::string& path, const RunOutcome& o, const RunLimits& limits,
                       Io io) {
  switch (o.status) {
    case RunOutcome::Status::kFinished:
      return ExitCode::kOk;
    case RunOutcome::Status::kRunaway:
      fmt::print(io.err,
                 "{}: error: the run was stopped after {} events at simulated time {}: it runs "
                 "away (a loop far longer than intended, or zero-length ops repeated forever); "
                 "set scenario.stop, shorten the program, or raise --max-events (now {})\n",
                 path, o.events, format_duration(o.end_time), limits.max_events);
      return ExitCode::kBadInput;
    case RunOutcome::Status::kStuck:
      fmt::print(io.err,
                 "{}: error: the run was stopped at simulated time {}: threads kept running "
                 "zero-length ops without time passing (a loop of ops that all take 0s?)\n",
                 path, format_duration(o.end_time));
      return ExitCode::kBadInput;
    case RunOutcome::Status::kHorizon:
      fmt::print(io.err,
                 "{}: error: the run was stopped at simulated time {}, the longest gilsim "
                 "simulates; check the durations in the scenario\n",
                 path, format_duration(o.end_time));
      return ExitCode::kBadInput;
    case RunOutcome::Status::kDeadlock:
      fmt::print(io.err,
                 "{}: internal error: nothing left to happen at {} but threads still wait "
                 "(a deadlock in the model; please report it with this scenario)\n",
                 path, format_duration(o.end_time));
      return ExitCode::kInternal;
  }
  return ExitCode::kInternal;
}

ExitCode cmd_run(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "run", "expected exactly one FILE");
  const std::string format = args.value("format").value_or("table");
  if (format != "table" && format != "json" && format != "csv") {
    return usage_error(io, "run",
                       fmt::format("unknown format '{}'; valid: table, json, csv", format));
  }
  const std::string& path = args.positional[0];
  auto scenario = load_with_options(path, args, io);
  if (!scenario) return ExitCode::kBadInput;
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;

  std::optional<ChromeTraceSink> trace;
  VectorSink records;  // for --timeline
  TimelineOptions window;
  if (auto w = args.value("window")) {
    const auto dots = w->find("..");
    const auto a = dots == std::string::npos ? std::nullopt : parse_duration(w->substr(0, dots));
    const auto b = dots == std::string::npos ? std::nullopt : parse_duration(w->substr(dots + 2));
    if (!a || !b || *b <= *a) {
      fmt::print(io.err, "--window {}: error: expected FROM..TO, e.g. 0ms..20ms\n", *w);
      return ExitCode::kBadInput;
    }
    window.from = *a;
    window.to = *b;
  }
  SimulateOptions options{*limits, {}};
  if (args.has("timeline") || args.has("html")) options.sinks.push_back(&records);
  if (args.has("trace")) {
    trace.emplace(make_run_info(*scenario));
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
  if (args.has("timeline")) {
    if (!write_file(*args.value("timeline"),
                    timeline_svg(make_run_info(*scenario), records.records, window), "timeline",
                    io)) {
      return ExitCode::kBadInput;
    }
  }
  if (args.has("html")) {
    if (!write_file(*args.value("html"), html_report(result.report, records.records, window),
                    "page", io)) {
      return ExitCode::kBadInput;
    }
  }
  if (trace) {
    if (!write_file(*args.value("trace"), trace->json(), "trace", io)) {
      return ExitCode::kBadInput;
    }
  }
  if (format == "json") {
    io.out << to_json(result.report);
  } else if (format == "csv") {
    io.out << to_csv(result.report);
  } else {
    io.out << to_table(result.report);
  }
  return ExitCode::kOk;
}

// --- explore --------------------------------------------------------------------

/// The options that reproduce a run: the user's, in order, then our own.
std::string replay_options(const ParsedArgs& args, const std::vector<std::string>& extra) {
  std::string out;
  auto quote = [](const std::string& v) {
    return v.find_first_of(" \"'[]{}*?") == std::string::npos ? v : fmt::format("'{}'", v);
  };
  if (auto v = args.value("variant")) out += fmt::format(" --variant {}", quote(*v));
  if (auto p = args.value("policy")) out += fmt::format(" --policy {}", quote(*p));
  for (const std::string& s : args.values("set")) out += fmt::format(" --set {}", quote(s));
  for (const std::string& s : extra) out += fmt::format(" --set {}", quote(s));
  return out;
}

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
  try {
    if (auto n = args.value("schedules")) options.schedules = std::stoi(*n);
    if (auto t = args.value("time-limit")) options.time_limit_s = std::stod(*t);
  } catch (const std::exception&) {
    return usage_error(io, "explore", "--schedules and --time-limit take numbers");
  }
  if (options.schedules < 1 || options.schedules > 1'000'000 || !(options.time_limit_s > 0)) {
    return usage_error(io, "explore", "--schedules must be 1..1000000, --time-limit positive");
  }
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
  options.progress = &io.err;
  const ExploreResult r = explore(*scenario, options);

  const std::uint64_t last = options.first_seed + static_cast<std::uint64_t>(r.runs) - 1;
  fmt::print(io.out, "explored {} schedule{} of {} (seeds {}..{}){}\n\n", r.runs,
             r.runs == 1 ? "" : "s", path, options.first_seed, last,
             r.stopped_early
                 ? fmt::format(", stopped after the {} s time limit", options.time_limit_s)
                 : "");
  const std::string replay = replay_options(args, extra);
  for (const ExploreResult::Kind& k : r.kinds) {
    fmt::print(io.out, "{:<15} {:>6}/{:<6} {}\n", k.name, k.schedules, r.runs,
               k.first_seed ? fmt::format("first seed {}: gilsim run {} --seed {}{}", *k.first_seed,
                                          path, *k.first_seed, replay)
                            : std::string("-"));
  }
  if (r.shortest) {
    fmt::print(io.out, "\nshortest lost update: {} in seed {} (gilsim run {} --seed {}{})\n",
               r.shortest->item, r.shortest->seed, path, r.shortest->seed, replay);
    for (const std::string& step : r.steps) fmt::print(io.out, "{}\n", step);
  } else {
    fmt::print(io.out, "\nno lost update in any schedule\n");
  }
  return ExitCode::kOk;
}

// --- compare --------------------------------------------------------------------

ExitCode cmd_compare(const ParsedArgs& args, Io io) {
  if (args.positional.size() != 1) return usage_error(io, "compare", "expected exactly one FILE");
  const std::string format = args.value("format").value_or("table");
  if (format != "table" && format != "json" && format != "csv") {
    return usage_error(io, "compare",
                       fmt::format("unknown format '{}'; valid: table, json, csv", format));
  }
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
  std::vector<Override> overrides;
  for (const std::string& s : args.values("set")) {
    Result<Override> o = parse_override(s);
    if (!o.ok()) {
      fmt::print(io.err, "{}", o.error().to_string());
      return ExitCode::kBadInput;
    }
    overrides.push_back(o.value());
  }
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  Result<Comparison> c = compare(args.positional[0], policies, overrides, *limits);
  if (!c.ok()) {
    fmt::print(io.err, "{}", c.error().to_string());
    return ExitCode::kBadInput;
  }
  if (format == "json") {
    io.out << comparison_json(c.value());
  } else if (format == "csv") {
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
  try {
    if (auto s = args.value("steps")) options.steps = std::stoi(*s);
    if (auto j = args.value("jobs")) options.jobs = std::stoi(*j);
  } catch (const std::exception&) {
    return usage_error(io, "sweep", "--steps and --jobs take numbers");
  }
  if (options.steps < 1 || options.steps > 1000 || options.jobs < 1 || options.jobs > 256) {
    return usage_error(io, "sweep", "--steps must be 1..1000 and --jobs 1..256");
  }
  options.log = args.has("log");
  options.metrics = args.values("metric");
  for (const std::string& s : args.values("set")) {
    Result<Override> o = parse_override(s);
    if (!o.ok()) {
      fmt::print(io.err, "{}", o.error().to_string());
      return ExitCode::kBadInput;
    }
    options.overrides.push_back(o.value());
  }
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  options.limits = *limits;
  if (&io.err == &std::cerr && isatty(STDERR_FILENO)) options.progress = &io.err;
  Result<SweepResult> r = sweep(args.positional[0], options);
  if (!r.ok()) {
    fmt::print(io.err, "{}", r.error().to_string());
    return ExitCode::kBadInput;
  }
  const std::string csv = sweep_csv(r.value());
  if (auto path = args.value("csv")) {
    if (!write_file(*path, csv, "CSV", io)) return ExitCode::kBadInput;
  } else {
    io.out << csv;
  }
  if (auto path = args.value("plot")) {
    if (!write_file(*path, line_chart_svg(sweep_chart(r.value(), 0)), "plot", io))
      return ExitCode::kBadInput;
  }
  return ExitCode::kOk;
}

// --- check ----------------------------------------------------------------------

ExitCode cmd_check(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "check", "expected at least one FILE");
  auto limits = limits_from(args, io);
  if (!limits) return ExitCode::kBadInput;
  int passed = 0, failed = 0;
  bool bad_input = false;
  for (const std::string& path : args.positional) {
    Result<Scenario> s = load_scenario(path);
    if (!s.ok()) {
      fmt::print(io.err, "{}", s.error().to_string());
      bad_input = true;
      continue;
    }
    if (s.value().expectations.empty()) {
      fmt::print(io.err, "{}: no [[expect]], skipped\n", path);
      continue;
    }
    auto results = check_expectations(path, s.value(), *limits);
    if (!results.ok()) {
      fmt::print(io.err, "{}", results.error().to_string());
      bad_input = true;
      continue;
    }
    fmt::print(io.out, "{}\n", path);
    for (const ExpectationResult& r : results.value()) {
      const Expectation& e = r.expectation;
      (r.passed ? passed : failed) += 1;
      fmt::print(io.out, "  {}  {} {} {}  (actual {}){}\n", r.passed ? "PASS" : "FAIL", e.metric,
                 e.op, e.value, r.actual,
                 e.variant.empty() ? "" : fmt::format("  [variant {}]", e.variant));
    }
  }
  fmt::print(io.out, "expectations: {} passed, {} failed\n", passed, failed);
  if (passed + failed == 0 && !bad_input) {
    fmt::print(io.err, "gilsim check: error: no [[expect]] in any file\n");
    return ExitCode::kBadInput;
  }
  if (bad_input) return ExitCode::kBadInput;
  return failed > 0 ? ExitCode::kCheckFailed : ExitCode::kOk;
}

// --- validate -------------------------------------------------------------------

ExitCode cmd_validate(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "validate", "expected at least one FILE");
  ExitCode code = ExitCode::kOk;
  for (const std::string& path : args.positional) {
    Result<Scenario> s = load_scenario(path);
    if (!s.ok()) {
      fmt::print(io.err, "{}", s.error().to_string());
      code = ExitCode::kBadInput;
      continue;
    }
    const std::size_t threads = s.value().model.threads.size();
    const std::size_t processes = s.value().model.processes.size();
    fmt::print(io.out, "{}: ok ({} thread{}, {} process{})\n", path, threads,
               threads == 1 ? "" : "s", processes, processes == 1 ? "" : "es");
  }
  return code;
}

// --- list -----------------------------------------------------------------------

ExitCode cmd_list(const ParsedArgs& args, Io io) {
  const std::string what = args.positional.empty() ? "" : args.positional[0];
  if (args.positional.size() != 1) {
    return usage_error(io, "list", "expected one of: policies, schedulers, versions");
  }
  if (what == "policies") {
    for (const PolicyEntry& p : policy_registry()) {
      fmt::print(io.out, "{:<14}  {}\n", p.name, p.description);
    }
  } else if (what == "schedulers") {
    fmt::print(io.out, "{:<12}  {}\n", "cfs",
               "Linux CFS: vruntime, slice = max(min granularity, latency / runnable), "
               "wake-up preemption");
    fmt::print(io.out, "{:<12}  {}\n", "round-robin", "fixed quantum, first come first served");
    fmt::print(io.out, "{:<12}  {}\n", "fifo", "first come first served, never preempts");
  } else if (what == "versions") {
    fmt::print(io.out, "{:<7}  {:<14}  {:<15}  {:<11}  {:<12}  {}\n", "version", "gil", "interval",
               "check_sites", "drop_request", "notes");
    for (const VersionPreset& v : version_presets()) {
      const std::string interval = v.gil == "check-interval"
                                       ? fmt::format("{} ticks", v.check_interval)
                                       : format_duration(v.switch_interval);
      const char* sites = v.check_sites == CheckSites::kTick          ? "tick"
                          : v.check_sites == CheckSites::kInstruction ? "instruction"
                                                                      : "loop";
      fmt::print(io.out, "{:<7}  {:<14}  {:<15}  {:<11}  {:<12}  {}\n", v.version, v.gil, interval,
                 sites, v.drop_request == DropRequestScope::kThread ? "thread" : "interpreter",
                 v.notes);
    }
  } else {
    return usage_error(io, "list",
                       fmt::format("unknown list '{}'; valid: policies, schedulers, "
                                   "versions",
                                   what));
  }
  return ExitCode::kOk;
}

// --- help -----------------------------------------------------------------------

void print_overview(std::ostream& out) {
  fmt::print(out,
             "gilsim: a deterministic simulator of CPython's Global Interpreter Lock\n\n"
             "usage: gilsim COMMAND [ARGS...]\n\ncommands:\n");
  for (const Command& c : commands()) fmt::print(out, "  {:<9} {}\n", c.name, c.summary);
  fmt::print(out,
             "\n'gilsim COMMAND --help' tells more. Exit codes: 0 ok, 1 an expectation failed,\n"
             "2 bad input (usage or scenario), 70 internal error.\n");
}

ExitCode cmd_help(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) {
    print_overview(io.out);
    return ExitCode::kOk;
  }
  for (const Command& c : commands()) {
    if (c.name == args.positional[0]) {
      print_help(io, c);
      return ExitCode::kOk;
    }
  }
  return usage_error(io, "help", fmt::format("unknown command '{}'", args.positional[0]));
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run",
       "run FILE [options]",
       "Simulate a scenario and print its report.",
       {{"policy", true, "P", "GIL policy for every interpreter (same as --set interpreter.gil=P)"},
        {"set", true, "KEY=VALUE", "change a scenario key, e.g. interpreter.switch_interval=1ms"},
        {"seed", true, "N", "random seed (overrides scenario.seed)"},
        {"variant", true, "NAME", "run the file's [[variant]] NAME instead of the file as written"},
        {"format", true, "F", "table (default), json or csv"},
        {"stats", false, "", "print events, wall time and events per second on stderr"},
        {"trace", true, "OUT.json", "write a Chrome trace (Perfetto UI, chrome://tracing)"},
        {"timeline", true, "OUT.svg", "draw the run: a row per thread, coloured by state"},
        {"window", true, "FROM..TO", "the timeline's time window, e.g. 0ms..20ms"},
        {"html", true, "OUT.html", "write one page: summary, timeline, GIL-wait histograms"},
        {"max-events", true, "N", "stop a runaway run after N events (default 200000000)"},
        {"help", false, "", "show this help"}},
       cmd_run},
      {"explore",
       "explore FILE [options]",
       "Run many schedules (seeds) and report which races show up and how to replay them.",
       {{"schedules", true, "N", "how many schedules (default 100)"},
        {"seed", true, "N", "the first schedule's seed (default scenario.seed)"},
        {"variant", true, "NAME", "explore the file's [[variant]] NAME"},
        {"policy", true, "P", "GIL policy for every interpreter"},
        {"set", true, "KEY=VALUE", "change a scenario key"},
        {"time-limit", true, "SECONDS", "stop early after this much wall time (default 120)"},
        {"max-events", true, "N", "stop a runaway run after N events"},
        {"help", false, "", "show this help"}},
       cmd_explore},
      {"compare",
       "compare FILE [options]",
       "Run the file as written and each [[variant]] (or each of --policies) side by side.",
       {{"policies", true, "A,B,...", "compare these GIL policies instead of the variants"},
        {"set", true, "KEY=VALUE", "change a scenario key in every column"},
        {"format", true, "F", "table (default), json or csv"},
        {"max-events", true, "N", "stop a runaway run after N events"},
        {"help", false, "", "show this help"}},
       cmd_compare},
      {"explain",
       "explain FILE --thread T --at TIME [options]",
       "Why thread T was not running at TIME, as a chain of causes from the trace.",
       {{"thread", true, "T", "the thread's name"},
        {"at", true, "TIME", "the instant, e.g. 12ms"},
        {"variant", true, "NAME", "explain a run of the file's [[variant]] NAME"},
        {"policy", true, "P", "GIL policy for every interpreter"},
        {"set", true, "KEY=VALUE", "change a scenario key"},
        {"seed", true, "N", "random seed"},
        {"max-events", true, "N", "stop a runaway run after N events"},
        {"help", false, "", "show this help"}},
       cmd_explain},
      {"sweep",
       "sweep FILE --param KEY=FROM..TO [--param ...] [options]",
       "Run the file and its variants over a grid of one or two parameters, in parallel.",
       {{"param", true, "KEY=FROM..TO", "a parameter and its range (durations or integers)"},
        {"steps", true, "N", "grid points per parameter (default 8)"},
        {"log", false, "", "space the points geometrically"},
        {"jobs", true, "N", "runs in parallel (the output is the same for any N)"},
        {"metric", true, "PATH", "a report path to record (repeatable; default: a set of metrics)"},
        {"set", true, "KEY=VALUE", "change a scenario key in every run"},
        {"csv", true, "OUT.csv", "write the CSV there instead of stdout"},
        {"plot", true, "OUT.svg", "draw the first metric against the first parameter"},
        {"max-events", true, "N", "stop a runaway run after N events"},
        {"help", false, "", "show this help"}},
       cmd_sweep},
      {"check",
       "check FILE...",
       "Run each file's [[expect]]s and print pass or fail with the actual value; exit 1 if "
       "one fails.",
       {{"max-events", true, "N", "stop a runaway run after N events"},
        {"help", false, "", "show this help"}},
       cmd_check},
      {"validate",
       "validate FILE...",
       "Parse and check scenario files without running them.",
       {{"help", false, "", "show this help"}},
       cmd_validate},
      {"list",
       "list policies|schedulers|versions",
       "Show the GIL policies, OS schedulers or version presets.",
       {{"help", false, "", "show this help"}},
       cmd_list},
      {"help",
       "help [COMMAND]",
       "Show help for gilsim or one command.",
       {{"help", false, "", "show this help"}},
       cmd_help},
  };
  return kCommands;
}

}  // namespace

ExitCode run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Io io{out, err};
  if (args.empty()) {
    print_overview(err);
    return ExitCode::kBadInput;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    print_overview(out);
    return ExitCode::kOk;
  }
  if (args[0] == "--version") {
    fmt::print(out, "gilsim 0.1.0\n");
    return ExitCode::kOk;
  }
  for (const Command& c : commands()) {
    if (c.name != args[0]) continue;
    ParsedArgs parsed;
    if (auto error = parse_args(args, 1, c.options, parsed)) return usage_error(io, c.name, *error);
    if (parsed.has("help")) {
      print_help(io, c);
      return ExitCode::kOk;
    }
    return c.run(parsed, io);
  }
  fmt::print(err, "gilsim: unknown command '{}'\n", args[0]);
  print_overview(err);
  return ExitCode::kBadInput;
}

}  // namespace gilsim
