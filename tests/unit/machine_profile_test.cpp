// Machine profiles: [machine] profile = NAME or a path; the file's keys win.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/scenario_fixtures.hpp"

using namespace gilsim;
using test::load_error;
using test::scenario_from;

TEST_CASE("machine profiles: the ideal profile is MachineConfig's defaults", "[scenario]") {
  // scenarios/machines/ideal.toml must say what the C++ defaults say (unit
  // tests of the model build MachineConfig{}).
  const Scenario s = scenario_from(
      "[machine]\nprofile = \"ideal\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n");
  CHECK(s.model.machine == MachineConfig{});
}

TEST_CASE("machine profiles: the default machine is the measured cloud VM", "[scenario]") {
  const std::string program = "[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n";
  const Scenario plain = scenario_from(program);
  const Scenario vm = scenario_from("[machine]\nprofile = \"cloud-vm\"\n" + program);
  CHECK(plain.model.machine == vm.model.machine);
  CHECK(plain.model.machine.timer_slack == 50 * kMicrosecond);
}

TEST_CASE("machine profiles: a profile builds on another, and a loop is an error", "[scenario]") {
  const std::string a = "/tmp/gilsim_test_profile_a.toml";
  const std::string b = "/tmp/gilsim_test_profile_b.toml";
  {
    std::ofstream out(a);
    out << "[machine]\nprofile = \"ideal\"\ntimer_slack = \"9us\"\n";
  }
  const Scenario s = scenario_from("[machine]\nprofile = \"" + a +
                                   "\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n");
  MachineConfig expected;
  expected.timer_slack = 9 * kMicrosecond;
  CHECK(s.model.machine == expected);
  {
    std::ofstream out(a);
    out << "[machine]\nprofile = \"" << b << "\"\n";
    std::ofstream out_b(b);
    out_b << "[machine]\nprofile = \"" << a << "\"\n";
  }
  CHECK(load_error("[machine]\nprofile = \"" + a + "\"\n")
            .find("machine profiles name each other more than 8 deep (a loop?)") !=
        std::string::npos);
}

TEST_CASE("machine profiles: a named profile sets the machine and the file's keys win",
          "[scenario]") {
  const Scenario s = scenario_from(
      "[machine]\nprofile = \"cloud-vm\"\ncores = 4\nsignal_cost = \"7us\"\n"
      "[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n");
  CHECK(s.model.machine.cores == 4);
  CHECK(s.model.machine.signal_cost == 7 * kMicrosecond);
  CHECK(s.model.machine.timer_slack == 50 * kMicrosecond);
  CHECK(s.model.machine.wake_order == WakeOrder::kGlibc);
  REQUIRE(s.model.machine.idle_states.size() == 4);
  CHECK(s.model.machine.idle_states[1].after == 100 * kMicrosecond);
  CHECK(s.model.machine.cond_wakeup == Distribution::fixed(7 * kMicrosecond));
}

TEST_CASE("machine profiles: --machine takes a profile file", "[scenario][cli]") {
  const std::string path = "/tmp/gilsim_test_profile.toml";
  {
    std::ofstream out(path);
    out << "[machine]\ntimer_slack = \"123us\"\nprocess_start = \"2ms\"\n";
  }
  const auto r = test::cli({"run", test::scenario_path("countdown.toml"), "--machine", path,
                            "--format", "json"});
  CHECK(r.code == ExitCode::kOk);
  const Scenario s = scenario_from("[machine]\nprofile = \"" + path +
                                   "\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n");
  CHECK(s.model.machine.timer_slack == 123 * kMicrosecond);
  CHECK(s.model.machine.process_start == 2 * kMillisecond);
}

TEST_CASE("machine profiles: errors name the profile or its file and line", "[scenario]") {
  CHECK(load_error("[machine]\nprofile = \"laptop\"\n") ==
        "test.toml:2:11: error: unknown machine profile 'laptop'; valid profiles: cloud-vm, "
        "default, ideal, linux-2013, macbook-2021, macosx-2010 (or a path to a profile file)\n"
        "    profile = \"laptop\"\n"
        "              ^\n");
  const std::string path = "/tmp/gilsim_test_bad_profile.toml";
  {
    std::ofstream out(path);
    out << "[machine]\ntimer_slak = \"1us\"\n";
  }
  CHECK(load_error("[machine]\nprofile = \"" + path + "\"\n")
            .rfind(path + ":2:1: error: unknown key 'timer_slak' in [machine]", 0) == 0);
  CHECK(load_error("[machine]\nparallel_speed = [0.9]\n") ==
        "test.toml:2:19: error: machine.parallel_speed starts with 1.0: a core alone runs at full "
        "speed (instruction_time sets how fast that is)\n"
        "    parallel_speed = [0.9]\n"
        "                      ^\n");
  CHECK(load_error("[machine]\nparallel_speed = [1.0, 1.5]\n")
            .find("2:24: error: an entry of machine.parallel_speed must be above 0 and at most 1") !=
        std::string::npos);
  CHECK(load_error("[machine]\nparallel_speed = [1, \"fast\"]\n")
            .find("must be a number such as 0.9, not a string") != std::string::npos);
  CHECK(load_error("[machine]\nparallel_speed = []\n")
            .find("needs at least one entry (1.0: no slowdown)") != std::string::npos);
  CHECK(load_error("[machine]\nidle_states = [ { after = \"20us\", exit = \"30us\" }, "
                   "{ after = \"10us\", exit = \"1us\" } ]\n")
            .find("idle states must be listed by increasing `after`") != std::string::npos);
}

TEST_CASE("machine profiles: every shipped profile loads and describes itself", "[scenario]") {
  REQUIRE(machine_profiles().size() >= 3);
  for (const MachineProfileInfo& m : machine_profiles()) {
    INFO(m.name);
    CHECK(!m.description.empty());
    CHECK(load_error("[machine]\nprofile = \"" + m.name +
                     "\"\n[[thread]]\nname = \"a\"\nrun = [ { python = 1 } ]\n") == "");
  }
  const auto r = test::cli({"list", "machines"});
  CHECK(r.code == ExitCode::kOk);
  CHECK(r.out.find("cloud-vm") != std::string::npos);
}

TEST_CASE("machine profiles: the anchors' machines name every measured mechanism", "[scenario]") {
  // Fitted to published numbers without these mechanisms, they must not pick
  // them up from whatever the default machine becomes.
  for (const char* name : {"macosx-2010", "linux-2013", "macbook-2021"}) {
    INFO(name);
    std::ifstream in(test::source_dir() + "/scenarios/machines/" + name + ".toml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* key : {"instruction_time", "idle_states", "timer_slack", "wait_entry",
                            "waking_core_idle", "cond_wakeup", "wake_order",
                            "process_start", "parallel_speed", "gil_migration"}) {
      CHECK(text.find(std::string("\n") + key + " = ") != std::string::npos);
    }
  }
}
