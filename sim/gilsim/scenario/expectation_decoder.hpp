#pragma once
// [[expect]] tables, as scenarios and homework task files write them. Internal
// to the scenario layer (toml++ stays here).

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "gilsim/scenario/scenario.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim::detail {

/// The [[expect]]s in `expect` (the document's "expect" node; null: none).
std::vector<Expectation> decode_expectations(const TomlDecoder& d, const toml::node* expect);

/// "median" 0.5, "min" 0, "max" 1, "p90" 0.9; nullopt for anything else.
std::optional<double> stat_quantile(const std::string& stat);

/// A TOML value as a --set would write it: strings as they are, others as TOML.
std::string value_text(const toml::node& value);

}  // namespace gilsim::detail
