#pragma once
// The scenario decoder: a TOML document -> Scenario, with every problem an
// InputError at file:line:col. Internal to the scenario layer: the document's
// sections are read in scenario_decoder.cpp, the programs (shared items,
// threads, ops) in program_decoder.cpp. Callers use load.hpp.

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gilsim/scenario/scenario.hpp"
#include "gilsim/scenario/toml_decoder.hpp"

namespace gilsim::detail {

inline constexpr std::int64_t kMaxCores = 64;         // affinity is a 64-bit mask
inline constexpr std::int64_t kMaxThreads = 100'000;  // keeps a typo from eating the machine

class ScenarioDecoder {
 public:
  ScenarioDecoder(const TomlDecoder& d, const toml::table& root, std::string path)
      : d_(d), root_(root) {
    out_.path = std::move(path);
  }

  Scenario decode();

  // One per kind of op, for the table of ops in program_decoder.cpp: `t` is the op's
  // table (its keys already checked), `v` the value of its kind's key.
  struct OpArgs {
    const toml::node& n;
    const toml::table& t;
    const toml::node& v;
    const std::string& owner;
  };
  void decode_python(const OpArgs& a, std::vector<Op>& out);
  void decode_native(const OpArgs& a, std::vector<Op>& out);
  void decode_io(const OpArgs& a, std::vector<Op>& out);
  void decode_sleep(const OpArgs& a, std::vector<Op>& out);
  void decode_repeat(const OpArgs& a, std::vector<Op>& out);
  void decode_rmw(const OpArgs& a, std::vector<Op>& out);
  void decode_incref(const OpArgs& a, std::vector<Op>& out);
  void decode_decref(const OpArgs& a, std::vector<Op>& out);
  void decode_borrow(const OpArgs& a, std::vector<Op>& out);
  void decode_send(const OpArgs& a, std::vector<Op>& out);
  void decode_recv(const OpArgs& a, std::vector<Op>& out);

 private:
  // The document (scenario_decoder.cpp).
  const toml::table* section(std::string_view name) const;
  void decode_header();
  void decode_machine();
  // Preset of the version first, then explicit keys: [interpreter], then the process's own.
  InterpreterConfig decode_interpreter(const toml::table* process);
  void apply_interpreter_keys(const toml::table& t, InterpreterConfig& interp);
  void decode_processes();
  int process_index(std::string_view name) const;
  void decode_variants();
  void decode_expectations();
  // A run must end: at its stop time, or when every thread that can finish has.
  void check_termination();

  // Programs: shared items, threads and their ops (program_decoder.cpp).
  void decode_shared();
  int shared_index(std::string_view name) const;
  /// The shared item an op names, which must be of the right kind.
  int shared_ref(const toml::node& n, std::string_view op, bool object);
  void decode_pipes();
  /// The pipe a send or recv op names.
  int pipe_ref(const toml::node& n, std::string_view op);
  // Owners name threads, which are read after [[shared]].
  void resolve_owners();
  void decode_threads();
  std::uint64_t decode_affinity(const toml::node& n);
  std::vector<Op> decode_ops(const toml::node& n, const std::string& owner);
  /// Appends the op(s) `n` describes to `out` (a borrow is three ops).
  void decode_op(const toml::node& n, const std::string& owner, std::vector<Op>& out);
  int loop_id(const std::string& name);
  /// The most instructions one op may run: at the thread's instruction_time,
  /// no more than kMaxDuration.
  std::int64_t instruction_count(const toml::node& n, std::string_view what) const;

  const TomlDecoder& d_;
  const toml::table& root_;
  Scenario out_;
  std::set<std::string> thread_names_;
  std::vector<std::pair<std::size_t, const toml::node*>> owner_names_;  ///< shared item, node
  Tick instruction_time_ = 1;  ///< of the thread being decoded, for instruction_count()
};

}  // namespace gilsim::detail
