#pragma once
// Reading scenario files. The format is documented in docs/scenario-format.md.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

/// Reads, applies `overrides` (--set KEY=VALUE, in order), decodes and validates
/// the scenario at `path`. Every problem is an InputError with file:line:col.
Result<Scenario> load_scenario(const std::string& path,
                               const std::vector<Override>& overrides = {});

/// The same, for scenario text already in memory; `path` names it in errors.
Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                const std::vector<Override>& overrides = {});

/// Whether `path`, found in a scenario library, is a scenario: a .toml file not
/// under a `machines` folder (those are machine profiles).
bool is_scenario_file(const std::string& path);

/// A machine profile shipped with gilsim: `profile = NAME` in [machine].
struct MachineProfileInfo {
  std::string name;
  std::string description;
};
/// The shipped machine profiles, by name.
std::vector<MachineProfileInfo> machine_profiles();

/// Splits "KEY=VALUE" from the command line. Returns nullopt-like empty key on error.
Result<Override> parse_override(std::string_view text);

}  // namespace gilsim
