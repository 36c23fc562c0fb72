#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const gilsim::ExitCode code = gilsim::run_cli(args, std::cout, std::cerr);
    // Output that never reached its destination (a full disk, a closed pipe) is a
    // failed run, not a silent success.
    if (!std::cout.flush()) {
      std::cerr << "gilsim: error: cannot write to standard output\n";
      return static_cast<int>(gilsim::ExitCode::kBadInput);
    }
    return static_cast<int>(code);
  } catch (const std::exception& e) {
    std::cerr << "gilsim: internal error: " << e.what() << "\n";
    return static_cast<int>(gilsim::ExitCode::kInternal);
  }
}
