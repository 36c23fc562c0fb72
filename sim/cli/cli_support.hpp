#pragma once
// What the CLI's command files share: the output streams, usage errors, file
// output, and loading a scenario with the common options.

#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "gilsim/model/run_outcome.hpp"
#include "gilsim/scenario/scenario.hpp"

namespace gilsim::cli {

/// Where data (out) and diagnostics (err) go.
struct Io {
  std::ostream& out;
  std::ostream& err;
};

/// "gilsim COMMAND: message" and a pointer to --help; returns kBadInput.
ExitCode usage_error(Io io, std::string_view command, std::string_view message);

/// --format, one of `valid` (the first is the default); nullopt after a usage
/// error naming the valid ones.
std::optional<std::string> format_from(const ParsedArgs& args, std::string_view command,
                                       const std::vector<std::string_view>& valid, Io io);

/// Writes `text` to `path`; on failure says so ("cannot write the WHAT") and returns false.
bool write_file(const std::string& path, const std::string& text, std::string_view what, Io io);

/// A file written while a run goes on (a streamed trace). It exists only if the
/// whole document reached the disk: a failed run or write removes it.
class OutputFile {
 public:
  OutputFile(std::string path, std::string_view what);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// False, having said "cannot write the WHAT", when the file could not be created.
  bool opened(Io io) const;
  std::ostream& stream() { return file_; }
  /// Closes the file; false, having said so and removed it, when a write failed.
  bool commit(Io io);

 private:
  std::string path_;
  std::string what_;
  std::ofstream file_;
  bool committed_ = false;
};

/// Loads FILE with --variant, --policy, --set and --seed applied; reports errors.
std::optional<Scenario> load_with_options(const std::string& path, const ParsedArgs& args, Io io);

/// The --set options as overrides; reports a malformed one.
std::optional<std::vector<Override>> overrides_from(const ParsedArgs& args, Io io);

/// --seeds N (1 if absent); reports a malformed value.
std::optional<int> seeds_from(const ParsedArgs& args, Io io);

/// The value of --NAME as a whole number from `min` to `max`, or `fallback`
/// when the flag is absent. Prints "--NAME VALUE: error: ..." and returns
/// nullopt when the value is not one (every numeric flag reads through here).
std::optional<std::int64_t> whole_number_flag(const ParsedArgs& args, std::string_view name,
                                              std::int64_t fallback, std::int64_t min,
                                              std::int64_t max, Io io);

/// --max-events as run limits; reports a malformed value.
std::optional<RunLimits> limits_from(const ParsedArgs& args, Io io);

// The commands (run_command.cpp, lab_commands.cpp, teaching_commands.cpp,
// machine_commands.cpp).
ExitCode cmd_run(const ParsedArgs& args, Io io);
ExitCode cmd_compare(const ParsedArgs& args, Io io);
ExitCode cmd_sweep(const ParsedArgs& args, Io io);
ExitCode cmd_merge(const ParsedArgs& args, Io io);
ExitCode cmd_explore(const ParsedArgs& args, Io io);
ExitCode cmd_explain(const ParsedArgs& args, Io io);
ExitCode cmd_check(const ParsedArgs& args, Io io);
ExitCode cmd_homework(const ParsedArgs& args, Io io);
ExitCode cmd_grade(const ParsedArgs& args, Io io);
ExitCode cmd_notebook(const ParsedArgs& args, Io io);
ExitCode cmd_probe(const ParsedArgs& args, Io io);
ExitCode cmd_calibrate(const ParsedArgs& args, Io io);

}  // namespace gilsim::cli
