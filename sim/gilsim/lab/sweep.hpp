#pragma once
// `gilsim sweep`: a scenario over a grid of one or two parameters, for every
// variant, run in parallel; the output does not depend on the number of jobs.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/lab/shard.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/report/line_chart.hpp"
#include "gilsim/scenario/document.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

/// "interpreter.switch_interval=100us..50ms" or "machine.cores=1..8".
struct SweepParam {
  std::string key;
  std::int64_t from = 0;  ///< ns for durations
  std::int64_t to = 0;
  bool duration = false;
  std::string typed;  ///< "--param KEY=FROM..TO", which errors in a run's value blame
};
Result<SweepParam> parse_sweep_param(std::string_view text);

/// Limits of a sweep (docs/limits.md): grid points per parameter, runs in
/// parallel, and runs in all (variants times grid points).
inline constexpr int kMaxSweepSteps = 1000;
inline constexpr int kMaxJobs = 64;
inline constexpr std::size_t kMaxSweepRuns = 100'000;

struct SweepOptions {
  std::vector<SweepParam> params;  ///< one or two
  int steps = 8;
  bool log = false;  ///< geometric spacing
  int jobs = 1;
  std::vector<std::string> metrics;  ///< report paths; empty: a default set
  std::vector<Override> overrides;   ///< --set, for every run
  RunLimits limits;
  std::ostream* progress = nullptr;  ///< "sweep k/N" as runs finish
  Shard shard;  ///< --shard I/N: only these runs
};

struct SweepResult {
  std::vector<std::string> variants;  ///< "as written" and the [[variant]]s
  std::vector<SweepParam> params;
  bool log = false;
  std::vector<std::string> metrics;
  struct Row {
    std::size_t variant;
    std::vector<std::int64_t> values;  ///< per param
    std::vector<Field> metrics;  ///< per metric, as in the report (kNull if the run has none)
  };
  std::vector<Row> rows;  ///< variant-major, then grid order (the shard's, if sharded)
  std::vector<std::size_t> indices;  ///< per row, its index among all the sweep's rows
  std::size_t total_rows = 0;        ///< rows of the whole sweep
};

Result<SweepResult> sweep(const std::string& path, const SweepOptions& options);
/// The same, for a scenario already read (text from a page or a notebook).
Result<SweepResult> sweep(const ScenarioDocument& document, const SweepOptions& options);

std::string sweep_csv(const SweepResult& r);
/// sweep_csv's header line and one row's line (each with its line break).
std::string sweep_csv_header(const SweepResult& r);
std::string sweep_csv_row(const SweepResult& r, const SweepResult::Row& row);

/// A panel per metric against the first parameter, one line per variant (and
/// per value of the second parameter, if any). An error when a metric is not a
/// number (a name, such as `scenario`).
Result<LineChart> sweep_chart(const SweepResult& r);

}  // namespace gilsim
