#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return static_cast<int>(gilsim::run_cli(args, std::cout, std::cerr));
  } catch (const std::exception& e) {
    std::cerr << "gilsim: internal error: " << e.what() << "\n";
    return static_cast<int>(gilsim::ExitCode::kInternal);
  }
}
