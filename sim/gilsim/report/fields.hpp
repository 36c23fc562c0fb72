#pragma once
// A report as a flat list of (path, value): "metrics.makespan_ns",
// "threads.io.gil_reacquire.p50", "loops.request.io.rate". The paths are the
// JSON report's, with list entries named by their `name` (and loops by loop and
// thread). CSV output and `[[expect]]` metric lookups use it.

#include <cstdint>
#include <string>
#include <vector>

#include "gilsim/report/report.hpp"

namespace gilsim {

struct Field {
  enum class Kind { kInteger, kReal, kText, kNull };
  std::string path;
  Kind kind = Kind::kNull;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
  bool is_duration = false;  ///< an integer number of nanoseconds

  /// The value as CSV/JSON text ("null" for kNull).
  std::string value_text() const;
};

std::vector<Field> flatten(const Report& report);

}  // namespace gilsim
