#include "gilsim/scenario/scenario_decoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "gilsim/model/versions.hpp"
#include "gilsim/scenario/expectation_decoder.hpp"
#include "gilsim/policy/registry.hpp"
#include "gilsim/scenario/machine_decoder.hpp"

namespace gilsim::detail {
namespace {

const std::vector<std::string_view> kInterpreterKeys = {
    "version",   "gil",         "switch_interval",   "instruction_time", "check_sites",
    "loop_body", "loop_ticks",  "check_interval",    "force_switching",  "drop_request",
    "refcount",  "atomic_cost", "biased_local_cost", "refcount_window"};

}  // namespace

Scenario ScenarioDecoder::decode() {
  d_.check_keys(
      root_,
      {"scenario", "machine", "interpreter", "process", "shared", "pipe", "thread", "variant",
       "expect"},
      "the top level");
  decode_header();
  decode_machine();
  decode_processes();
  decode_shared();
  decode_pipes();
  decode_threads();
  resolve_owners();
  decode_variants();
  decode_expectations();
  check_termination();
  return std::move(out_);
}

const toml::table* ScenarioDecoder::section(std::string_view name) const {
  const toml::node* n = root_.get(name);
  return n ? &d_.table(*n, fmt::format("[{}]", name)) : nullptr;
}

void ScenarioDecoder::decode_header() {
  out_.name = out_.path;  // a file without a name is named after itself
  if (auto slash = out_.name.find_last_of('/'); slash != std::string::npos) {
    out_.name = out_.name.substr(slash + 1);
  }
  if (out_.name.size() > 5 && out_.name.substr(out_.name.size() - 5) == ".toml") {
    out_.name.resize(out_.name.size() - 5);
  }
  const toml::table* s = section("scenario");
  if (!s) return;
  d_.check_keys(*s, {"name", "description", "seed", "stop"}, "[scenario]");
  if (auto* n = s->get("name")) out_.name = d_.string(*n, "scenario.name");
  if (auto* n = s->get("description")) out_.description = d_.string(*n, "scenario.description");
  if (auto* n = s->get("seed")) {
    out_.model.seed = static_cast<std::uint64_t>(d_.integer(*n, "scenario.seed", 0, INT64_MAX));
  }
  if (auto* n = s->get("stop")) out_.model.stop = d_.duration(*n, "scenario.stop", 1);
}

void ScenarioDecoder::decode_machine() {
  decode_machine_table(d_, section("machine"), out_.path, out_.model.machine);
}

// Preset of the version first, then explicit keys: [interpreter], then the process's own.
InterpreterConfig ScenarioDecoder::decode_interpreter(const toml::table* process) {
  const toml::table* base = section("interpreter");
  if (base) d_.check_keys(*base, kInterpreterKeys, "[interpreter]");
  InterpreterConfig interp;
  const toml::node* version = process ? process->get("version") : nullptr;
  if (!version && base) version = base->get("version");
  if (version) {
    if (version->is_floating_point()) {
      d_.fail(version,
              "interpreter.version must be a string such as \"3.11\" "
              "(as a number, 3.10 would read as 3.1)");
    }
    const std::string v = d_.string(*version, "interpreter.version");
    const VersionPreset* preset = find_version(v);
    if (!preset) {
      std::vector<std::string_view> names;
      for (const VersionPreset& p : version_presets()) names.push_back(p.version);
      d_.fail(version,
              fmt::format("unknown version '{}'; known versions: {}", v, fmt::join(names, ", ")));
    }
    apply_preset(*preset, interp);
  } else {
    apply_preset(*find_version(interp.version), interp);
  }
  interp.instruction_time = out_.model.machine.instruction_time;
  if (base) apply_interpreter_keys(*base, interp);
  if (process) apply_interpreter_keys(*process, interp);
  return interp;
}

void ScenarioDecoder::apply_interpreter_keys(const toml::table& t, InterpreterConfig& interp) {
  if (auto* n = t.get("gil")) {
    interp.gil = d_.string(*n, "interpreter.gil");
    if (!find_policy(interp.gil)) {
      std::vector<std::string_view> names;
      for (const PolicyEntry& e : policy_registry()) names.push_back(e.name);
      d_.fail(n, fmt::format("unknown GIL policy '{}'; valid policies: {}", interp.gil,
                             fmt::join(names, ", ")));
    }
  }
  if (auto* n = t.get("switch_interval")) {
    interp.switch_interval = d_.duration(*n, "interpreter.switch_interval", 1);
  }
  if (auto* n = t.get("instruction_time")) {
    interp.instruction_time = d_.duration(*n, "interpreter.instruction_time", 1);
  }
  if (auto* n = t.get("check_sites")) {
    const std::string s = d_.string(*n, "interpreter.check_sites");
    if (s == "tick") {
      interp.check_sites = CheckSites::kTick;
    } else if (s == "instruction") {
      interp.check_sites = CheckSites::kInstruction;
    } else if (s == "loop") {
      interp.check_sites = CheckSites::kLoop;
    } else {
      d_.fail(n, fmt::format("unknown check_sites '{}'; valid: tick, instruction, loop", s));
    }
  }
  if (auto* n = t.get("loop_body")) {
    interp.loop_body = d_.integer(*n, "interpreter.loop_body", 1, 1'000'000'000);
  }
  if (auto* n = t.get("loop_ticks")) {
    interp.loop_ticks = d_.integer(*n, "interpreter.loop_ticks", 1, 1'000'000'000);
  }
  if (auto* n = t.get("check_interval")) {
    interp.check_interval = d_.integer(*n, "interpreter.check_interval", 1, 1'000'000'000);
  }
  if (auto* n = t.get("force_switching")) {
    interp.force_switching = d_.boolean(*n, "interpreter.force_switching");
  }
  if (auto* n = t.get("refcount")) {
    const std::string s = d_.string(*n, "interpreter.refcount");
    if (s == "plain") {
      interp.refcount = RefcountModel::kPlain;
    } else if (s == "atomic") {
      interp.refcount = RefcountModel::kAtomic;
    } else if (s == "biased") {
      interp.refcount = RefcountModel::kBiased;
    } else {
      d_.fail(n, fmt::format("unknown refcount model '{}'; valid: plain, atomic, biased", s));
    }
  }
  if (auto* n = t.get("atomic_cost"))
    interp.atomic_cost = d_.duration(*n, "interpreter.atomic_cost");
  if (auto* n = t.get("biased_local_cost")) {
    interp.biased_local_cost = d_.duration(*n, "interpreter.biased_local_cost");
  }
  if (auto* n = t.get("refcount_window")) {
    interp.refcount_window = d_.duration(*n, "interpreter.refcount_window");
  }
  if (auto* n = t.get("drop_request")) {
    const std::string s = d_.string(*n, "interpreter.drop_request");
    if (s == "interpreter") {
      interp.drop_request = DropRequestScope::kInterpreter;
    } else if (s == "thread") {
      interp.drop_request = DropRequestScope::kThread;
    } else {
      d_.fail(n, fmt::format("unknown drop_request '{}'; valid: interpreter, thread", s));
    }
  }
}

void ScenarioDecoder::decode_processes() {
  if (const toml::node* n = root_.get("process")) {
    for (const toml::node& p : d_.array(*n, "[[process]]")) {
      const toml::table& t = d_.table(p, "[[process]]");
      std::vector<std::string_view> keys = kInterpreterKeys;
      keys.insert(keys.begin(), "name");
      d_.check_keys(t, keys, "[[process]]");
      const toml::node* name = t.get("name");
      if (!name) d_.fail(&p, "a [[process]] needs a name");
      ProcessSpec spec{d_.name(*name, "process.name"), decode_interpreter(&t)};
      if (process_index(spec.name) >= 0) {
        d_.fail(name, fmt::format("process '{}' is defined twice", spec.name));
      }
      out_.model.processes.push_back(std::move(spec));
    }
  }
  if (out_.model.processes.empty()) {
    out_.model.processes.push_back(ProcessSpec{"main", decode_interpreter(nullptr)});
  }
}

int ScenarioDecoder::process_index(std::string_view name) const {
  for (std::size_t i = 0; i < out_.model.processes.size(); ++i) {
    if (out_.model.processes[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void ScenarioDecoder::decode_variants() {
  const toml::node* n = root_.get("variant");
  if (!n) return;
  for (const toml::node& node : d_.array(*n, "[[variant]]")) {
    const toml::table& t = d_.table(node, "[[variant]]");
    d_.check_keys(t, {"name", "description", "set"}, "[[variant]]");
    const toml::node* name = t.get("name");
    if (!name) d_.fail(&node, "a [[variant]] needs a name");
    Variant v{d_.name(*name, "variant.name"), "", {}};
    for (const Variant& earlier : out_.variants) {
      if (earlier.name == v.name) d_.fail(name, fmt::format("variant '{}' is defined twice", v.name));
    }
    if (auto* desc = t.get("description")) v.description = d_.string(*desc, "variant.description");
    if (auto* set = t.get("set")) {
      for (auto&& [key, value] : d_.table(*set, "variant.set")) {
        const toml::source_position at = key.source().begin;
        v.sets.push_back(Override{std::string(key.str()), value_text(value), "",
                                  static_cast<int>(at.line), static_cast<int>(at.column)});
      }
    }
    out_.variants.push_back(std::move(v));
  }
}

void ScenarioDecoder::decode_expectations() {
  out_.expectations = detail::decode_expectations(d_, root_.get("expect"));
}

// A run must end: at its stop time, or when every thread that can finish has.
void ScenarioDecoder::check_termination() {
  if (out_.model.stop != kNever) return;
  for (const ThreadSpec& t : out_.model.threads) {
    if (program_can_finish(t.ops)) return;
  }
  d_.fail(root_.get("thread"),
          "every thread runs forever, so the run would never end; set scenario.stop "
          "(e.g. stop = \"2s\")");
}

}  // namespace gilsim::detail
