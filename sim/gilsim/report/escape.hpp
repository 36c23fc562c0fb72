#pragma once
// The one escaping layer: every name or path gilsim writes into a structured
// output goes through one of these, so that any name (a comma, a quote, a line
// break, a control byte, a file name that is not UTF-8) leaves the output
// parseable. Each function says the grammar it answers to.

#include <string>
#include <string_view>

namespace gilsim {

/// `text` as well-formed UTF-8: each byte that does not belong to a well-formed
/// sequence (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF)
/// becomes U+FFFD. File names on Linux are bytes; every text output is UTF-8.
std::string valid_utf8(std::string_view text);

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, or
/// starts or ends with a space; quotes inside are doubled.
std::string csv_field(std::string_view text);

/// A JSON string literal (RFC 8259), quotes included: `"`, `\` and control
/// characters escaped, the rest valid UTF-8.
std::string json_string(std::string_view text);

/// Text for an XML 1.0 document (SVG, HTML), in content or in a quoted
/// attribute: markup characters escaped, and characters XML 1.0 forbids
/// (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) shown as U+FFFD.
std::string xml_text(std::string_view text);

/// One word for a POSIX shell, on one line: as it is when it holds only
/// characters no shell treats specially, otherwise in single quotes
/// ('it'\''s'), or in $'...' when it holds control bytes ($'a\nb').
std::string shell_word(std::string_view text);

}  // namespace gilsim
