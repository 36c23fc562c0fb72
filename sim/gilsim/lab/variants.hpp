#pragma once
// A scenario's [[variant]]s: the same file with some keys changed.

#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/scenario/document.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

/// Decodes `document` with variant `name`'s settings applied, then `extra` (the
/// command line's --set, which wins). An unknown name is an error that lists
/// the variants there are.
Result<Scenario> decode_variant(const ScenarioDocument& document, std::string_view name,
                                const std::vector<Override>& extra = {});

/// Loads `path` with variant `name`'s settings applied, then `extra` (the
/// command line's --set, which wins). An unknown name is an error that lists
/// the variants there are.
Result<Scenario> load_variant(const std::string& path, std::string_view name,
                              const std::vector<Override>& extra = {});

/// The same, for scenario text already in memory; `path` names it in errors.
Result<Scenario> parse_variant(std::string_view text, const std::string& path,
                               std::string_view name, const std::vector<Override>& extra = {});

}  // namespace gilsim
