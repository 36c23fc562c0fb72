#pragma once
// Report output formats: `--format table | json | csv`.

#include <string>

#include "gilsim/report/report.hpp"

namespace gilsim {

/// The JSON report contract (docs/report-format.md): stable keys, threads in
/// scenario order, 2-space indentation, a trailing newline.
std::string to_json(const Report& report);

/// Aligned tables with units, for people.
std::string to_table(const Report& report);

/// One "path,value" row per field of flatten(), with a header row.
std::string to_csv(const Report& report);

}  // namespace gilsim
