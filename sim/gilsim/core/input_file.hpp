#pragma once
// Reading the files a user names (scenarios, machine profiles, probe results, lab
// pages): whole, bounded in size, and failing as an InputError rather than reading
// forever (`validate /dev/zero`) or treating a folder as an empty file.

#include <cstddef>
#include <string>
#include <string_view>

#include "gilsim/core/error.hpp"

namespace gilsim {

/// The largest file gilsim reads (docs/limits.md). Scenarios are a few kilobytes.
inline constexpr std::size_t kMaxInputBytes = 16 << 20;

/// The file's bytes, or an error at `path` naming `what` ("the file", "the lab page").
Result<std::string> read_input_file(const std::string& path, std::string_view what = "the file");

}  // namespace gilsim
