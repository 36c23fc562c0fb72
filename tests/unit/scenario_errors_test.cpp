// Error text is part of the interface: each message is checked word for word,
// with its position, source line and caret.
#include <catch2/catch.hpp>

#include "support/scenario_fixtures.hpp"

using gilsim::test::load_error;

namespace {
const char* const kThread = "[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n";
std::string with_thread(const std::string& head) { return head + kThread; }
}  // namespace

TEST_CASE("scenario: a TOML syntax error points at the line and column", "[scenario]") {
  CHECK(load_error("[machine\ncores = 2\n") ==
        "test.toml:1:9: error: Error while parsing table header: expected ']', saw '\\n'\n"
        "    [machine\n"
        "            ^\n");
}

TEST_CASE("scenario: an unknown key suggests the closest valid key", "[scenario]") {
  CHECK(load_error(with_thread("[interpreter]\nswtich_interval = \"5ms\"\n")) ==
        "test.toml:2:1: error: unknown key 'swtich_interval' in [interpreter]; did you mean "
        "'switch_interval'?\n"
        "    swtich_interval = \"5ms\"\n"
        "    ^\n");
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { pyton = 10 } ]\n") ==
        "test.toml:3:11: error: unknown key 'pyton' in an op; did you mean 'python'?\n"
        "    run = [ { pyton = 10 } ]\n"
        "              ^\n");
}

TEST_CASE("scenario: an unknown key far from any valid one lists them", "[scenario]") {
  CHECK(load_error(with_thread("[scenario]\ncolour = \"red\"\n")) ==
        "test.toml:2:1: error: unknown key 'colour' in [scenario]; valid keys: name, description, "
        "seed, stop\n"
        "    colour = \"red\"\n"
        "    ^\n");
}

TEST_CASE("scenario: a wrong type names the expected one", "[scenario]") {
  CHECK(load_error(with_thread("[interpreter]\nswitch_interval = 5\n")) ==
        "test.toml:2:19: error: interpreter.switch_interval must be a duration string such as "
        "\"5ms\", not an integer\n"
        "    switch_interval = 5\n"
        "                      ^\n");
  CHECK(load_error(with_thread("[machine]\ncores = \"two\"\n")) ==
        "test.toml:2:9: error: machine.cores must be an integer, not a string\n"
        "    cores = \"two\"\n"
        "            ^\n");
}

TEST_CASE("scenario: bad and negative durations are errors", "[scenario]") {
  CHECK(load_error(with_thread("[machine]\nwakeup_latency = \"5 parsecs\"\n")) ==
        "test.toml:2:18: error: bad duration \"5 parsecs\" for machine.wakeup_latency: use a "
        "number and a unit (ns, us, ms, s), e.g. \"5ms\"\n"
        "    wakeup_latency = \"5 parsecs\"\n"
        "                     ^\n");
  CHECK(load_error(with_thread("[machine]\nwakeup_latency = \"-5us\"\n")) ==
        "test.toml:2:18: error: machine.wakeup_latency must not be negative\n"
        "    wakeup_latency = \"-5us\"\n"
        "                     ^\n");
  CHECK(load_error(with_thread("[interpreter]\nswitch_interval = \"0ms\"\n")) ==
        "test.toml:2:19: error: interpreter.switch_interval must be greater than zero\n"
        "    switch_interval = \"0ms\"\n"
        "                      ^\n");
}

TEST_CASE("scenario: durations and op lengths past the limit are errors, not wrapped", "[scenario]") {
  // 2^64 + 10 ns once wrapped to 10 ns and ran.
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { sleep = \"18446744073709551626ns\" } ]\n") ==
        "test.toml:3:19: error: sleep = \"18446744073709551626ns\" is longer than 1000000s (11 "
        "days), the longest duration a scenario may write\n"
        "    run = [ { sleep = \"18446744073709551626ns\" } ]\n"
        "                      ^\n");
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { python = \"1000001s\" } ]\n").find(
            "test.toml:3:20: error: python = \"1000001s\" is longer than 1000000s") == 0);
  // The instruction count is checked against the thread's own instruction time.
  CHECK(load_error("[interpreter]\ninstruction_time = \"13s\"\n"
                   "[[thread]]\nname = \"a\"\nrun = [ { python = 1_000_000_000_000 } ]\n") ==
        "test.toml:5:20: error: 1000000000000 instructions at 13s each take longer than "
        "1000000s, the longest an op may run; use at most 76923\n"
        "    run = [ { python = 1_000_000_000_000 } ]\n"
        "                       ^\n");
}

