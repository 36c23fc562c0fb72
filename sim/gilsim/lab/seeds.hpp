#pragma once
// Seeds as repetitions: the same scenario run with seeds first, first+1, ...,
// each report field summarised over the runs as an experimenter summarises
// repeated real runs (median, min, max, quantiles). Outcomes that are really
// stochastic (who wins a race for the GIL) then show their spread.

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

/// One numeric report field over the runs.
struct FieldSpread {
  std::string path;          ///< as in flatten(): "metrics.makespan_ns"
  bool is_duration = false;  ///< values are nanoseconds
  std::vector<double> values;  ///< one per seed, in seed order

  /// The q-quantile (0..1) of the values, linearly interpolated; 0.5 is the median.
  double quantile(double q) const;
  double median() const { return quantile(0.5); }
  double min() const { return quantile(0); }
  double max() const { return quantile(1); }
  /// A value as people read it: a duration ("5.03ms") or a number.
  std::string format(double v) const;
};

struct SeedRuns {
  std::uint64_t first_seed = 0;
  int count = 0;
  /// The fields numeric in every run, in report order.
  std::vector<FieldSpread> fields;
};

/// The most runs one call makes (a typo should not start a million runs).
inline constexpr int kMaxSeeds = 10'000;

/// Runs `scenario` with seeds first_seed .. first_seed+count-1. A run that does
/// not finish is an error naming its seed. REQUIRES: 1 <= count <= kMaxSeeds.
Result<SeedRuns> run_seeds(const Scenario& scenario, std::uint64_t first_seed, int count,
                           const RunLimits& limits);

/// The field at `path`, or null.
const FieldSpread* find_field(const SeedRuns& runs, const std::string& path);

/// "median [min-max]" for a field.
std::string spread_text(const FieldSpread& f);

/// The runs as a table (median, min, max per field), CSV (numbers, durations
/// in ns) or JSON (with every run's value). `paths`: only these fields (all if empty).
std::string seeds_table(const Scenario& scenario, const SeedRuns& runs,
                        const std::vector<std::string>& paths);
std::string seeds_csv(const SeedRuns& runs, const std::vector<std::string>& paths);
std::string seeds_json(const Scenario& scenario, const SeedRuns& runs,
                       const std::vector<std::string>& paths);

}  // namespace gilsim
