#include "gilsim/lab/expect.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "gilsim/lab/simulate.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/fields.hpp"
#include "gilsim/report/number_format.hpp"

namespace gilsim {
namespace {

/// A number ("0.5", "3") or a duration ("4ms", in ns).
std::optional<double> parse_value(const std::string& text) {
  if (auto d = parse_duration(text)) return static_cast<double>(*d);
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

bool holds(double actual, const std::string& op, double expected) {
  if (op == "<") return actual < expected;
  if (op == "<=") return actual <= expected;
  if (op == ">") return actual > expected;
  if (op == ">=") return actual >= expected;
  if (op == "==") return actual == expected;
  return actual != expected;  // "!=", the only other operator the loader lets through
}

/// The closest path to `wanted`, for "did you mean".
std::string closest_path(const std::string& wanted, const std::vector<Field>& fields) {
  std::string best;
  std::size_t best_common = 0;
  for (const Field& f : fields) {
    std::size_t common = 0;
    while (common < wanted.size() && common < f.path.size() && wanted[common] == f.path[common]) {
      ++common;
    }
    if (common > best_common) best = f.path, best_common = common;
  }
  return best;
}

}  // namespace

Result<std::vector<ExpectationResult>> check_expectations(const std::string& path,
                                                          const Scenario& scenario,
                                                          const RunLimits& limits) {
  std::map<std::string, std::vector<Field>> runs;  // variant name ("" = as written) -> fields
  std::vector<ExpectationResult> results;
  for (const Expectation& e : scenario.expectations) {
    auto error = [&](std::string message) {
      return InputError{path, e.line, 1, std::move(message), ""};
    };
    auto run = runs.find(e.variant);
    if (run == runs.end()) {
      Result<Scenario> s =
          e.variant.empty() ? Result<Scenario>(scenario) : load_variant(path, e.variant);
      if (!s.ok()) return error(s.error().message);
      const SimulateResult r = simulate(s.value(), SimulateOptions{limits, {}});
      if (r.outcome.status != RunOutcome::Status::kFinished) {
        return error("the run did not finish (see `gilsim run` for why)");
      }
      run = runs.emplace(e.variant, flatten(r.report)).first;
    }
    const std::vector<Field>& fields = run->second;
    const Field* field = nullptr;
    for (const Field& f : fields) {
      if (f.path == e.metric) field = &f;
    }
    if (!field) {
      return error(
          fmt::format("unknown metric '{}'; did you mean '{}'? (`gilsim run FILE "
                      "--format csv` lists them)",
                      e.metric, closest_path(e.metric, fields)));
    }
    const std::optional<double> expected = parse_value(e.value);
    if (!expected) {
      return error(fmt::format("the value '{}' is neither a number nor a duration", e.value));
    }
    ExpectationResult result{e, false, field->value_text()};
    if (field->kind == Field::Kind::kInteger || field->kind == Field::Kind::kReal) {
      const double actual =
          field->kind == Field::Kind::kInteger ? static_cast<double>(field->integer) : field->real;
      result.passed = holds(actual, e.op, *expected);
      if (field->is_duration) result.actual = format_duration(field->integer);
    }  // text and null values never pass a numeric comparison
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace gilsim
