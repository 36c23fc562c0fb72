#include "gilsim/lab/variants.hpp"

#include <fmt/format.h>

#include "gilsim/scenario/load.hpp"

namespace gilsim {

Result<Scenario> load_variant(const std::string& path, std::string_view name,
                              const std::vector<Override>& extra) {
  Result<Scenario> base = load_scenario(path);
  if (!base.ok()) return base;
  std::vector<std::string> names;
  for (const Variant& v : base.value().variants) {
    if (v.name != name) {
      names.push_back(fmt::format("'{}'", v.name));
      continue;
    }
    std::vector<Override> overrides = v.sets;
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    Result<Scenario> varied = load_scenario(path, overrides);
    if (varied.ok()) varied.value().name += fmt::format(" [{}]", v.name);
    return varied;
  }
  return InputError{
      path, 0, 0,
      names.empty()
          ? fmt::format("there is no variant '{}': the file has no [[variant]]", name)
          : fmt::format("there is no variant '{}'; variants: {}", name, fmt::join(names, ", ")),
      ""};
}

}  // namespace gilsim
