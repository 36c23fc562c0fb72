#include "cli/commands.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>  // isatty: progress only on a terminal

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

#include "cli/args.hpp"
#include "cli/cli_support.hpp"
#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/expect.hpp"
#include "gilsim/lab/explain.hpp"
#include "gilsim/lab/explore.hpp"
#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/sweep.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/model/schedulers.hpp"
#include "gilsim/model/versions.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/report/chrome_trace.hpp"
#include "gilsim/report/html_report.hpp"
#include "gilsim/report/timeline_svg.hpp"
#include "gilsim/report/writers.hpp"
#include "gilsim/scenario/load.hpp"

namespace gilsim {
namespace {

using namespace cli;

struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view summary;
  std::vector<OptionSpec> options;
  ExitCode (*run)(const ParsedArgs& args, Io io);
};

const std::vector<Command>& commands();

void print_help(Io io, const Command& c) {
  fmt::print(io.out, "usage: gilsim {}\n\n{}\n", c.usage, c.summary);
  if (!c.options.empty()) fmt::print(io.out, "\noptions:\n{}", options_help(c.options));
}

// --- validate -------------------------------------------------------------------

ExitCode cmd_validate(const ParsedArgs& args, Io io) {
  if (args.positional.empty()) return usage_error(io, "validate", "expected at least one FILE");
  ExitCode code = ExitCode::kOk;
  for (const std::string& path : args.positional) {
    const Result<ScenarioDocument> document = ScenarioDocument::read(path);
    Result<Scenario> s =
        document.ok() ? document.value().decode() : Result<Scenario>(document.error());
    // A [[variant]]'s set is checked by decoding the variant, as compare would.
    for (std::size_t v = 0; s.ok() && v < s.value().variants.size(); ++v) {
      Result<Scenario> varied = decode_variant(document.value(), s.value().variants[v].name);
      if (!varied.ok()) s = std::move(varied);
    }
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

/// Every scenario file under `dir`, sorted, with its name and description.
ExitCode list_scenarios(const std::string& dir, Io io) {
  std::error_code error;
  std::vector<std::string> files;
  ExitCode code = ExitCode::kOk;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const std::string path = it->path().string();
    if (!is_scenario_file(path)) continue;
    // A link that loops or leads nowhere is that file's error, not the listing's end.
    std::error_code status;
    if (it->is_regular_file(status)) {
      files.push_back(path);
    } else if (status) {
      fmt::print(io.err, "{}: error: cannot read the file ({})\n", path, status.message());
      code = ExitCode::kBadInput;
    }
  }
  if (error) {
    fmt::print(io.err, "{}: error: cannot read this folder or one under it ({})\n", dir,
               error.message());
    return ExitCode::kBadInput;
  }
  if (files.empty()) {
    fmt::print(io.err, "{}: error: no scenario files here\n", dir);
    return ExitCode::kBadInput;
  }
  std::sort(files.begin(), files.end());
  std::size_t width = 0;
  for (const std::string& f : files) width = std::max(width, f.size());
  for (const std::string& f : files) {
    Result<Scenario> s = load_scenario(f);
    if (!s.ok()) {
      fmt::print(io.err, "{}", s.error().to_string());
      code = ExitCode::kBadInput;
      continue;
    }
    fmt::print(io.out, "{:<{}}  {}\n", f, width, s.value().description);
  }
  return code;
}

void list_policies(Io io) {
  for (const PolicyEntry& p : policy_registry()) {
    fmt::print(io.out, "{:<14}  {}\n", p.name, p.description);
  }
}

void list_schedulers(Io io) {
  for (const SchedulerEntry& s : scheduler_table()) {
    fmt::print(io.out, "{:<12}  {}\n", s.name, s.description);
  }
}

void list_versions(Io io) {
  fmt::print(io.out, "{:<7}  {:<14}  {:<15}  {:<11}  {:<12}  {}\n", "version", "gil", "interval",
             "check_sites", "drop_request", "notes");
  for (const VersionPreset& v : version_presets()) {
    const PolicyEntry* policy = find_policy(v.gil);
    const std::string interval = policy != nullptr && policy_traits(*policy).counts_ticks
                                     ? fmt::format("{} ticks", v.check_interval)
                                     : format_duration(v.switch_interval);
    const char* sites = v.check_sites == CheckSites::kTick          ? "tick"
                        : v.check_sites == CheckSites::kInstruction ? "instruction"
                                                                    : "loop";
    fmt::print(io.out, "{:<7}  {:<14}  {:<15}  {:<11}  {:<12}  {}\n", v.version, v.gil, interval,
               sites, v.drop_request == DropRequestScope::kThread ? "thread" : "interpreter",
               v.notes);
  }
}

void list_machines(Io io) {
  for (const MachineProfileInfo& m : machine_profiles()) {
    fmt::print(io.out, "{:<14}  {}\n", m.name, m.description);
  }
}

/// What `gilsim list` lists ("scenarios" takes a folder, so it is handled apart).
struct ListTopic {
  std::string_view name;
  void (*print)(Io io);
};
const std::vector<ListTopic> kListTopics = {{"policies", list_policies},
                                            {"schedulers", list_schedulers},
                                            {"versions", list_versions},
                                            {"machines", list_machines}};

std::string list_topic_names() {
  std::string names;
  for (const ListTopic& t : kListTopics) names += std::string(t.name) + ", ";
  return names + "scenarios";
}

ExitCode cmd_list(const ParsedArgs& args, Io io) {
  const std::string what = args.positional.empty() ? "" : args.positional[0];
  if (what == "scenarios" && args.positional.size() <= 2) {
    return list_scenarios(args.positional.size() == 2 ? args.positional[1] : "scenarios", io);
  }
  if (args.positional.size() != 1) {
    return usage_error(io, "list", "expected one of: " + list_topic_names());
  }
  for (const ListTopic& t : kListTopics) {
    if (t.name == what) {
      t.print(io);
      return ExitCode::kOk;
    }
  }
  return usage_error(io, "list", fmt::format("unknown list '{}'; valid: {}", what, list_topic_names()));
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

// Options that several commands share, written once.
constexpr OptionSpec kMaxEvents{"max-events", true, "N",
                                "stop a runaway run after N events and shared-memory accesses "
                                "(default 200000000)"};
constexpr OptionSpec kMachine{"machine", true, "PROFILE",
                              "run on a machine profile: a name (gilsim list machines) or a file"};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"run",
       "run FILE [options]",
       "Simulate a scenario and print its report.",
       {{"policy", true, "P", "GIL policy for every interpreter (same as --set interpreter.gil=P)"},
        kMachine,
        {"set", true, "KEY=VALUE", "change a scenario key, e.g. interpreter.switch_interval=1ms"},
        {"seed", true, "N", "random seed (overrides scenario.seed)"},
        {"seeds", true, "N", "run N seeds from the first; print each field as median [min-max]"},
        {"metric", true, "PATH", "with --seeds: only this report field (repeatable)"},
        {"variant", true, "NAME", "run the file's [[variant]] NAME instead of the file as written"},
        {"format", true, "F", "table (default), json or csv"},
        {"stats", false, "", "print events, wall time and events per second on stderr"},
        {"trace", true, "OUT.json", "write a Chrome trace (Perfetto UI, chrome://tracing)"},
        {"timeline", true, "OUT.svg", "draw the run: the GIL's holder, then a row per thread by state"},
        {"window", true, "FROM..TO", "the timeline's time window, e.g. 0ms..20ms"},
        {"core-lanes", false, "", "with --timeline or --html: also a lane per core (who runs there)"},
        {"html", true, "OUT.html", "write one page: summary, timeline, GIL-wait histograms"},
        {"exact-percentiles", false, "",
         "percentiles from every sample (memory grows with the run), not a histogram within 0.05%"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_run},
      {"explore",
       "explore FILE [options]",
       "Run many schedules (seeds) and report which races show up and how to replay them.",
       {{"schedules", true, "N", "how many schedules (default 100)"},
        {"seed", true, "N", "the first schedule's seed (default scenario.seed)"},
        {"variant", true, "NAME", "explore the file's [[variant]] NAME"},
        {"policy", true, "P", "GIL policy for every interpreter"},
        kMachine,
        {"set", true, "KEY=VALUE", "change a scenario key"},
        {"time-limit", true, "SECONDS", "stop early after this much wall time (default 120)"},
        {"shard", true, "I/N", "explore only shard I of N (every Nth schedule) and print a part for `gilsim merge`"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_explore},
      {"compare",
       "compare FILE [options]",
       "Run the file as written and each [[variant]] (or each of --policies) side by side.",
       {{"policies", true, "A,B,...", "compare these GIL policies instead of the variants"},
        {"seeds", true, "N", "run each column over N seeds: median [min-max], ratios of medians"},
        kMachine,
        {"set", true, "KEY=VALUE", "change a scenario key in every column"},
        {"format", true, "F", "table (default), json or csv"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_compare},
      {"explain",
       "explain FILE --thread T --at TIME [options]",
       "Why thread T was not running at TIME, as a chain of causes from the trace.",
       {{"thread", true, "T", "the thread's name"},
        {"at", true, "TIME", "the instant, e.g. 12ms"},
        {"variant", true, "NAME", "explain a run of the file's [[variant]] NAME"},
        {"policy", true, "P", "GIL policy for every interpreter"},
        kMachine,
        {"set", true, "KEY=VALUE", "change a scenario key"},
        {"seed", true, "N", "random seed"},
        kMaxEvents,
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
        kMachine,
        {"set", true, "KEY=VALUE", "change a scenario key in every run"},
        {"csv", true, "OUT.csv", "write the CSV there instead of stdout"},
        {"plot", true, "OUT.svg", "draw the first metric against the first parameter"},
        {"shard", true, "I/N", "run only shard I of N (every Nth run) and print a part for `gilsim merge`"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_sweep},
      {"merge",
       "merge PART...",
       "Join the parts of a sharded sweep or exploration (--shard I/N, one part per shard) "
       "into exactly what the unsharded command prints (docs/scale-out.md).",
       {{"help", false, "", "show this help"}},
       cmd_merge},
      {"check",
       "check FILE... [--seeds N] [--format table|json|junit]",
       "Run each file's [[expect]]s and print pass or fail with the actual value; exit 1 if "
       "one fails.",
       {{"seeds", true, "N", "test each expectation that names no seeds over N seeds (its stat)"},
        {"format", true, "F", "table (default), json, or junit (JUnit XML, for CI and autograders)"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_check},
      {"homework",
       "homework new --topic T (--seed S | --student ID --secret-file KEY) [--answers] | "
       "homework key | homework topics",
       "Write a randomized exercise (a scenario whose comments ask questions) to stdout; the "
       "same seed gives the same exercise, and --answers appends gilsim's solutions. With "
       "--student and the class key (`homework key > class.key`), each student gets an "
       "exercise of their own that only the key can regenerate.",
       {{"topic", true, "T", "the exercise's topic (`gilsim homework topics` lists them)"},
        {"seed", true, "S", "which exercise of the topic (a number)"},
        {"student", true, "ID", "the student's own exercise (with --secret-file)"},
        {"secret-file", true, "KEY", "the class key, from `gilsim homework key`"},
        {"answers", false, "", "append the answers, computed by running the exercise"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_homework},
      {"grade",
       "grade (--secret-file KEY | --task TASK.toml) FILE_OR_FOLDER... [--format F]",
       "Grade a class. With --secret-file: students' answer sheets (*.answers.toml, named in the "
       "exercise); each student's exercise is regenerated from the class key and answered, and "
       "every answer compared within a relative tolerance. With --task: students' scenario files "
       "(ID.toml), each run and held to the task's [[expect]]s.",
       {{"secret-file", true, "KEY", "the class key the exercises were made with"},
        {"task", true, "TASK.toml", "grade scenario files against this task (docs/labs/tasks/)"},
        {"tolerance", true, "R", "relative tolerance of a right answer (default 0.05)"},
        {"format", true, "F", "table (default), csv, json or junit (JUnit XML)"},
        kMaxEvents,
        {"help", false, "", "show this help"}},
       cmd_grade},
      {"notebook",
       "notebook LAB.md... [--out OUT.ipynb | --out-dir DIR]",
       "Turn lab pages into Jupyter notebooks: the prose, each command, and its output "
       "(tables, timelines, plots) computed now, so the notebook renders without running.",
       {{"out", true, "OUT.ipynb", "write the notebook there (one lab) instead of stdout"},
        {"out-dir", true, "DIR", "write each lab's notebook to DIR/NAME.ipynb"},
        {"help", false, "", "show this help"}},
       cmd_notebook},
      {"probe",
       "probe > probe.py",
       "Print a Python script (standard library only) that measures this machine for "
       "`gilsim calibrate`: run it with `python3 probe.py > probe.json` (about 20-50 s).",
       {{"help", false, "", "show this help"}},
       cmd_probe},
      {"calibrate",
       "calibrate PROBE.json... [-o OUT.toml]",
       "Fit a machine profile to a probe's measurements by simulating the same probes; "
       "print measured vs simulated with the residuals. Several probes of one machine are "
       "fitted by their medians. Use it with --machine OUT.toml.",
       {{"out", true, "OUT.toml", "write the profile there (-o) instead of stdout"},
        {"help", false, "", "show this help"}},
       cmd_calibrate},
      {"validate",
       "validate FILE...",
       "Parse and check scenario files without running them.",
       {{"help", false, "", "show this help"}},
       cmd_validate},
      {"list",
       "list policies|schedulers|versions|machines|scenarios [DIR]",
       "Show the GIL policies, OS schedulers, version presets, or the scenarios in DIR "
       "(default: scenarios).",
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
