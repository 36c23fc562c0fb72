#include "gilsim/scenario/load.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "gilsim/scenario/document.hpp"

namespace gilsim {

Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                const std::vector<Override>& overrides) {
  const Result<ScenarioDocument> document = ScenarioDocument::parse(text, path);
  if (!document.ok()) return document.error();
  return document.value().decode(overrides);
}

Result<Scenario> load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);
  if (!document.ok()) return document.error();
  return document.value().decode(overrides);
}

bool is_scenario_file(const std::string& path) {
  const std::filesystem::path p(path);
  for (const auto& part : p.parent_path()) {
    if (part == "machines") return false;
  }
  return p.extension() == ".toml";
}

Result<Override> parse_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return InputError{fmt::format("--set {}", text), 0, 0,
                      "expected KEY=VALUE, e.g. "
                      "--set interpreter.switch_interval=1ms",
                      ""};
  }
  return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

}  // namespace gilsim
