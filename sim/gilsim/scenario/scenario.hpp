#pragma once
// A scenario file, decoded and validated: the model to run plus what the lab
// tools (compare, check) read from it. Mirrors docs/scenario-format.md.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gilsim/core/run_info.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

/// A `--set KEY=VALUE` or a variant's `set` entry: a dotted key and TOML-ish value text.
struct Override {
  std::string key;
  std::string value;
  /// What the user typed, for errors; empty: "--set KEY=VALUE".
  std::string typed = {};
  /// Where a [[variant]]'s `set` wrote it in the scenario file, for errors;
  /// 0: it came from the command line and errors name `typed` instead.
  int line = 0;
  int column = 0;
};

/// A [[variant]]: the same scenario with some keys changed, for `compare`.
struct Variant {
  std::string name;
  std::string description;
  std::vector<Override> sets;
};

/// An [[expect]]: a claim about a metric, for `check`.
struct Expectation {
  std::string metric;   ///< a report path, e.g. "threads.io.gil_reacquire.p50"
  std::string op;       ///< one of < <= > >= == !=
  std::string value;    ///< a number or a duration ("4ms")
  std::string variant;  ///< empty: the scenario as written
  std::string description;  ///< what the claim means, for people (a task's question)
  int seeds = 0;  ///< runs with seeds scenario.seed, +1, ...; `stat` over them. 0: not written
  double quantile = 0.5;  ///< the statistic over seeds: 0.5 median, 0 min, 1 max, 0.9 p90
  std::string stat = "median";  ///< its name, as written
  int line = 0;
};

struct Scenario {
  std::string path;
  std::string name;
  std::string description;
  ModelSpec model;
  std::vector<std::string> loop_names;  ///< indexed by Op::loop_id
  std::vector<Variant> variants;
  std::vector<Expectation> expectations;
};

/// Names and settings for the readers of a run's trace.
RunInfo make_run_info(const Scenario& scenario);

}  // namespace gilsim
