#include "gilsim/scenario/load.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "gilsim/core/input_file.hpp"
#include "gilsim/scenario/overrides.hpp"
#include "gilsim/scenario/scenario_decoder.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {
using detail::TomlDecoder;

Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                const std::vector<Override>& overrides) {
  TomlDecoder decoder(path, text);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{path});
  } catch (const toml::parse_error& err) {
    try {
      decoder.fail_at(err.source(), std::string(err.description()));
    } catch (const detail::DecodeFailure& f) {
      return f.error;
    }
  }
  try {
    for (const Override& o : overrides) detail::apply_override(decoder, root, o);
    return detail::ScenarioDecoder(decoder, root, path).decode();
  } catch (const detail::DecodeFailure& f) {
    return f.error;
  }
}

Result<Scenario> load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  const Result<std::string> text = read_input_file(path);
  if (!text.ok()) return text.error();
  return parse_scenario(text.value(), path, overrides);
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
