#include "gilsim/model/interpreter.hpp"

#include <algorithm>

#include "gilsim/core/assert.hpp"
#include "gilsim/model/core_speed.hpp"

namespace gilsim {

namespace {

enum class Phase : std::uint8_t { kBoot, kProgram, kExit };
enum class Micro : std::uint8_t { kTake, kRelease, kWork, kBlock, kCheckSite, kSend, kOpEnd };
/// A forced drop at a check site, in progress: release, then take again.
enum class CheckState : std::uint8_t { kNone, kRelease, kTake };

// The micro-steps of each kind of op, ending in kOpEnd (see the notes in the header).
constexpr Micro kPythonSteps[] = {Micro::kWork, Micro::kOpEnd};
constexpr Micro kNativeHoldSteps[] = {Micro::kWork, Micro::kCheckSite, Micro::kOpEnd};
constexpr Micro kNativeSteps[] = {Micro::kRelease, Micro::kWork, Micro::kTake, Micro::kOpEnd};
constexpr Micro kBlockingSteps[] = {Micro::kRelease, Micro::kBlock, Micro::kTake, Micro::kOpEnd};
constexpr Micro kBootSteps[] = {Micro::kTake, Micro::kOpEnd};
constexpr Micro kSendSteps[] = {Micro::kSend, Micro::kOpEnd};

const Micro* steps_of(const Op& op) {
  switch (op.kind) {
    case OpKind::kPython:
      return kPythonSteps;
    case OpKind::kNative:
      return op.holds_gil ? kNativeHoldSteps : kNativeSteps;
    case OpKind::kIo:
    case OpKind::kSleep:
    case OpKind::kRecv:
      return kBlockingSteps;
    case OpKind::kSend:
      return kSendSteps;
    case OpKind::kRmw:
    case OpKind::kIncref:
    case OpKind::kDecref:
      return kPythonSteps;  // bytecode, with shared-memory accesses in it
    case OpKind::kRepeat:
      break;
  }
  GILSIM_ASSERT(false, "no micro-steps for a repeat op");
  return kPythonSteps;
}

}  // namespace

struct Interpreter::Thread {
  Thread(ThreadId id_, const ThreadSpec& spec_, const InterpreterConfig& interp_, Rng rng_)
      : id(id_),
        spec(&spec_),
        interp(&interp_),
        process(spec_.process),
        cursor(spec_.ops, 0),
        rng(rng_),
        can_finish(program_can_finish(spec_.ops)) {}

  ThreadId id;
  const ThreadSpec* spec;
  const InterpreterConfig* interp;
  int process;
  ProgramCursor cursor;
  Rng rng;
  bool can_finish;

  // Events of this thread (generations invalidate stale ones).
  std::uint32_t step_gen = 0;   ///< invalidates ThreadStep events
  std::uint32_t timer_gen = 0;  ///< invalidates TimerFire events
  BlockReason blocked_on = BlockReason::kIo;
  Tick block_duration = 0;
  Tick blocked_at = 0;  ///< when its current blocking call started

  // Execution state.
  Phase phase = Phase::kBoot;
  std::uint8_t micro_index = 0;
  CheckState check = CheckState::kNone;
  bool taking = false;  ///< inside a take_gil call (possibly parked in it)
  bool holds_gil = false;
  bool replan_pending = false;

  // The current work micro-step.
  bool work_active = false;
  WorkPlan work;  ///< the shape of the current work (work_plan.hpp)
  Tick work_left = 0;
  Tick work_done = 0;
  Tick seg_start = 0;            ///< work done up to here has been accounted
  std::int64_t access_next = 0;  ///< shared-memory accesses done so far
  Tick planned_site = -1;        ///< the check site schedule_next_stop() stops at; -1: none
  Tick overhead_left = 0;        ///< lock and signal system calls to finish before anything else
  bool lock_paid = false;        ///< the coming release's lock_cost has been spent
  std::int64_t instructions_reported = 0;

