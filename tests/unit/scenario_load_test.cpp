#include <catch2/catch.hpp>

#include <filesystem>

#include "gilsim/lab/variants.hpp"
#include "gilsim/scenario/document.hpp"

#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::scenario_from;

TEST_CASE("scenario: defaults give a 2-core CFS machine and CPython 3.11", "[scenario]") {
  const Scenario s = scenario_from("[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n");
  CHECK(s.name == "test");
  CHECK(s.model.machine.cores == 2);
  CHECK(s.model.machine.scheduler == SchedulerKind::kCfs);
  REQUIRE(s.model.processes.size() == 1);
  const InterpreterConfig& i = s.model.processes[0].interpreter;
  CHECK(i.version == "3.11");
  CHECK(i.gil == "timed-switch");
  CHECK(i.switch_interval == 5 * kMillisecond);
  CHECK(i.check_sites == CheckSites::kLoop);
}

TEST_CASE("scenario: a version preset sets check sites; explicit keys override it", "[scenario]") {
  const Scenario old = scenario_from(
      "[interpreter]\nversion = \"3.9\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n");
  CHECK(old.model.processes[0].interpreter.check_sites == CheckSites::kInstruction);
  const Scenario mixed = scenario_from(
      "[interpreter]\nversion = \"3.9\"\ncheck_sites = \"loop\"\nswitch_interval = \"1ms\"\n"
      "[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n");
  CHECK(mixed.model.processes[0].interpreter.check_sites == CheckSites::kLoop);
  CHECK(mixed.model.processes[0].interpreter.switch_interval == kMillisecond);
  const Scenario ft = scenario_from(
      "[interpreter]\nversion = \"3.13t\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n");
  CHECK(ft.model.processes[0].interpreter.gil == "none");
}

TEST_CASE("scenario: count replicates a thread with numbered names", "[scenario]") {
  const Scenario s =
      scenario_from("[[thread]]\nname = \"w\"\ncount = 3\nrun = [ { python = 10 } ]\n");
  REQUIRE(s.model.threads.size() == 3);
  CHECK(s.model.threads[0].name == "w-1");
  CHECK(s.model.threads[2].name == "w-3");
}

TEST_CASE("scenario: processes take [interpreter] and override it", "[scenario]") {
  const Scenario s = scenario_from(
      "[interpreter]\nswitch_interval = \"2ms\"\n"
      "[[process]]\nname = \"old\"\nversion = \"3.9\"\n"
      "[[process]]\nname = \"new\"\nswitch_interval = \"1ms\"\n"
      "[[thread]]\nname = \"a\"\nprocess = \"new\"\nrun = [ { python = 10 } ]\n");
  REQUIRE(s.model.processes.size() == 2);
  CHECK(s.model.processes[0].interpreter.version == "3.9");
  CHECK(s.model.processes[0].interpreter.switch_interval == 2 * kMillisecond);
  CHECK(s.model.processes[1].interpreter.switch_interval == kMillisecond);
  CHECK(s.model.threads[0].process == 1);
}

TEST_CASE("scenario: ops decode with durations and distributions and loops", "[scenario]") {
  const Scenario s = scenario_from(
      "[[thread]]\nname = \"a\"\naffinity = [1]\nstart = \"1ms\"\nrun = [\n"
      "  { python = \"2ms\" },\n"
      "  { native = { exp = \"1ms\" }, holds_gil = true },\n"
      "  { repeat = 3, name = \"req\", body = [ { io = { uniform = [\"1us\", \"2us\"] } } ] },\n"
      "  { sleep = \"1ms\" },\n"
      "]\n");
  const ThreadSpec& t = s.model.threads[0];
  CHECK(t.affinity == 0b10);
  CHECK(t.start == kMillisecond);
  REQUIRE(t.ops.size() == 4);
  CHECK(t.ops[0].duration.a == 2 * kMillisecond);
  CHECK(t.ops[1].kind == OpKind::kNative);
  CHECK(t.ops[1].holds_gil);
  CHECK(t.ops[1].duration.kind == Distribution::Kind::kExponential);
  CHECK(t.ops[2].repeat == 3);
  CHECK(t.ops[2].loop_id == 0);
  CHECK(s.loop_names == std::vector<std::string>{"req"});
  CHECK(t.ops[2].body[0].duration.kind == Distribution::Kind::kUniform);
  CHECK(t.ops[3].kind == OpKind::kSleep);
}

TEST_CASE("scenario: --set changes tables and named threads", "[scenario]") {
  const std::string text =
      "[[thread]]\nname = \"io\"\nrun = [ { python = 10 } ]\n"
      "[[thread]]\nname = \"cpu\"\nrun = [ { python = 10 } ]\n";
  const Scenario s = scenario_from(text, {{"interpreter.switch_interval", "1ms"},
                                          {"machine.cores", "4"},
                                          {"thread.cpu.count", "2"},
                                          {"interpreter.version", "3.9"},
                                          {"thread.io.run", "[{ sleep = \"1ms\" }]"}});
  CHECK(s.model.processes[0].interpreter.switch_interval == kMillisecond);
  CHECK(s.model.processes[0].interpreter.version == "3.9");
  CHECK(s.model.machine.cores == 4);
  CHECK(s.model.threads.size() == 3);
  CHECK(s.model.threads[0].ops[0].kind == OpKind::kSleep);
}

TEST_CASE("scenario: variants and expectations are read", "[scenario]") {
  const Scenario s = scenario_from(
      "[[thread]]\nname = \"a\"\nrun = [ { python = 10 } ]\n"
      "[[variant]]\nname = \"old\"\nset = { \"interpreter.version\" = \"3.9\" }\n"
      "[[expect]]\nmetric = \"metrics.makespan_ns\"\nop = \"<\"\nvalue = \"1ms\"\n");
  REQUIRE(s.variants.size() == 1);
  CHECK(s.variants[0].sets[0].key == "interpreter.version");
  CHECK(s.variants[0].sets[0].value == "3.9");
  REQUIRE(s.expectations.size() == 1);
  CHECK(s.expectations[0].op == "<");
  CHECK(s.expectations[0].line == 7);
}

TEST_CASE("document: a file is read once; variants and --set are decoded in memory", "[scenario]") {
  namespace fs = std::filesystem;
  const fs::path copy = fs::temp_directory_path() / "gilsim_document_test.toml";
  fs::copy_file(test::scenario_path("old_gil_battle.toml"), copy,
                fs::copy_options::overwrite_existing);
  const Result<ScenarioDocument> doc = ScenarioDocument::read(copy.string());
  REQUIRE(doc.ok());
  fs::remove(copy);  // from here on, nothing may read the file
  const Result<Scenario> as_written = doc.value().decode();
  REQUIRE(as_written.ok());
  CHECK(as_written.value().model.machine.cores == 4);
  const Result<Scenario> one_cpu = decode_variant(doc.value(), "1 CPU");
  REQUIRE(one_cpu.ok());
  CHECK(one_cpu.value().model.machine.cores == 1);
  const Result<Scenario> set = doc.value().decode({Override{"machine.cores", "2", ""}});
  REQUIRE(set.ok());
  CHECK(set.value().model.machine.cores == 2);
  const Result<Scenario> bad = doc.value().decode({Override{"machine.cores", "zero", ""}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().to_string().find("cores") != std::string::npos);
  CHECK(doc.value().decode().value().model.machine.cores == 4);  // decoding changes nothing
}
