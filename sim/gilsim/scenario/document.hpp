#pragma once
// A scenario file read once and checked to parse. The scenario as written,
// each variant, every --set and every sweep point are decoded from this
// document in memory, never by reading the file again; front ends without
// files (a browser, a Python string) make one from text.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gilsim/core/error.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim {

class ScenarioDocument {
 public:
  /// Reads and parses the file at `path` (a TOML error is an InputError at
  /// file:line:col).
  static Result<ScenarioDocument> read(const std::string& path);
  /// Parses `text`; `path` names it in errors.
  static Result<ScenarioDocument> parse(std::string_view text, const std::string& path);

  /// The scenario with `overrides` (--set KEY=VALUE, in order) applied,
  /// decoded and validated. Safe to call from several threads at once.
  Result<Scenario> decode(const std::vector<Override>& overrides = {}) const;

  const std::string& path() const { return path_; }

 private:
  struct Parsed;  // the TOML tree and the text (toml++ stays in this layer)
  ScenarioDocument(std::string path, std::shared_ptr<const Parsed> parsed)
      : path_(std::move(path)), parsed_(std::move(parsed)) {}

  std::string path_;
  std::shared_ptr<const Parsed> parsed_;
};

}  // namespace gilsim
