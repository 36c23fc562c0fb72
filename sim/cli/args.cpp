#include "cli/args.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gilsim {

bool ParsedArgs::has(std::string_view name) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& o) { return o.first == name; });
}

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  std::optional<std::string> v;
  for (const auto& o : options_) {
    if (o.first == name) v = o.second;
  }
  return v;
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  std::vector<std::string> v;
  for (const auto& o : options_) {
    if (o.first == name) v.push_back(o.second);
  }
  return v;
}

std::vector<std::string> ParsedArgs::words_except(const std::vector<std::string_view>& ignored) const {
  std::vector<std::string> words = positional;
  for (const auto& [name, value] : options_) {
    if (std::find(ignored.begin(), ignored.end(), name) == ignored.end()) {
      words.push_back("--" + name + "=" + value);
    }
  }
  return words;
}

const std::string kOutOption = "--out";

std::optional<std::string> parse_args(const std::vector<std::string>& args, std::size_t first,
                                      const std::vector<OptionSpec>& specs, ParsedArgs& out) {
  for (std::size_t i = first; i < args.size(); ++i) {
    // `-o` is the one short option: --out, as compilers spell it.
    const std::string& a = args[i] == "-o" ? kOutOption : args[i];
    if (a.size() < 2 || a[0] != '-' || a[1] != '-') {
      if (a.size() > 1 && a[0] == '-') return fmt::format("unknown option '{}'", a);
      out.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) return fmt::format("unknown option '--{}'", name);
    if (!spec->takes_value) {
      if (inline_value) return fmt::format("option '--{}' takes no value", name);
      out.options_.emplace_back(name, "");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return fmt::format("option '--{}' needs a value", name);
      inline_value = args[++i];
    }
    out.options_.emplace_back(name, *inline_value);
  }
  return std::nullopt;
}

std::string options_help(const std::vector<OptionSpec>& specs) {
  std::string out;
  std::size_t width = 0;
  std::vector<std::string> heads;
  for (const OptionSpec& s : specs) {
    heads.push_back(s.takes_value ? fmt::format("--{} {}", s.name, s.value_name)
                                  : fmt::format("--{}", s.name));
    width = std::max(width, heads.back().size());
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    out += fmt::format("  {:<{}}  {}\n", heads[i], width, specs[i].help);
  }
  return out;
}

}  // namespace gilsim
