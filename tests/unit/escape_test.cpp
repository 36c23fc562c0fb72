// The escaping layer, case by case; tests/escaping/hostile_names.py checks the
// outputs built with it against Python's csv, json and xml parsers and bash.
#include "gilsim/report/escape.hpp"

#include <catch2/catch.hpp>

using namespace gilsim;

TEST_CASE("escape: ill-formed UTF-8 becomes U+FFFD, byte by byte", "[escape]") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(valid_utf8("plain é \U0001F600") == "plain é \U0001F600");
  CHECK(valid_utf8("a\xFF" "b") == "a" + r + "b");
  CHECK(valid_utf8("\xC0\x80") == r + r);              // overlong NUL
  CHECK(valid_utf8("\xED\xA0\x80") == r + r + r);      // a surrogate
  CHECK(valid_utf8("\xF4\x90\x80\x80") == r + r + r + r);  // past U+10FFFF
  CHECK(valid_utf8("\xE2\x82") == r + r);              // cut short
}

TEST_CASE("escape: CSV fields follow RFC 4180", "[escape]") {
  CHECK(csv_field("worker-1") == "worker-1");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("a\"b") == "\"a\"\"b\"");
  CHECK(csv_field("a\r\nb") == "\"a\r\nb\"");
  CHECK(csv_field(" padded") == "\" padded\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("escape: JSON strings escape quotes, backslashes and control bytes", "[escape]") {
  CHECK(json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(json_string(std::string("\x01\x1b", 2)) == "\"\\u0001\\u001b\"");
  CHECK(json_string("\xFF") == "\"\xEF\xBF\xBD\"");
}

TEST_CASE("escape: XML text escapes markup and replaces what XML 1.0 forbids", "[escape]") {
  CHECK(xml_text("<a & 'b' \"c\">") == "&lt;a &amp; &#39;b&#39; &quot;c&quot;&gt;");
  CHECK(xml_text("a\x01" "b\tc\n") == "a\xEF\xBF\xBD" "b\tc\n");
  CHECK(xml_text("\xEF\xBF\xBE") == "\xEF\xBF\xBD");  // U+FFFE
}

TEST_CASE("escape: shell words stay one word, on one line", "[escape]") {
  CHECK(shell_word("scenarios/convoy.toml") == "scenarios/convoy.toml");
  CHECK(shell_word("machine.cores=2") == "machine.cores=2");
  CHECK(shell_word("it's") == "'it'\\''s'");
  CHECK(shell_word("$(rm -rf ~)") == "'$(rm -rf ~)'");
  CHECK(shell_word("") == "''");
  CHECK(shell_word("a\nb'\x1b") == "$'a\\nb\\'\\x1b'");
}
