#pragma once
// `gilsim explore`: run a scenario under many schedules and report which races
// show up, how often, and how to replay them.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "gilsim/lab/shard.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/report/report.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

inline constexpr int kMaxSchedules = 1'000'000;  ///< docs/limits.md

struct ExploreOptions {
  int schedules = 100;
  std::uint64_t first_seed = 1;  ///< schedules use seeds first_seed, first_seed + 1, ...
  double time_limit_s = 120;     ///< stop early (saying so) after this much wall time
  RunLimits limits;
  std::ostream* progress = nullptr;  ///< "schedule k/N" lines, if set
  Shard shard;  ///< --shard I/N: only these schedules
};

struct ExploreResult {
  struct Kind {
    std::string name;  ///< "lost update", "leak", "premature free", "use after free"
    int schedules = 0;
    std::optional<std::uint64_t> first_seed;
  };
  int runs = 0;
  bool stopped_early = false;
  std::vector<Kind> kinds;
  /// The lost update with the fewest updates erased (then the shortest), if any.
  struct Shortest {
    std::uint64_t seed = 0;
    std::string item;
    LostUpdate update;
  };
  std::optional<Shortest> shortest;
  std::vector<std::string> steps;  ///< the shortest lost update, step by step
};

/// The order of lost updates explore reports the first of: fewer updates
/// erased, then a shorter read-write window.
bool shorter_lost_update(const LostUpdate& a, const LostUpdate& b);

/// Explores `scenario` (already loaded with the caller's overrides).
ExploreResult explore(const Scenario& scenario, const ExploreOptions& options);

/// What `gilsim explore` prints besides the result: the file as named and as
/// a shell word for the replay commands, the options a replay repeats, the
/// first seed and the time limit.
struct ExploreCommand {
  std::string path;
  std::string replay_file;
  std::string replay;
  std::uint64_t first_seed = 1;
  double time_limit_s = 120;
};

/// The report of `gilsim explore`: each kind of race with how often it showed
/// and a command that replays it, then the shortest lost update step by step.
std::string explore_text(const ExploreResult& result, const ExploreCommand& command);

}  // namespace gilsim