  Micro micro() const {
    switch (phase) {
      case Phase::kBoot:
        return kBootSteps[micro_index];
      case Phase::kExit:
        return Micro::kOpEnd;
      case Phase::kProgram:
        break;
    }
    return steps_of(*cursor.current())[micro_index];
  }
};

Interpreter::Interpreter(const ModelSpec& spec, std::vector<std::unique_ptr<GilPolicy>> gils,
                         TraceSink& sink, Engine<Event>& engine, Machine& machine)
    : spec_(spec),
      gils_(std::move(gils)),
      sink_(sink),
      engine_(engine),
      machine_(machine),
      gil_core_(spec.processes.size(), -1),
      pipes_(spec.pipes.size()) {
  GILSIM_ASSERT(gils_.size() == spec.processes.size(), "one GIL policy per process");
  if (!spec.shared.empty()) {
    std::vector<SharedSpec> shared = spec.shared;
    for (SharedSpec& x : shared) {  // the owner's interpreter decides how it counts
      const auto& owner = spec.threads[std::min<std::size_t>(x.owner, spec.threads.size() - 1)];
      x.biased = x.is_object && !x.immortal &&
                 spec.processes[static_cast<std::size_t>(owner.process)].interpreter.refcount ==
                     RefcountModel::kBiased;
    }
    shared_ = std::make_unique<SharedMemory>(std::move(shared), spec.threads.size(), sink);
  }
  threads_.reserve(spec.threads.size());
  for (std::size_t i = 0; i < spec.threads.size(); ++i) {
    const ThreadSpec& ts = spec.threads[i];
    const ThreadId id = static_cast<ThreadId>(i);
    threads_.emplace_back(id, ts, spec.processes[ts.process].interpreter,
                          Rng::stream(spec.seed, i + 1));
    if (threads_.back().can_finish) ++finite_threads_;
  }
}

Interpreter::~Interpreter() = default;

GilPolicy& Interpreter::gil_of(const Thread& t) {
  return *gils_[static_cast<std::size_t>(t.process)];
}

void Interpreter::start(const RunLimits& limits) {
  max_steps_per_instant_ = limits.max_steps_per_instant;
  max_work_ = limits.max_events;
  for (Thread& t : threads_) {
    // Processes after the first are started by the program: they pay start-up first.
    const Tick start_up = t.process > 0 ? spec_.machine.process_start : 0;
    engine_.at(std::min(kNever, t.spec->start + start_up), ThreadStart{t.id});
  }
}

void Interpreter::before_event() {
  if (shared_) sync_shared();  // accesses up to now, in time order, before anything changes
}

void Interpreter::finish(Tick end) {
  if (shared_) sync_shared();
  for (Thread& t : threads_) {
    if (os(t).state == OsState::kRunning) charge_work(t);
  }
  if (shared_) shared_->report_final(end);
}

// Without a stop time, a run ends when every finite thread has finished.
std::int64_t Interpreter::work_needed() const {
  if (spec_.stop != kNever) return 0;
  std::int64_t total = 0;
  for (const Thread& t : threads_) {
    if (!t.can_finish) continue;
    const std::int64_t work = program_min_work(t.spec->ops);
    total = work >= kNever - total ? kNever : total + work;
  }
  return total;
}

Tick Interpreter::later(Tick delay) const {
  return delay >= kNever - now() ? kNever : now() + delay;
}

// ---------------------------------------------------------------------------
// Events

void Interpreter::on(const ThreadStep& e) {
  if (threads_[e.t].step_gen == e.gen) on_step(e.t);  // else stale: the thread moved on
}

void Interpreter::on(const TimerFire& e) {
  if (threads_[e.t].timer_gen == e.gen) on_timer(e.t);
}

void Interpreter::on_start(ThreadId id) {
  Thread& t = threads_[id];
  emit(TraceRecord::thread_start(now(), id, t.process));
  machine_.wake(id);
}

void Interpreter::on_step(ThreadId id) {
  Thread& t = threads_[id];
  GILSIM_ASSERT(os(t).state == OsState::kRunning, "step for a thread that is not running");
  machine_.announce(id);
  advance(t);
}

void Interpreter::on_timer(ThreadId id) {
  Thread& t = threads_[id];
  GILSIM_ASSERT(os(t).state == OsState::kBlocked, "timer for a thread that is not blocked");
  switch (t.blocked_on) {
    case BlockReason::kIo:
    case BlockReason::kSleep:
      emit(TraceRecord::io_complete(now(), id, t.blocked_on, t.block_duration));
      machine_.wake(id);
      break;
    case BlockReason::kGilWait:
    case BlockReason::kHandoff:
      gil_of(t).on_timeout(*this, id);
      break;
  }
}

// ---------------------------------------------------------------------------
// Thread execution

void Interpreter::advance(Thread& t) {
  charge_work(t);
  GilPolicy& gil = gil_of(t);
  for (;;) {
    if (now() != instant_) instant_ = now(), steps_at_instant_ = 0;
    if (++steps_at_instant_ > max_steps_per_instant_) {
      stuck_ = true;
      return;
    }
    if (t.overhead_left > 0) {  // finish the lock system calls first
      schedule_next_stop(t);
      return;
    }
    if (t.check == CheckState::kRelease) {
      if (pay_lock_cost(t)) return;
      t.check = CheckState::kTake;
      if (!release(t, DropReason::kForced)) return;
      continue;
    }
    if (t.check == CheckState::kTake) {
      if (!take(t)) return;
      t.check = CheckState::kNone;
      continue;
    }
    switch (t.micro()) {
      case Micro::kTake:
        if (!take(t)) return;
        ++t.micro_index;
        break;
      case Micro::kRelease:
        if (pay_lock_cost(t)) return;
        ++t.micro_index;
        if (!release(t, t.cursor.current()->kind == OpKind::kNative ? DropReason::kNative
                                                                    : DropReason::kBlocking)) {
          return;
        }
        break;
      case Micro::kBlock:
        ++t.micro_index;
        if (!block_in_call(t)) return;
        break;
      case Micro::kSend:
        ++t.micro_index;
        send(t);
        break;
      case Micro::kCheckSite:  // the check after a GIL-holding C call returns: one site
        ++t.micro_index;
        if (!gil.serializes()) break;
        if (gil.check_sites_ahead(t.id) == 1) {
          if (at_check_site(t)) t.check = CheckState::kRelease;
        } else {
          gil.on_sites_passed(*this, t.id, 1);
        }
        break;
      case Micro::kWork:
        if (!t.work_active) begin_work(t);
        if (t.work_left == 0) {
          t.work_active = false;
          ++t.micro_index;
          break;
        }
        if (t.planned_site >= 0 && t.work_done == t.planned_site) {
          t.planned_site = -1;
          if (at_check_site(t)) {
            t.check = CheckState::kRelease;
            break;
          }
        }
        schedule_next_stop(t);
        return;
      case Micro::kOpEnd:
        end_op(t);
        if (t.phase == Phase::kExit) {
          exit_thread(t);
          return;
        }
        break;
    }
  }
}

bool Interpreter::pay_lock_cost(Thread& t) {
  if (t.lock_paid || spec_.machine.lock_cost == 0 || !gil_of(t).serializes()) {
    t.lock_paid = false;
    return false;
  }
  t.lock_paid = true;
  t.overhead_left = spec_.machine.lock_cost;
  schedule_next_stop(t);
  return true;
}

bool Interpreter::at_check_site(Thread& t) {
  in_policy_ = t.id;
  const bool drop = gil_of(t).at_check_site(*this, t.id);
  in_policy_ = kNoThread;
  return drop;
}

bool Interpreter::take(Thread& t) {
  GilPolicy& gil = gil_of(t);
  if (!gil.serializes()) return true;
  if (!t.taking) {
    t.taking = true;
    emit(TraceRecord::gil_request(now(), t.id, t.process));
  }
  in_policy_ = t.id;
  const bool got = gil.take(*this, t.id);
  in_policy_ = kNoThread;
  if (!got) return false;
  t.taking = false;
  t.holds_gil = true;
  emit(TraceRecord::gil_acquire(now(), t.id, t.process));
  int& gil_core = gil_core_[static_cast<std::size_t>(t.process)];
  const int core = os(t).core;
  if (gil_core >= 0 && gil_core != core) t.overhead_left += spec_.machine.gil_migration;
  gil_core = core;
  return true;
}

bool Interpreter::release(Thread& t, DropReason why) {
  GilPolicy& gil = gil_of(t);
  if (!gil.serializes()) return true;
  GILSIM_ASSERT(t.holds_gil, "thread {} releases a GIL it does not hold", t.spec->name);
  t.holds_gil = false;
  emit(TraceRecord::gil_release(now(), t.id, why));
  in_policy_ = t.id;
  unparks_in_policy_ = 0;
  const bool goes_on = gil.drop(*this, t.id, why);
  in_policy_ = kNoThread;
  // Waking a sleeper is a system call made after the GIL is free and before the
  // thread goes on, so another thread may take the GIL meanwhile. A dropper that
  // waits for a hand-off is not charged (at most once per switch interval).
  if (goes_on && why != DropReason::kExit) {
    t.overhead_left += unparks_in_policy_ * spec_.machine.signal_cost;
  }
  return goes_on;
}

void Interpreter::begin_work(Thread& t) {
  const std::uint64_t jitter_key =
      spec_.seed ^ (std::uint64_t{t.id} << 32) ^ static_cast<std::uint64_t>(now());
  t.work = plan_work(*t.cursor.current(), *t.interp, spec_.shared, t.id, t.rng, jitter_key);
  t.work_active = true;
  t.work_left = t.work.length;
  t.work_done = 0;
  t.seg_start = now();
  t.access_next = 0;
  t.planned_site = -1;
  t.instructions_reported = 0;
}

void Interpreter::sync_shared() {
  for (;;) {
    Thread* next = nullptr;
    Tick next_time = 0;
    for (int core = 0; core < machine_.cores(); ++core) {
      const ThreadId running = machine_.running_on(core);
      if (running == kNoThread) continue;
      Thread& t = threads_[running];
      if (!t.work_active || t.access_next >= t.work.access_total) continue;
      const Tick at = access_time(t);
      if (at > now()) continue;
      if (!next || at < next_time || (at == next_time && t.id < next->id)) {
        next = &t;
        next_time = at;
      }
    }
    if (!next) return;
    // Accesses are work without events: they count against the same budget.
    if (engine_.events() + accesses_ >= max_work_) {
      out_of_work_ = true;
      engine_.stop();
      return;
    }
    ++accesses_;
    const std::size_t n = next->work.accesses.size();
    const Access& a = next->work.accesses[static_cast<std::size_t>(next->access_next) % n];
    switch (a.kind) {
      case Access::Kind::kRead:
        shared_->read(next_time, next->id, next->work.access_item);
        break;
      case Access::Kind::kWrite:
        shared_->write(next_time, next->id, next->work.access_item, a.update);
        break;
      case Access::Kind::kAtomic:
        shared_->atomic_update(next_time, next->id, next->work.access_item, a.update);
        break;
    }
    ++next->access_next;
  }
}

Tick Interpreter::access_time(const Thread& t) const {
  // Work accounted up to seg_start reached work_done; lock overhead comes first.
  return t.seg_start + t.overhead_left +
         wall_for(t.work.access_position(t.access_next) - t.work_done, core_speed_);
}

void Interpreter::charge_work(Thread& t) {
  if (os(t).state != OsState::kRunning || now() <= t.seg_start) return;
  Tick dt = now() - t.seg_start;
  t.seg_start = now();
  if (t.overhead_left > 0) {
    const Tick spent = std::min(dt, t.overhead_left);
    t.overhead_left -= spent;
    dt -= spent;
    emit(TraceRecord::work(now(), t.id, WorkKind::kLockOverhead, spent));
  }
  if (!t.work_active) return;
  dt = std::min(work_in(dt, core_speed_), t.work_left);
  if (dt <= 0) return;
  const Tick before = t.work_done;
  t.work_done += dt;
  if (t.work_left != kNever) t.work_left -= dt;
  emit(TraceRecord::work(now(), t.id, t.work.kind, dt));
  if (t.work.kind != WorkKind::kPython) return;
  const std::int64_t done = t.work.instructions_at(t.work_done);
  if (done > t.instructions_reported) {
    emit(TraceRecord::instructions(now(), t.id, done - t.instructions_reported));
    t.instructions_reported = done;
  }
  GilPolicy& gil = gil_of(t);
  if (!gil.serializes() || t.work.sites.period == 0) return;
  std::int64_t sites = t.work.sites.count_upto(t.work_done) - t.work.sites.count_upto(before);
  if (t.work_done == t.planned_site) --sites;  // that one is the policy's to handle: at_check_site
  if (sites > 0) gil.on_sites_passed(*this, t.id, sites);
}

void Interpreter::schedule_next_stop(Thread& t) {
  ++t.step_gen;
  t.planned_site = -1;
  if (t.overhead_left > 0) {
    engine_.at(later(t.overhead_left), ThreadStep{t.id, t.step_gen});
    return;
  }
  Tick until = t.work_left;
  GilPolicy& gil = gil_of(t);
  if (t.work.sites.period > 0 && gil.serializes()) {
    if (const std::int64_t ahead = gil.check_sites_ahead(t.id); ahead > 0) {
      const Tick site = t.work.sites.nth_after(t.work_done, ahead);
      if (site - t.work_done < until) {
        until = site - t.work_done;
        t.planned_site = site;
      }
    }
  }
  if (until >= kNever) return;  // runs until preempted or asked to stop
  engine_.at(later(wall_for(until, core_speed_)), ThreadStep{t.id, t.step_gen});
}

bool Interpreter::block_in_call(Thread& t) {
  const Op& op = *t.cursor.current();
  if (op.kind == OpKind::kRecv) return receive(t, op.pipe);
  t.block_duration = op.duration.sample(t.rng);
  t.blocked_on = op.kind == OpKind::kIo ? BlockReason::kIo : BlockReason::kSleep;
  if (t.block_duration == 0) {  // completes at once: the thread never sleeps
    emit(TraceRecord::io_complete(now(), t.id, t.blocked_on, 0));
    return true;
  }
  machine_.block(t.id, false);
  emit(TraceRecord::blocked(now(), t.id, t.blocked_on));
  // A sleep is a timer and fires late by the slack; I/O completes when the peer answers.
  const Tick due = later(t.block_duration);
  engine_.at(t.blocked_on == BlockReason::kSleep ? machine_.timer_expiry(due) : due,
             TimerFire{t.id, ++t.timer_gen});
  return false;
}

bool Interpreter::receive(Thread& t, int pipe) {
  Pipe& p = pipes_[static_cast<std::size_t>(pipe)];
  t.blocked_on = BlockReason::kIo;
  if (p.messages > 0) {  // already there: recv() returns without sleeping
    --p.messages;
    emit(TraceRecord::io_complete(now(), t.id, t.blocked_on, 0));
    return true;
  }
  p.readers.push_back(t.id);
  t.blocked_at = now();
  machine_.block(t.id, false);
  emit(TraceRecord::blocked(now(), t.id, t.blocked_on));
  return false;
}

void Interpreter::send(Thread& t) {
  Pipe& p = pipes_[static_cast<std::size_t>(t.cursor.current()->pipe)];
  if (p.readers.empty()) {
    ++p.messages;
    return;
  }
  const ThreadId reader = p.readers.front();
  p.readers.pop_front();
  emit(TraceRecord::io_complete(now(), reader, BlockReason::kIo, now() - threads_[reader].blocked_at));
  machine_.wake(reader);
}

bool Interpreter::waits_in_recv() const {
  for (const Pipe& p : pipes_) {
    if (!p.readers.empty()) return true;
  }
  return false;
}

void Interpreter::end_op(Thread& t) {
  t.micro_index = 0;
  if (t.phase == Phase::kBoot) {
    t.phase = t.cursor.current() ? Phase::kProgram : Phase::kExit;
    return;
  }
  ended_iterations_.clear();
  t.cursor.advance(now(), ended_iterations_);
  for (const auto& it : ended_iterations_) {
    emit(TraceRecord::loop_iteration(now(), t.id, it.loop_id, it.duration));
  }
  if (!t.cursor.current()) t.phase = Phase::kExit;
}

void Interpreter::exit_thread(Thread& t) {
  if (t.holds_gil) release(t, DropReason::kExit);
  machine_.finish(t.id);
  if (shared_) shared_->on_thread_exit(now(), t.id);
  emit(TraceRecord::thread_exit(now(), t.id));
  if (t.can_finish) ++finite_done_;
}

// ---------------------------------------------------------------------------
// GilHost

void Interpreter::park(ThreadId id, BlockReason why, Tick deadline) {
  Thread& t = threads_[id];
  GILSIM_ASSERT(id == in_policy_ && os(t).state == OsState::kRunning,
                "a policy parked a thread that is not the one calling it");
  machine_.block(id, gil_of(t).waits_on_condition());
  t.blocked_on = why;
  ++t.timer_gen;
  emit(TraceRecord::blocked(now(), id, why));
  if (deadline != kNever) engine_.at(machine_.timer_expiry(deadline), TimerFire{id, t.timer_gen});
}

void Interpreter::unpark(ThreadId id, bool never_slept) {
  Thread& t = threads_[id];
  GILSIM_ASSERT(os(t).state == OsState::kBlocked && (t.blocked_on == BlockReason::kGilWait ||
                                                     t.blocked_on == BlockReason::kHandoff),
                "unpark of a thread that is not parked by its GIL");
  ++t.timer_gen;  // a pending deadline no longer applies
  ++unparks_in_policy_;
  machine_.wake(id, never_slept);
}

void Interpreter::eval_breaker_changed(ThreadId id) {
  Thread& t = threads_[id];
  if (t.replan_pending || id == in_policy_) return;  // the caller plans itself afterwards
  t.replan_pending = true;
  pending_replans_.push_back(id);
}


// ---------------------------------------------------------------------------
// The machine's side

const OsThread& Interpreter::os(const Thread& t) const { return machine_.thread(t.id); }

void Interpreter::leaving_core(ThreadId id) {
  Thread& t = threads_[id];
  charge_work(t);
  ++t.step_gen;
}

void Interpreter::got_core(ThreadId id, const OsThread& os) {
  Thread& t = threads_[id];
  t.seg_start = os.run_start;
  engine_.at(os.run_start, ThreadStep{id, ++t.step_gen});
}

// A thread whose first step on its core has not run yet (not announced) plans
// its stop in that step: re-planning it here would drop the step.
bool Interpreter::works_toward_a_stop(const Thread& t) const {
  return os(t).state == OsState::kRunning && os(t).announced && t.work_active &&
         t.overhead_left == 0 && t.check == CheckState::kNone && t.micro() == Micro::kWork;
}

void Interpreter::reschedule() {
  machine_.reschedule();
  if (machine_.speed_varies()) follow_core_speed();
  // Running threads whose eval breaker changed re-plan their next instant.
  for (ThreadId id : pending_replans_) {
    Thread& t = threads_[id];
    t.replan_pending = false;
    if (works_toward_a_stop(t)) {
      charge_work(t);
      schedule_next_stop(t);
    }
  }
  pending_replans_.clear();
}

// The number of busy cores changed: running threads account their work at the
// old speed up to now, and those working toward a stop re-plan it at the new.
void Interpreter::follow_core_speed() {
  const std::int32_t speed = machine_.core_speed();
  if (speed == core_speed_) return;
  for (int core = 0; core < machine_.cores(); ++core) {
    if (const ThreadId running = machine_.running_on(core); running != kNoThread) {
      charge_work(threads_[running]);
    }
  }
  core_speed_ = speed;
  for (int core = 0; core < machine_.cores(); ++core) {
    const ThreadId running = machine_.running_on(core);
    if (running != kNoThread && works_toward_a_stop(threads_[running])) {
      schedule_next_stop(threads_[running]);
    }
  }
}

}  // namespace gilsim
