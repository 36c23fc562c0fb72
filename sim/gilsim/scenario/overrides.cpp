#include "gilsim/scenario/overrides.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace gilsim::detail {
namespace {

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = key.find('.', start);
    parts.emplace_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool looks_like_toml(std::string_view v) {
  if (v.empty()) return false;
  if (v == "true" || v == "false") return true;
  if (v.front() == '"' || v.front() == '\'' || v.front() == '[' || v.front() == '{') return true;
  std::size_t i = (v.front() == '-' || v.front() == '+') ? 1 : 0;
  if (i == v.size()) return false;
  for (; i < v.size(); ++i) {
    if ((v[i] < '0' || v[i] > '9') && v[i] != '_') return false;
  }
  return true;
}

void label_all(TomlDecoder& decoder, const toml::node* node, const std::string& label,
               const Override& o) {
  decoder.label_override(node, label, o.line, o.column);
  if (const auto* t = node->as_table()) {
    for (auto&& [k, v] : *t) label_all(decoder, &v, label, o);
  } else if (const auto* a = node->as_array()) {
    for (const toml::node& v : *a) label_all(decoder, &v, label, o);
  }
}

}  // namespace

void apply_override(TomlDecoder& decoder, toml::table& root, const Override& o) {
  const std::string label = o.typed.empty() ? fmt::format("--set {}={}", o.key, o.value) : o.typed;
  auto fail = [&](std::string message) -> void {
    if (o.line > 0) decoder.fail_at(o.line, o.column, std::move(message));  // a [[variant]]'s set
    throw DecodeFailure{InputError{label, 0, 0, std::move(message), ""}};
  };
  const std::vector<std::string> parts = split_key(o.key);
  for (const std::string& p : parts) {
    if (p.empty()) fail("the key has an empty part; write it like interpreter.switch_interval");
  }

  toml::table* table = &root;
  std::size_t i = 0;
  if (parts.size() >= 3 &&
      (parts[0] == "thread" || parts[0] == "process" || parts[0] == "shared")) {
    toml::array* list = root.get_as<toml::array>(parts[0]);
    toml::table* found = nullptr;
    if (list) {
      for (toml::node& n : *list) {
        auto* t = n.as_table();
        const auto* name = t ? t->get_as<std::string>("name") : nullptr;
        if (name && name->get() == parts[1]) found = t;
      }
    }
    if (!found) fail(fmt::format("there is no {} named '{}'", parts[0], parts[1]));
    table = found;
    i = 2;
  }
  for (; i + 1 < parts.size(); ++i) {
    toml::node* next = table->get(parts[i]);
    if (!next) {
      table->insert(parts[i], toml::table{});
      next = table->get(parts[i]);
    }
    if (!next->is_table()) fail(fmt::format("'{}' is not a table", parts[i]));
    table = next->as_table();
  }

  const std::string& key = parts.back();
  if (!looks_like_toml(o.value)) {
    table->insert_or_assign(key, o.value);
  } else {
    toml::table parsed;
    try {
      parsed = toml::parse("v = " + o.value);
    } catch (const toml::parse_error& err) {
      fail(fmt::format("the value is not valid TOML: {}", err.description()));
    }
    parsed.get("v")->visit([&](auto&& v) { table->insert_or_assign(key, v); });
  }
  label_all(decoder, table->get(key), label, o);
}

}  // namespace gilsim::detail
