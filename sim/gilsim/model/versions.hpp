#pragma once
// What `interpreter.version` sets: the GIL policy, its interval, and where the
// eval breaker is checked (GIL_MODEL.md sections 0 and 2.6). Keys written
// explicitly in a scenario override the preset.

#include <string_view>
#include <vector>

#include "gilsim/core/time.hpp"
#include "gilsim/model/config.hpp"

namespace gilsim {

struct VersionPreset {
  std::string_view version;
  std::string_view gil;
  Tick switch_interval;         ///< sys.setswitchinterval() (3.2+)
  std::int64_t check_interval;  ///< sys.setcheckinterval() (<= 3.1)
  CheckSites check_sites;
  DropRequestScope drop_request;
  RefcountModel refcount;
  std::string_view notes;  ///< one line: what changed in this version, with its source
};

/// Every known version, oldest first.
const std::vector<VersionPreset>& version_presets();

/// The preset for `version`, or nullptr.
const VersionPreset* find_version(std::string_view version);

/// Applies a preset's settings to `interp` (including interp.version).
void apply_preset(const VersionPreset& preset, InterpreterConfig& interp);

}  // namespace gilsim
