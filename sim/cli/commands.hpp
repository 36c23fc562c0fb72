#pragma once
// The gilsim command line: a table of subcommands, each a function from
// arguments to an exit code. main() only forwards to run_cli().

#include <iosfwd>
#include <string>
#include <vector>

namespace gilsim {

/// Exit codes (docs/cli.md): data goes to `out`, diagnostics to `err`.
enum class ExitCode : int { kOk = 0, kCheckFailed = 1, kBadInput = 2, kInternal = 70 };

/// Runs `gilsim ARGS...` (args excludes the program name).
ExitCode run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace gilsim
