#include "gilsim/scenario/expectation_decoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace gilsim::detail {

std::vector<Expectation> decode_expectations(const TomlDecoder& d, const toml::node* expect) {
  std::vector<Expectation> out;
  if (!expect) return out;
  for (const toml::node& node : d.array(*expect, "[[expect]]")) {
    const toml::table& t = d.table(node, "[[expect]]");
    d.check_keys(t, {"metric", "op", "value", "variant", "seeds", "stat", "description"},
                 "[[expect]]");
    Expectation e;
    e.line = static_cast<int>(node.source().begin.line);
    const toml::node* metric = t.get("metric");
    const toml::node* op = t.get("op");
    const toml::node* value = t.get("value");
    if (!metric || !op || !value) d.fail(&node, "an [[expect]] needs metric, op and value");
    e.metric = d.string(*metric, "expect.metric");
    e.op = d.string(*op, "expect.op");
    if (e.op != "<" && e.op != "<=" && e.op != ">" && e.op != ">=" && e.op != "==" &&
        e.op != "!=") {
      d.fail(op, fmt::format("unknown operator '{}'; valid: < <= > >= == !=", e.op));
    }
    e.value = value_text(*value);
    if (auto* v = t.get("variant")) e.variant = d.string(*v, "expect.variant");
    if (auto* v = t.get("description")) e.description = d.string(*v, "expect.description");
    if (auto* v = t.get("seeds")) {
      e.seeds = static_cast<int>(d.integer(*v, "expect.seeds", 1, 10'000));
    }
    if (auto* v = t.get("stat")) {
      e.stat = d.string(*v, "expect.stat");
      const std::optional<double> q = stat_quantile(e.stat);
      if (!q) {
        d.fail(v, fmt::format("unknown stat '{}'; valid: median, min, max, p1 ... p99", e.stat));
      }
      e.quantile = *q;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<double> stat_quantile(const std::string& stat) {
  if (stat == "median") return 0.5;
  if (stat == "min") return 0.0;
  if (stat == "max") return 1.0;
  if (stat.size() >= 2 && stat.size() <= 3 && stat[0] == 'p' &&
      std::all_of(stat.begin() + 1, stat.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int p = std::stoi(stat.substr(1));
    if (p >= 1 && p <= 99) return p / 100.0;
  }
  return std::nullopt;
}

std::string value_text(const toml::node& value) {
  if (const auto* s = value.as_string()) return s->get();
  std::ostringstream os;
  value.visit([&](auto&& v) { os << v; });
  return os.str();
}

}  // namespace gilsim::detail
