#include "gilsim/report/word_wrap.hpp"

#include <algorithm>

namespace gilsim {

std::string word_wrapped(std::string_view text, std::size_t width, std::string_view first,
                         std::string_view rest) {
  std::string out, line(first);
  bool has_word = false;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (has_word && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = rest;
      has_word = false;
    }
    if (has_word) line += ' ';
    line += word;
    has_word = true;
  }
  return out + line + "\n";
}

}  // namespace gilsim
