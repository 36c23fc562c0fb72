#include "gilsim/lab/variants.hpp"

#include <fmt/format.h>

#include "gilsim/scenario/load.hpp"

namespace gilsim {

namespace {

/// What a variant's report says it is: its own description, or the file's
/// followed by what the variant changes (the file's alone could contradict it:
/// "4 cores" above a run on one).
std::string variant_description(const std::string& base, const Variant& v) {
  if (!v.description.empty()) return v.description;
  std::vector<std::string> sets;
  for (const Override& o : v.sets) sets.push_back(fmt::format("{} = {}", o.key, o.value));
  return fmt::format("{}{}variant '{}' sets {}", base, base.empty() ? "" : "; ", v.name,
                     fmt::join(sets, ", "));
}

/// The variant `name` of the scenario `load` reads: `load({})` is the file as
/// written, `load(overrides)` the file with overrides applied.
template <class Load>
Result<Scenario> with_variant(const Load& load, const std::string& path, std::string_view name,
                              const std::vector<Override>& extra) {
  Result<Scenario> base = load(std::vector<Override>{});
  if (!base.ok()) return base;
  std::vector<std::string> names;
  for (const Variant& v : base.value().variants) {
    if (v.name != name) {
      names.push_back(fmt::format("'{}'", v.name));
      continue;
    }
    std::vector<Override> overrides = v.sets;
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    Result<Scenario> varied = load(overrides);
    if (varied.ok()) {
      Scenario& scenario = varied.value();
      scenario.name += fmt::format(" [{}]", v.name);
      scenario.description = variant_description(scenario.description, v);
    }
    return varied;
  }
  return InputError{
      path, 0, 0,
      names.empty()
          ? fmt::format("there is no variant '{}': the file has no [[variant]]", name)
          : fmt::format("there is no variant '{}'; variants: {}", name, fmt::join(names, ", ")),
      ""};
}

}  // namespace

Result<Scenario> decode_variant(const ScenarioDocument& document, std::string_view name,
                                const std::vector<Override>& extra) {
  return with_variant(
      [&](const std::vector<Override>& overrides) { return document.decode(overrides); },
      document.path(), name, extra);
}

Result<Scenario> load_variant(const std::string& path, std::string_view name,
                              const std::vector<Override>& extra) {
  const Result<ScenarioDocument> document = ScenarioDocument::read(path);
  if (!document.ok()) return document.error();
  return decode_variant(document.value(), name, extra);
}

Result<Scenario> parse_variant(std::string_view text, const std::string& path,
                               std::string_view name, const std::vector<Override>& extra) {
  const Result<ScenarioDocument> document = ScenarioDocument::parse(text, path);
  if (!document.ok()) return document.error();
  return decode_variant(document.value(), name, extra);
}

}  // namespace gilsim
