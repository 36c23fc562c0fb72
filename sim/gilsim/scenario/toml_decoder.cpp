#include "gilsim/scenario/toml_decoder.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gilsim::detail {

TomlDecoder::TomlDecoder(std::string path, std::string_view text) : path_(std::move(path)) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines_.push_back(std::move(line));
    start = end + 1;
  }
}

void TomlDecoder::label_override(const toml::node* node, std::string label, int line,
                                 int column) {
  override_labels_.push_back({node, std::move(label), line, column});
}

void TomlDecoder::fail(const toml::node* node, std::string message) const {
  if (node) {
    for (const OverrideLabel& o : override_labels_) {
      if (o.node != node) continue;
      if (o.line > 0) fail_at(o.line, o.column, std::move(message));
      throw DecodeFailure{InputError{o.label, 0, 0, std::move(message), ""}};
    }
    if (node->source().begin.line > 0) fail_at(node->source(), std::move(message));
  }
  throw DecodeFailure{InputError{path_, 0, 0, std::move(message), ""}};
}

void TomlDecoder::fail_at(const toml::source_region& where, std::string message) const {
  fail_at(static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
          std::move(message));
}

void TomlDecoder::fail_at(int line, int column, std::string message) const {
  std::string source;
  if (line >= 1 && line <= static_cast<int>(lines_.size())) source = lines_[line - 1];
  throw DecodeFailure{InputError{path_, line, column, std::move(message), std::move(source)}};
}

std::string_view TomlDecoder::type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string_view TomlDecoder::closest(std::string_view word,
                                      const std::vector<std::string_view>& candidates) {
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (std::string_view c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best = c, best_distance = d;
  }
  return best;
}

void TomlDecoder::check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                             std::string_view where) const {
  // Report the first unknown key in file order (a table iterates sorted by key).
  const toml::key* first = nullptr;
  for (auto&& [key, value] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    const auto& pos = key.source().begin;
    if (!first || pos.line < first->source().begin.line ||
        (pos.line == first->source().begin.line && pos.column < first->source().begin.column)) {
      first = &key;
    }
  }
  if (!first) return;
  std::string message = fmt::format("unknown key '{}' in {}", first->str(), where);
  const std::string_view hint = closest(first->str(), allowed);
  if (!hint.empty()) {
    message += fmt::format("; did you mean '{}'?", hint);
  } else {
    message += fmt::format("; valid keys: {}", fmt::join(allowed, ", "));
  }
  if (first->source().begin.line > 0) fail_at(first->source(), std::move(message));
  fail(table.get(first->str()), std::move(message));
}

std::string TomlDecoder::string(const toml::node& n, std::string_view what) const {
  if (const auto* s = n.as_string()) return s->get();
  fail(&n, fmt::format("{} must be a string, not {}", what, type_name(n)));
}

std::string TomlDecoder::name(const toml::node& n, std::string_view what) const {
  std::string text = string(n, what);
  if (text.empty()) fail(&n, fmt::format("{} must not be empty", what));
  return text;
}

std::int64_t TomlDecoder::integer(const toml::node& n, std::string_view what, std::int64_t min,
                                  std::int64_t max) const {
  const auto* i = n.as_integer();
  if (!i) fail(&n, fmt::format("{} must be an integer, not {}", what, type_name(n)));
  const std::int64_t v = i->get();
  if (v < min) fail(&n, fmt::format("{} must be at least {}", what, min));
  if (v > max) fail(&n, fmt::format("{} must be at most {}", what, max));
  return v;
}

double TomlDecoder::fraction(const toml::node& n, std::string_view what) const {
  double v = 0;
  if (const auto* i = n.as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = n.as_floating_point()) {
    v = f->get();
  } else {
    fail(&n, fmt::format("{} must be a number such as 0.9, not {}", what, type_name(n)));
  }
  if (!(v > 0 && v <= 1)) fail(&n, fmt::format("{} must be above 0 and at most 1", what));
  return v;
}

bool TomlDecoder::boolean(const toml::node& n, std::string_view what) const {
  if (const auto* b = n.as_boolean()) return b->get();
  fail(&n, fmt::format("{} must be true or false, not {}", what, type_name(n)));
}

Tick TomlDecoder::duration(const toml::node& n, std::string_view what, Tick min) const {
  if (const auto* i = n.as_integer(); i && i->get() == 0 && min == 0) return 0;
  const auto* s = n.as_string();
  if (!s) {
    fail(&n,
         fmt::format("{} must be a duration string such as \"5ms\", not {}", what, type_name(n)));
  }
  const std::string& text = s->get();
  if (!text.empty() && text[0] == '-') fail(&n, fmt::format("{} must not be negative", what));
  bool too_large = false;
  const auto parsed = parse_duration(text, &too_large);
  if (too_large || (parsed && *parsed > kMaxDuration)) {
    fail(&n, fmt::format("{} = \"{}\" is longer than {} ({} days), the longest duration a "
                         "scenario may write",
                         what, text, format_duration(kMaxDuration), kMaxDuration / (86400 * kSecond)));
  }
  if (!parsed) {
    fail(&n, fmt::format("bad duration \"{}\" for {}: use a number and a unit (ns, us, ms, s), "
                         "e.g. \"5ms\"",
                         text, what));
  }
  if (*parsed < min) {
    fail(&n, min == 1 ? fmt::format("{} must be greater than zero", what)
                      : fmt::format("{} must be at least {}", what, format_duration(min)));
  }
  return *parsed;
}

Distribution TomlDecoder::distribution(const toml::node& n, std::string_view what) const {
  if (!n.is_table()) return Distribution::fixed(duration(n, what));
  const toml::table& t = *n.as_table();
  check_keys(t, {"exp", "uniform", "normal"}, fmt::format("the distribution of {}", what));
  if (t.size() != 1) {
    fail(&n, fmt::format("{} needs exactly one of exp, uniform, normal", what));
  }
  auto pair = [&](const toml::node& v, std::string_view name) {
    const toml::array& a = array(v, fmt::format("{}.{}", what, name));
    if (a.size() != 2) fail(&v, fmt::format("{}.{} needs two durations", what, name));
    return std::pair{duration(*a.get(0), what), duration(*a.get(1), what)};
  };
  if (const toml::node* v = t.get("exp")) {
    return {Distribution::Kind::kExponential, duration(*v, what), 0};
  }
  if (const toml::node* v = t.get("uniform")) {
    auto [lo, hi] = pair(*v, "uniform");
    if (lo > hi) fail(v, fmt::format("{}: uniform needs low <= high", what));
    return {Distribution::Kind::kUniform, lo, hi};
  }
  const toml::node* v = t.get("normal");
  auto [mean, stddev] = pair(*v, "normal");
  return {Distribution::Kind::kNormal, mean, stddev};
}

const toml::table& TomlDecoder::table(const toml::node& n, std::string_view what) const {
  if (const auto* t = n.as_table()) return *t;
  fail(&n, fmt::format("{} must be a table, not {}", what, type_name(n)));
}

const toml::array& TomlDecoder::array(const toml::node& n, std::string_view what) const {
  if (const auto* a = n.as_array()) return *a;
  fail(&n, fmt::format("{} must be an array, not {}", what, type_name(n)));
}

}  // namespace gilsim::detail
