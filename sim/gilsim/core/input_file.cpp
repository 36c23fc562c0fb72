#include "gilsim/core/input_file.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>

namespace gilsim {

Result<std::string> read_input_file(const std::string& path, std::string_view what) {
  auto error = [&](std::string message) { return InputError{path, 0, 0, std::move(message), ""}; };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return error(fmt::format("cannot read {}: it is a folder", what));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(fmt::format("cannot read {}", what));
  std::string text;
  std::array<char, 1 << 16> chunk;
  // Read in chunks and stop past the cap: a device or a pipe has no size to ask for.
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      return error(fmt::format("{} is larger than {} MiB, the most gilsim reads from one file",
                               what, kMaxInputBytes >> 20));
    }
  }
  if (in.bad()) return error(fmt::format("cannot read {}", what));
  return text;
}

}  // namespace gilsim
