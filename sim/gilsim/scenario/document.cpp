#include "gilsim/scenario/document.hpp"

#include "gilsim/core/input_file.hpp"
#include "gilsim/scenario/overrides.hpp"
#include "gilsim/scenario/scenario_decoder.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim {

struct ScenarioDocument::Parsed {
  std::string text;  ///< for errors: the source line and a caret
  toml::table root;
};

Result<ScenarioDocument> ScenarioDocument::parse(std::string_view text, const std::string& path) {
  auto parsed = std::make_shared<Parsed>();
  parsed->text = std::string(text);
  try {
    parsed->root = toml::parse(parsed->text, std::string_view{path});
  } catch (const toml::parse_error& err) {
    try {
      detail::TomlDecoder(path, text).fail_at(err.source(), std::string(err.description()));
    } catch (const detail::DecodeFailure& f) {
      return f.error;
    }
  }
  return ScenarioDocument(path, std::move(parsed));
}

Result<ScenarioDocument> ScenarioDocument::read(const std::string& path) {
  const Result<std::string> text = read_input_file(path);
  if (!text.ok()) return text.error();
  return parse(text.value(), path);
}

Result<Scenario> ScenarioDocument::decode(const std::vector<Override>& overrides) const {
  detail::TomlDecoder decoder(path_, parsed_->text);
  try {
    if (overrides.empty()) return detail::ScenarioDecoder(decoder, parsed_->root, path_).decode();
    // Overrides change the tree, so they need a tree of their own. A copy of a
    // toml++ tree loses its source positions (which errors point at), so the
    // text, already in memory and known to parse, is parsed again instead.
    toml::table root = toml::parse(parsed_->text, std::string_view{path_});
    for (const Override& o : overrides) detail::apply_override(decoder, root, o);
    return detail::ScenarioDecoder(decoder, root, path_).decode();
  } catch (const detail::DecodeFailure& f) {
    return f.error;
  }
}

}  // namespace gilsim
