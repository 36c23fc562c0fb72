#pragma once
// Text broken into lines at spaces, for comments in the files gilsim writes
// (homework sheets, calibrated profiles) and for notes on the terminal.

#include <cstddef>
#include <string>
#include <string_view>

namespace gilsim {

/// `text` as lines of at most `width` columns (a longer word gets a line of its
/// own), each ending in '\n'; the first line starts with `first`, the others
/// with `rest`. Runs of spaces count as one.
std::string word_wrapped(std::string_view text, std::size_t width, std::string_view first,
                         std::string_view rest);

}  // namespace gilsim
