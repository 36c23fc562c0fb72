#include "gilsim/report/svg_text.hpp"

#include <cmath>

namespace gilsim {
namespace {

/// The advance of one character, in thousandths of the font size (DejaVu
/// Sans, rounded up). Bytes of multi-byte UTF-8 characters count once, at the
/// lead byte, as a wide character.
int advance(unsigned char c) {
  if (c >= 0x80) return (c & 0xC0) == 0x80 ? 0 : 1000;
  switch (c) {
    case 'i': case 'j': case 'l': case '.': case ',': case ':': case ';': case '\'':
    case '|': case '!': case 'I':
      return 320;
    case ' ': case 'f': case 't': case 'r': case '(': case ')': case '[': case ']': case '-':
    case '/':
      return 420;
    case 'm': case 'w': case 'M': case 'W': case '%': case '@':
      return 1000;
    default:
      return c >= 'A' && c <= 'Z' ? 760 : 640;
  }
}

}  // namespace

int text_width(std::string_view text, int font_size) {
  long thousandths = 0;
  for (char c : text) thousandths += advance(static_cast<unsigned char>(c));
  return static_cast<int>(std::ceil(static_cast<double>(thousandths) * font_size / 1000.0));
}

std::string fit_text(std::string_view text, int width, int font_size) {
  if (text_width(text, font_size) <= width) return std::string(text);
  const int room = width - text_width("...", font_size);
  std::size_t n = 0;
  long used = 0;
  while (n < text.size()) {
    std::size_t next = n + 1;  // keep UTF-8 characters whole
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    const long more = text_width(text.substr(n, next - n), font_size);
    if (used + more > room) break;
    used += more, n = next;
  }
  return std::string(text.substr(0, n)) + "...";
}

std::vector<std::string> wrap_text(std::string_view text, int width, int font_size) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t space = text.find(' ', at);
    if (space == std::string_view::npos) space = text.size();
    const std::string_view word = text.substr(at, space - at);
    const std::string joined = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && text_width(joined, font_size) > width) {
      lines.push_back(line);
      line = fit_text(word, width, font_size);
    } else {
      line = text_width(joined, font_size) > width ? fit_text(joined, width, font_size) : joined;
    }
    at = space + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace gilsim