TEST_CASE("scenario: zero cores is an error", "[scenario]") {
  CHECK(load_error(with_thread("[machine]\ncores = 0\n")) ==
        "test.toml:2:9: error: machine.cores must be at least 1\n"
        "    cores = 0\n"
        "            ^\n");
}

TEST_CASE("scenario: an undefined process name lists the defined ones", "[scenario]") {
  CHECK(load_error("[[process]]\nname = \"main\"\n[[thread]]\nname = \"a\"\nprocess = \"mian\"\n"
                   "run = [ { python = 10 } ]\n") ==
        "test.toml:5:11: error: thread 'a' names process 'mian', which is not defined; defined "
        "processes: main\n"
        "    process = \"mian\"\n"
        "              ^\n");
}

TEST_CASE("scenario: an empty program is an error", "[scenario]") {
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = []\n") ==
        "test.toml:3:7: error: thread 'a' has an empty program: 'run' needs at least one op\n"
        "    run = []\n"
        "          ^\n");
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { repeat = 3, body = [] } ]\n") ==
        "test.toml:3:30: error: a repeat op needs at least one op in its body\n"
        "    run = [ { repeat = 3, body = [] } ]\n"
        "                                 ^\n");
}

TEST_CASE("scenario: unknown policy name lists valid names", "[scenario]") {
  CHECK(load_error(with_thread("[interpreter]\ngil = \"fifo\"\n")) ==
        "test.toml:2:7: error: unknown GIL policy 'fifo'; valid policies: check-interval, "
        "timed-switch, fifo-handoff, priority-io, io-first, none\n"
        "    gil = \"fifo\"\n"
        "          ^\n");
}

TEST_CASE("scenario: a numeric version is refused with the reason", "[scenario]") {
  CHECK(load_error(with_thread("[interpreter]\nversion = 3.10\n")) ==
        "test.toml:2:11: error: interpreter.version must be a string such as \"3.11\" (as a "
        "number, 3.10 would read as 3.1)\n"
        "    version = 3.10\n"
        "              ^\n");
}

TEST_CASE("scenario: a run that could never end is refused", "[scenario]") {
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { python = \"forever\" } ]\n") ==
        "test.toml:1:1: error: every thread runs forever, so the run would never end; set "
        "scenario.stop (e.g. stop = \"2s\")\n"
        "    [[thread]]\n"
        "    ^\n");
}

TEST_CASE("scenario: an op needs exactly one kind", "[scenario]") {
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { python = 1, io = \"1ms\" } ]\n") ==
        "test.toml:3:9: error: an op needs exactly one of python, native, io, sleep, repeat, "
        "rmw, incref, decref, borrow, send, recv\n"
        "    run = [ { python = 1, io = \"1ms\" } ]\n"
        "            ^\n");
}

TEST_CASE("scenario: a bad --set value names the override", "[scenario]") {
  gilsim::Result<gilsim::Scenario> s =
      gilsim::parse_scenario(kThread, "test.toml", {{"machine.cores", "abc"}});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().to_string() ==
        "--set machine.cores=abc: error: machine.cores must be an integer, not a string\n");
}

TEST_CASE("scenario: a missing file is an error and not a crash", "[scenario]") {
  gilsim::Result<gilsim::Scenario> s = gilsim::load_scenario("/no/such/file.toml");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().to_string() == "/no/such/file.toml: error: cannot read the file\n");
}

TEST_CASE("scenario: a thread name used twice is an error", "[scenario]") {
  CHECK(load_error("[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n"
                   "[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n") ==
        "test.toml:5:8: error: thread 'a' is defined twice\n"
        "    name = \"a\"\n"
        "           ^\n");
}

TEST_CASE("scenario: a long source line is shown around the column, control bytes as '?'",
          "[scenario]") {
  const std::string long_line =
      "[scenario]\ndescription = \"" + std::string(300, 'x') + "\u00e9" + std::string(300, 'y');
  const std::string shown = load_error(long_line + "\n" + kThread);
  CHECK(shown.size() < 400);
  CHECK(shown.find("\n    ...yyyyy") != std::string::npos);
  // An escape byte (ESC, the start of a terminal control sequence) in the file.
  const std::string control = load_error(std::string("[[thread]]\nname = \"a\x1b[2J\"\n"));
  CHECK(control ==
        "test.toml:2:10: error: Error while parsing string: unescaped control characters other "
        "than TAB (U+0009) are explicitly prohibited\n"
        "    name = \"a?[2J\"\n"
        "             ^\n");
}
