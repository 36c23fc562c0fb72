#pragma once
// Text in SVG pictures without a font engine: an estimate of how wide a string
// is drawn in a sans-serif font, used to size margins and to wrap or cut
// labels so that none is clipped. The estimate errs wide (DejaVu Sans, the
// widest common default), so a label that fits here fits in any browser.

#include <string>
#include <string_view>
#include <vector>

namespace gilsim {

/// The drawn width of `text` in pixels at `font_size`, estimated per character.
int text_width(std::string_view text, int font_size = 12);

/// `text`, cut with "..." so that it is at most `width` pixels wide.
std::string fit_text(std::string_view text, int width, int font_size = 12);

/// `text` in lines of at most `width` pixels, broken at spaces (a word wider
/// than a line is cut).
std::vector<std::string> wrap_text(std::string_view text, int width, int font_size = 12);

}  // namespace gilsim
