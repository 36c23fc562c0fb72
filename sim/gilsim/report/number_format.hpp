#pragma once
// How reports print real numbers: 6 significant digits, the same bytes on every
// run and machine (fmt's formatting does not depend on the locale).

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace gilsim {

inline std::string format_real(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == 0) return "0";  // no "-0"
  return fmt::format("{:.6g}", v);
}

}  // namespace gilsim
