// Word wrapping for comments and notes (report/word_wrap.hpp).
#include <catch2/catch.hpp>

#include "gilsim/report/word_wrap.hpp"

using namespace gilsim;

TEST_CASE("word wrap: lines break at spaces within the width, after the prefixes", "[report]") {
  CHECK(word_wrapped("one two three four", 11, "# ", "#   ") == "# one two\n#   three\n#   four\n");
  // A word longer than the width gets a line of its own; runs of spaces are one.
  CHECK(word_wrapped("a  abcdefghijkl b", 6, "", "") == "a\nabcdefghijkl\nb\n");
  CHECK(word_wrapped("", 10, "# ", "# ") == "# \n");
}
