#pragma once
// Typed reads from a toml++ document that turn every problem into an InputError
// pointing at file:line:col. Internal to the scenario layer (toml++ stays here).

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gilsim/core/distribution.hpp"
#include "gilsim/core/error.hpp"

namespace gilsim::detail {

/// Thrown inside the decoder, caught at the loader's boundary.
struct DecodeFailure {
  InputError error;
};

class TomlDecoder {
 public:
  TomlDecoder(std::string path, std::string_view text);

  /// Throws DecodeFailure for `node` (or, without a position, for `fallback_where`).
  [[noreturn]] void fail(const toml::node* node, std::string message) const;
  [[noreturn]] void fail_at(const toml::source_region& where, std::string message) const;

  /// Fails on the first key of `table` (in file order) that is not in `allowed`,
  /// suggesting the closest allowed key.
  void check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                  std::string_view where) const;

  std::string string(const toml::node& n, std::string_view what) const;
  /// A name (of a thread, process, shared item, variant): a string, not empty.
  std::string name(const toml::node& n, std::string_view what) const;
  std::int64_t integer(const toml::node& n, std::string_view what, std::int64_t min,
                       std::int64_t max) const;
  bool boolean(const toml::node& n, std::string_view what) const;
  /// A number in (0, 1]: an integer (1) or a float (0.9).
  double fraction(const toml::node& n, std::string_view what) const;
  /// A duration string ("5ms"); `min` is the smallest value allowed.
  Tick duration(const toml::node& n, std::string_view what, Tick min = 0) const;
  /// A duration string or a distribution table ({ exp = "1ms" } ...).
  Distribution distribution(const toml::node& n, std::string_view what) const;
  const toml::table& table(const toml::node& n, std::string_view what) const;
  const toml::array& array(const toml::node& n, std::string_view what) const;

  /// Errors about `node`, which an override put there, name where the override
  /// came from: `label` (a --set as typed) when line is 0, else line:column of the file.
  void label_override(const toml::node* node, std::string label, int line, int column);
  /// Throws the error at line:column of the file (with the source line and caret).
  [[noreturn]] void fail_at(int line, int column, std::string message) const;

  /// "a string", "an integer", ...
  static std::string_view type_name(const toml::node& n);
  /// The closest of `candidates` to `word`, or "" if none is close.
  static std::string_view closest(std::string_view word,
                                  const std::vector<std::string_view>& candidates);

 private:
  std::string path_;
  std::vector<std::string> lines_;
  struct OverrideLabel {
    const toml::node* node;
    std::string label;
    int line;
    int column;
  };
  std::vector<OverrideLabel> override_labels_;
};

/// Parses `text` (named `path`) and decodes it with `decode(decoder, root)`;
/// a TOML syntax error or a DecodeFailure becomes the InputError returned.
/// For the small documents read whole: answer sheets, task files.
template <class T, class Decode>
Result<T> decode_toml(std::string_view text, const std::string& path, Decode decode) {
  TomlDecoder decoder(path, text);
  try {
    toml::table root;
    try {
      root = toml::parse(text, std::string_view{path});
    } catch (const toml::parse_error& err) {
      decoder.fail_at(err.source(), std::string(err.description()));
    }
    return decode(decoder, root);
  } catch (const DecodeFailure& f) {
    return f.error;
  }
}

}  // namespace gilsim::detail
