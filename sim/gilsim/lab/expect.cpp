#include "gilsim/lab/expect.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "gilsim/lab/seeds.hpp"
#include "gilsim/lab/variants.hpp"
#include "gilsim/report/json_writer.hpp"
#include "gilsim/report/junit.hpp"

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
std::string closest_path(const std::string& wanted, const std::vector<FieldSpread>& fields) {
  std::string best;
  std::size_t best_common = 0;
  for (const FieldSpread& f : fields) {
    std::size_t common = 0;
    while (common < wanted.size() && common < f.path.size() && wanted[common] == f.path[common]) {
      ++common;
    }
    if (common > best_common) best = f.path, best_common = common;
  }
  return best;
}

}  // namespace

Result<std::vector<ExpectationResult>> check_expectations(const ScenarioDocument& document,
                                                          const Scenario& scenario,
                                                          const RunLimits& limits,
                                                          int default_seeds) {
  // (variant, seeds) -> the runs' fields; one run is a spread of one value.
  std::map<std::pair<std::string, int>, SeedRuns> runs;
  std::vector<ExpectationResult> results;
  const std::string& path = document.path();
  for (const Expectation& e : scenario.expectations) {
    auto error = [&](std::string message) {
      return InputError{path, e.line, 1, std::move(message), ""};
    };
    const int seeds = e.seeds > 0 ? e.seeds : default_seeds;
    auto run = runs.find({e.variant, seeds});
    if (run == runs.end()) {
      Result<Scenario> s =
          e.variant.empty() ? Result<Scenario>(scenario) : decode_variant(document, e.variant);
      if (!s.ok()) return error(s.error().message);
      Result<SeedRuns> r = run_seeds(s.value(), s.value().model.seed, seeds, limits);
      if (!r.ok()) return error(r.error().message);
      run = runs.emplace(std::pair{e.variant, seeds}, std::move(r.value())).first;
    }
    const FieldSpread* field = find_field(run->second, e.metric);
    if (!field) {
      return error(
          fmt::format("unknown metric '{}'; did you mean '{}'? (`gilsim run FILE "
                      "--format csv` lists them)",
                      e.metric, closest_path(e.metric, run->second.fields)));
    }
    const std::optional<double> expected = parse_value(e.value);
    if (!expected) {
      return error(fmt::format("the value '{}' is neither a number nor a duration", e.value));
    }
    const double actual = field->quantile(e.quantile);
    ExpectationResult result{e, holds(actual, e.op, *expected), field->format(actual)};
    if (seeds > 1) {
      result.actual = fmt::format("{} {} over {} seeds, {}", e.stat, result.actual, seeds,
                                  spread_text(*field));
    }
    results.push_back(std::move(result));
  }
  return results;
}

namespace {

std::string claim_text(const Expectation& e) {
  return fmt::format("{} {} {}{}", e.metric, e.op, e.value,
                     e.variant.empty() ? "" : fmt::format(" [variant {}]", e.variant));
}

}  // namespace

std::string checks_json(const std::vector<FileCheck>& checks) {
  int passed = 0, failed = 0;
  JsonWriter w;
  w.begin_object();
  w.begin_array("files");
  for (const FileCheck& c : checks) {
    w.begin_object();
    w.string("file", c.path);
    if (!c.error.empty()) w.string("error", c.error);
    w.begin_array("expectations");
    for (const ExpectationResult& r : c.results) {
      const Expectation& e = r.expectation;
      (r.passed ? passed : failed) += 1;
      w.begin_object();
      w.string("metric", e.metric);
      w.string("op", e.op);
      w.string("value", e.value);
      w.string("variant", e.variant);
      w.integer("line", e.line);
      w.string("actual", r.actual);
      w.raw("passed", r.passed ? "true" : "false");
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.integer("passed", passed);
  w.integer("failed", failed);
  w.end_object();
  return w.finish();
}

std::string checks_junit(const std::vector<FileCheck>& checks) {
  std::vector<JunitSuite> suites;
  for (const FileCheck& c : checks) {
    JunitSuite& suite = suites.emplace_back();
    suite.name = c.path;
    suite.error = c.error;
    for (const ExpectationResult& r : c.results) {
      suite.cases.push_back(
          JunitCase{claim_text(r.expectation), !r.passed, fmt::format("actual {}", r.actual)});
    }
  }
  return junit_xml("gilsim check", suites);
}

}  // namespace gilsim
