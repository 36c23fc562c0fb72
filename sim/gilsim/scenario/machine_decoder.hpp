#pragma once
// The [machine] table and machine profiles. A profile is a TOML file whose
// [machine] table holds a measured parameter set (scenarios/machines/); a
// scenario names one with `profile = "NAME"` (shipped with gilsim) or a path
// (relative to the scenario file), and its own [machine] keys win over the
// profile's. Without a name, the `default` profile applies. A profile may
// build on another the same way (its keys win). Internal to the scenario
// layer.

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/embedded_file.hpp"
#include "gilsim/model/config.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim::detail {

/// Fills `m` from the scenario's [machine] table `t` (may be null): first the
/// profile it names (or `default`), then its own keys. `scenario_path` locates
/// relative profile paths.
void decode_machine_table(const TomlDecoder& d, const toml::table* t,
                          const std::string& scenario_path, MachineConfig& m);

/// The profiles shipped inside gilsim (scenarios/machines/NAME.toml), by name
/// (generated at build time).
const std::vector<EmbeddedFile>& builtin_profiles();

}  // namespace gilsim::detail
