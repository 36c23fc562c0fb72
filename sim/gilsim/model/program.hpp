#pragma once
// What a Python thread does: a list of ops, run in order.
//
// Notes about the model: an op is the unit a scenario author thinks in
// ("1000 bytecodes", "a 20us recv()", "hash a buffer in C"). The simulator never
// interprets bytecode one by one; it knows how long an op's work takes and where
// its eval-breaker check sites fall, and plans only those instants.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gilsim/core/distribution.hpp"
#include "gilsim/core/time.hpp"

namespace gilsim {

enum class OpKind : std::uint8_t {
  kPython,  ///< bytecode: needs the GIL and a core; may give up the GIL at check sites
  kNative,  ///< C code: needs a core; releases the GIL around it unless holds_gil
  kIo,      ///< a blocking call (recv, read): releases the GIL, uses no core
  kSleep,   ///< time.sleep(): like kIo
  kRepeat,  ///< a loop over `body`
  kRmw,     ///< `x += 1` on a shared variable, `times` times: read, a window of bytecodes, write
  kIncref,  ///< Py_INCREF on a shared object (e.g. binding a new reference)
  kDecref,  ///< Py_DECREF on a shared object
  kSend,    ///< puts one message into a pipe (a socket's send side): wakes a reader waiting in kRecv
  kRecv,    ///< takes one message from a pipe: blocks like kIo (GIL released, no core) until one is there
};

struct Op {
  OpKind kind = OpKind::kPython;
  /// kPython: a number of instructions; 0 means "use `duration`".
  std::int64_t instructions = 0;
  /// kPython (when instructions == 0), kNative, kIo, kSleep: how long it takes.
  Distribution duration;
  /// kPython: run forever; kRepeat: loop forever.
  bool forever = false;
  /// kPython: instructions per loop iteration, i.e. between two check sites on
  /// interpreters that check only on back-edges and calls (3.10+). 0: the interpreter default.
  std::int64_t loop_body = 0;
  /// kPython: ticks per loop iteration for the old GIL's ticker. 0: the interpreter default.
  std::int64_t ticks = 0;
  /// kNative: the C code keeps the GIL (no Py_BEGIN_ALLOW_THREADS, no check sites).
  bool holds_gil = false;
  /// kRepeat: number of iterations (ignored when forever).
  std::int64_t repeat = 0;
  /// kRepeat: index into the run's loop table if the loop is named, else -1.
  int loop_id = -1;
  /// kRmw, kIncref, kDecref: the shared item (index into ModelSpec::shared);
  /// kNative: the object whose refcount the C code touches, or -1.
  int shared = -1;
  /// kRmw: bytecodes between the read and the write (LOAD_CONST, BINARY_OP: 2).
  std::int64_t window = 2;
  /// kRmw: a call inside the window (`x += f()`): a check site between read and write.
  bool call = false;
  /// kSend, kRecv: the pipe (index into ModelSpec::pipes).
  int pipe = -1;
  /// kRmw: iterations of the loop; kNative with `shared`: incref/decref pairs.
  std::int64_t times = 1;
  std::vector<Op> body;
};

/// A thread's list of ops, immutable once decoded. Copies share it: the
/// replicas of a `count = N` thread and every copy of a model (one per variant
/// or sweep point) point to one list, so memory grows with what the file says,
/// not with count times ops.
class Program {
 public:
  Program() = default;
  Program(std::vector<Op> ops)  // NOLINT: a decoded list becomes a program implicitly
      : ops_(std::make_shared<const std::vector<Op>>(std::move(ops))) {}

  const std::vector<Op>& ops() const { return ops_ ? *ops_ : kEmpty; }
  operator const std::vector<Op>&() const { return ops(); }  // NOLINT
  std::size_t size() const { return ops().size(); }
  bool empty() const { return ops().empty(); }
  const Op& operator[](std::size_t i) const { return ops()[i]; }
  auto begin() const { return ops().begin(); }
  auto end() const { return ops().end(); }

 private:
  static inline const std::vector<Op> kEmpty;
  std::shared_ptr<const std::vector<Op>> ops_;
};

/// One OS thread running Python code in one process.
struct ThreadSpec {
  std::string name;
  int process = 0;             ///< index into ModelSpec::processes
  std::uint64_t affinity = 0;  ///< bit i set: may run on core i; 0: any core
  Tick start = 0;              ///< when the thread is started
  Program ops;
};

/// True when a program can end: it has no `forever` op or loop on its path.
bool program_can_finish(const std::vector<Op>& ops);

/// A lower bound on the work (events plus shared-memory accesses) a finite
/// program needs to finish, saturating at kNever: each python, native, io and
/// sleep op is at least one event, each rmw iteration at least one access. Lets
/// a run that cannot fit its event budget be refused before it starts.
std::int64_t program_min_work(const std::vector<Op>& ops);

}  // namespace gilsim
