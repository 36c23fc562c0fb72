#include "gilsim/report/writers.hpp"

#include <catch2/catch.hpp>

#include "gilsim/report/fields.hpp"
#include "gilsim/report/escape.hpp"
#include "gilsim/report/json_writer.hpp"
#include "support/scenario_fixtures.hpp"

using namespace gilsim;

namespace {
Report small_report() {
  return test::run_report(test::scenario_from(
      "[scenario]\nname = \"w\"\nseed = 7\n[machine]\nprofile = \"ideal\"\nwakeup_latency = \"10us\"\n"
      "[[thread]]\nname = \"io\"\nrun = [ { repeat = 3, name = \"req\", body = [ { io = \"1ms\" }, "
      "{ python = 10 } ] } ]\n"));
}
}  // namespace

TEST_CASE("writers: JSON escapes strings", "[report]") {
  CHECK(json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
}

TEST_CASE("writers: the JSON report has every contract key in order", "[report]") {
  const std::string json = to_json(small_report());
  std::size_t at = 0;
  for (const char* key : {"\"scenario\": \"w\"",
                          "\"seed\": 7",
                          "\"policy\": \"timed-switch\"",
                          "\"version\": \"3.11\"",
                          "\"simulated_ns\"",
                          "\"events\"",
                          "\"threads\"",
                          "\"cpu_ns\"",
                          "\"gil_held_ns\"",
                          "\"gil_wait_ns\"",
                          "\"gil_wait\"",
                          "\"acquisitions\"",
                          "\"failed_acquisitions\"",
                          "\"forced_drops\"",
                          "\"io_ops\"",
                          "\"gil_reacquire\"",
                          "\"instructions\"",
                          "\"finished_ns\"",
                          "\"metrics\"",
                          "\"makespan_ns\"",
                          "\"throughput\"",
                          "\"speedup_vs_serial\"",
                          "\"gil_utilization\"",
                          "\"core_utilization\"",
                          "\"gil_switches\"",
                          "\"context_switches\"",
                          "\"fairness_jain\"",
                          "\"max_gil_wait_ns\"",
                          "\"starved_threads\"",
                          "\"convoy_factor\"",
                          "\"badness\"",
                          "\"loops\"",
                          "\"name\": \"req\"",
                          "\"rate\"",
                          "\"iteration\"",
                          "\"races\": []"}) {
    const std::size_t found = json.find(key, at);
    INFO(key);
    REQUIRE(found != std::string::npos);
    at = found;
  }
  CHECK(json.back() == '\n');
}

TEST_CASE("writers: the table shows units and loops and the seed", "[report]") {
  const std::string table = to_table(small_report());
  CHECK(table.find("seed 7 | policy timed-switch | version 3.11") != std::string::npos);
  CHECK(table.find("req") != std::string::npos);
  CHECK(table.find("makespan") != std::string::npos);
  CHECK(table.find("ms") != std::string::npos);
}

TEST_CASE("writers: CSV has one row per report field", "[report]") {
  const Report r = small_report();
  const std::string csv = to_csv(r);
  CHECK(csv.rfind("path,value\nscenario,w\nseed,7\n", 0) == 0);
  CHECK(csv.find("\nthreads.io.gil_reacquire.p50,10000\n") != std::string::npos);
  CHECK(csv.find("\nloops.req.io.iterations,3\n") != std::string::npos);
  const auto rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
  CHECK(rows == flatten(r).size() + 1);
}
