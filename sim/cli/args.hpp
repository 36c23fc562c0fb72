#pragma once
// A small command-line option parser: "--name value", "--name=value", flags,
// repeatable options and positional arguments. Errors are messages, not exits.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gilsim {

struct OptionSpec {
  std::string_view name;  ///< without the leading "--"
  bool takes_value;
  std::string_view value_name;  ///< for help: "N", "FILE"...
  std::string_view help;
};

class ParsedArgs {
 public:
  bool has(std::string_view name) const;
  /// The last value given for `name`.
  std::optional<std::string> value(std::string_view name) const;
  /// Every value given for `name`, in order.
  std::vector<std::string> values(std::string_view name) const;
  /// The positional arguments, then "--NAME=VALUE" for each option in the
  /// order given, leaving out the options in `ignored`.
  std::vector<std::string> words_except(const std::vector<std::string_view>& ignored) const;
  std::vector<std::string> positional;

 private:
  friend std::optional<std::string> parse_args(const std::vector<std::string>&, std::size_t,
                                               const std::vector<OptionSpec>&, ParsedArgs&);
  std::vector<std::pair<std::string, std::string>> options_;
};

/// Parses args[first..]. Returns an error message, or nullopt on success.
std::optional<std::string> parse_args(const std::vector<std::string>& args, std::size_t first,
                                      const std::vector<OptionSpec>& specs, ParsedArgs& out);

/// "  --name VALUE   help" lines for the given options.
std::string options_help(const std::vector<OptionSpec>& specs);

}  // namespace gilsim
