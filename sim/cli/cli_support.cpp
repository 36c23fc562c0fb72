#include "cli/cli_support.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>  // isatty: progress only on a terminal

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "gilsim/lab/compare.hpp"
#include "gilsim/lab/expect.hpp"
#include "gilsim/lab/explain.hpp"
#include "gilsim/lab/explore.hpp"
#include "gilsim/lab/seeds.hpp"
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

ExitCode usage_error(Io io, std::string_view command, std::string_view message) {
  fmt::print(io.err, "gilsim {}: {}\nTry 'gilsim {} --help'.\n", command, message, command);
  return ExitCode::kBadInput;
}

/// Writes `text` to `path`; on failure says so ("cannot write the WHAT") and returns false.
std::optional<std::string> format_from(const ParsedArgs& args, std::string_view command,
                                       const std::vector<std::string_view>& valid, Io io) {
  const std::string format = args.value("format").value_or(std::string(valid.front()));
  if (std::find(valid.begin(), valid.end(), std::string_view(format)) == valid.end()) {
    usage_error(io, command,
                fmt::format("unknown format '{}'; valid: {}", format, fmt::join(valid, ", ")));
    return std::nullopt;
  }
  return format;
}

bool write_file(const std::string& path, const std::string& text, std::string_view what, Io io) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();  // the last bytes reach the disk only here: a full disk fails now
  if (!file.fail()) return true;
  fmt::print(io.err, "{}: error: cannot write the {}\n", path, what);
  return false;
}

OutputFile::OutputFile(std::string path, std::string_view what)
    : path_(std::move(path)), what_(what), file_(path_, std::ios::binary) {}

OutputFile::~OutputFile() {
  if (committed_) return;
  file_.close();
  // Only a regular file we wrote: never a device such as /dev/full or /dev/stdout.
  std::error_code ignored;
  if (std::filesystem::is_regular_file(path_, ignored)) std::filesystem::remove(path_, ignored);
}

bool OutputFile::opened(Io io) const {
  if (file_.is_open()) return true;
  fmt::print(io.err, "{}: error: cannot write the {}\n", path_, what_);
  return false;
}

bool OutputFile::commit(Io io) {
  file_.close();
  if (file_.fail()) {
    fmt::print(io.err, "{}: error: cannot write the {}\n", path_, what_);
    return false;  // the destructor removes the partial file
  }
  committed_ = true;
  return true;
}

/// Loads FILE with the --policy, --set and --seed options applied.
std::optional<Scenario> load_with_options(const std::string& path, const ParsedArgs& args, Io io) {
  std::vector<Override> overrides;
  if (auto p = args.value("policy")) {
    overrides.push_back(Override{"interpreter.gil", *p, fmt::format("--policy {}", *p)});
  }
  const auto sets = overrides_from(args, io);
  if (!sets) return std::nullopt;
  overrides.insert(overrides.end(), sets->begin(), sets->end());
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

std::optional<std::int64_t> whole_number_flag(const ParsedArgs& args, std::string_view name,
                                              std::int64_t fallback, std::int64_t min,
                                              std::int64_t max, Io io) {
  const auto text = args.value(name);
  if (!text) return fallback;
  std::int64_t v = 0;
  // from_chars, unlike stoi, refuses "8abc" and " 8" and does not throw.
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (error != std::errc() || end != text->data() + text->size() || v < min || v > max) {
    fmt::print(io.err, "--{} {}: error: expected a whole number from {} to {}\n", name, *text,
               min, max);
    return std::nullopt;
  }
  return v;
}

std::optional<int> seeds_from(const ParsedArgs& args, Io io) {
  const auto count = whole_number_flag(args, "seeds", 1, 1, kMaxSeeds, io);
  if (!count) return std::nullopt;
  return static_cast<int>(*count);
}

std::optional<RunLimits> limits_from(const ParsedArgs& args, Io io) {
  RunLimits limits;
  const auto max_events = whole_number_flag(args, "max-events", static_cast<std::int64_t>(limits.max_events), 1, kNever, io);
  if (!max_events) return std::nullopt;
  limits.max_events = static_cast<std::uint64_t>(*max_events);
  return limits;
}

std::optional<std::vector<Override>> overrides_from(const ParsedArgs& args, Io io) {
  std::vector<Override> overrides;
  if (auto m = args.value("machine")) {
    // A profile file is named from where the user stands, not from the scenario's folder.
    std::string profile = *m;
    if (profile.find('/') != std::string::npos || profile.ends_with(".toml")) {
      std::error_code ec;
      profile = std::filesystem::absolute(profile, ec).string();
    }
    overrides.push_back(Override{"machine.profile", fmt::format("\"{}\"", profile),
                                 fmt::format("--machine {}", *m)});
  }
  for (const std::string& s : args.values("set")) {
    Result<Override> o = parse_override(s);
    if (!o.ok()) {
      fmt::print(io.err, "{}", o.error().to_string());
      return std::nullopt;
    }
    overrides.push_back(o.value());
  }
  return overrides;
}

}  // namespace gilsim::cli
