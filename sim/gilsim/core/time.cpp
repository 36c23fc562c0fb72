#include "gilsim/core/time.hpp"

#include <fmt/format.h>

namespace gilsim {
namespace {

struct Unit {
  std::string_view suffix;
  Tick ns;
};
// Longest suffixes first so that "ms" is not read as "s".
constexpr Unit kUnits[] = {{"ns", kNanosecond},
                           {"us", kMicrosecond},
                           {"\xC2\xB5s", kMicrosecond},
                           {"ms", kMillisecond},
                           {"s", kSecond}};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<Tick> parse_duration(std::string_view text, bool* too_large) {
  Tick unit = 0;
  std::string_view number;
  for (const Unit& u : kUnits) {
    if (ends_with(text, u.suffix)) {
      unit = u.ns;
      number = text.substr(0, text.size() - u.suffix.size());
      break;
    }
  }
  if (unit == 0) {
    if (text == "0") return 0;  // zero needs no unit
    return std::nullopt;
  }
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  if (number.empty()) return std::nullopt;

  const auto too_big = [too_large]() -> std::optional<Tick> {
    if (too_large) *too_large = true;
    return std::nullopt;
  };
  // Integer arithmetic only: whole part * unit + fraction * unit / 10^digits,
  // which must come out as a whole number of nanoseconds.
  Tick whole = 0;
  std::size_t i = 0;
  bool any_digit = false;
  for (; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
    const Tick digit = number[i] - '0';
    if (whole > (kNever - digit) / 10) return too_big();  // before it could overflow
    whole = whole * 10 + digit;
    any_digit = true;
  }
  Tick frac = 0;
  Tick frac_scale = 1;
  if (i < number.size() && number[i] == '.') {
    ++i;
    for (; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
      if (frac_scale >= kSecond) return std::nullopt;  // more digits than a ns can hold
      frac = frac * 10 + (number[i] - '0');
      frac_scale *= 10;
      any_digit = true;
    }
  }
  if (!any_digit || i != number.size()) return std::nullopt;
  if (whole > kNever / unit) return too_big();
  Tick frac_ns = frac * unit;  // frac < 10^9 and unit <= 10^9: fits in int64
  if (frac_ns % frac_scale != 0) return std::nullopt;
  Tick total = whole * unit + frac_ns / frac_scale;
  if (total > kNever) return too_big();
  return total;
}

std::string format_duration(Tick t) {
  if (t < 0) return fmt::format("-{}", format_duration(-t));
  Tick unit = kNanosecond;
  std::string_view suffix = "ns";
  if (t >= kSecond) {
    unit = kSecond, suffix = "s";
  } else if (t >= kMillisecond) {
    unit = kMillisecond, suffix = "ms";
  } else if (t >= kMicrosecond) {
    unit = kMicrosecond, suffix = "us";
  }
  if (t == 0) return "0s";
  // Round half up to thousandths of the unit, in integers that cannot overflow:
  // the whole units and the remainder separately.
  Tick whole = t / unit;
  Tick rest = ((t % unit) * 1000 + unit / 2) / unit;
  if (rest == 1000) ++whole, rest = 0;
  if (whole == 1000 && unit < kSecond) return format_duration(whole * unit);  // "1s", not "1000ms"
  if (rest == 0) return fmt::format("{}{}", whole, suffix);
  std::string decimals = fmt::format("{:03}", rest);
  while (decimals.back() == '0') decimals.pop_back();
  return fmt::format("{}.{}{}", whole, decimals, suffix);
}

}  // namespace gilsim
