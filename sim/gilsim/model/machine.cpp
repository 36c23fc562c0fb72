#include "gilsim/model/machine.hpp"

#include <algorithm>

#include "gilsim/core/assert.hpp"

namespace gilsim {

Machine::Machine(const ModelSpec& spec, Engine<Event>& engine, TraceSink& sink, Client& client)
    : config_(spec.machine),
      engine_(engine),
      sink_(sink),
      client_(client),
      timing_(spec.machine, Rng::stream(spec.seed, 0)),
      sched_(spec.machine, spec.threads.size(), Rng::stream(spec.seed, std::uint64_t{1} << 40)),
      cores_(static_cast<std::size_t>(spec.machine.cores)),
      threads_(spec.threads.size()) {}

Tick Machine::later(Tick delay) const {
  return delay >= kNever - now() ? kNever : now() + delay;
}

void Machine::wake(ThreadId t, bool never_slept) {
  OsThread& os = threads_[t];
  os.state = OsState::kRunnable;
  os.woken = true;
  emit(TraceRecord::runnable(now(), t));
  pending_wakes_.push_back(t);
  os.never_slept = never_slept;
  os.wake_core = idle_core_for(t);
  if (os.wake_core >= 0) cores_[static_cast<std::size_t>(os.wake_core)].claimed = true;
}

// The core try_to_wake_up picks for a woken thread, now: the core it left if
// that one is idle, else the first idle one (select_idle_sibling's scan); -1
// if none is. A core is idle while nothing runs there and no earlier wake-up
// has picked it (a thread queued on it makes it busy: idle_cpu()).
int Machine::idle_core_for(ThreadId t) const {
  const auto idle = [&](int core) {
    if (core < 0) return false;  // it has not run yet
    const Core& c = cores_[static_cast<std::size_t>(core)];
    return c.current == kNoThread && !c.claimed && sched_.may_run_on(t, core);
  };
  if (idle(threads_[t].last_core)) return threads_[t].last_core;
  for (int core = 0; core < static_cast<int>(cores_.size()); ++core) {
    if (idle(core)) return core;
  }
  return -1;
}

void Machine::block(ThreadId t, bool in_cond_wait) {
  leave_core(t);
  threads_[t].state = OsState::kBlocked;
  threads_[t].in_cond_wait = in_cond_wait;
}

void Machine::finish(ThreadId t) {
  leave_core(t);
  threads_[t].state = OsState::kDone;
}

void Machine::announce(ThreadId t) {
  OsThread& os = threads_[t];
  if (os.announced) return;
  os.announced = true;
  ++executing_;
  emit(TraceRecord::running(now(), t, os.core));
}

void Machine::leave_core(ThreadId t) {
  OsThread& os = threads_[t];
  client_.leaving_core(t);
  if (os.announced) --executing_;
  os.announced = false;
  sched_.charge(t, now() - os.dispatched_at);
  emit(TraceRecord::off_core(now(), t, os.core));
  Core& c = cores_[static_cast<std::size_t>(os.core)];
  c.current = kNoThread;
  c.idle_since = now();
  ++c.slice_gen;
  c.slice_armed = false;
  os.last_core = os.core;
  os.core = -1;
}

void Machine::preempt(ThreadId t) {
  leave_core(t);
  threads_[t].state = OsState::kRunnable;
  sched_.enqueue(t, false, 0, now());
  emit(TraceRecord::runnable(now(), t));
}

void Machine::dispatch(int core, ThreadId t) {
  Core& c = cores_[static_cast<std::size_t>(core)];
  OsThread& os = threads_[t];
  sched_.remove(t);
  if (c.last != kNoThread && c.last != t) emit(TraceRecord::context_switch(now(), t, core));
  Tick delay = 0;
  if (os.woken) {
    // Woken while still entering its wait, back on the core it left with nobody
    // else run there: it never slept, but still returns through the mutex.
    const bool never_slept = os.never_slept && c.last == t;
    if (never_slept) {
      delay = timing_.relock_delay();
    } else {
      const OsTiming::Wakeup w = timing_.wakeup_delay(now() - c.idle_since, os.in_cond_wait);
      delay = w.delay;
      // Only while the core leaves its idle state does it look idle; on the
      // wake-up path it already runs the kernel's code for the thread.
      if (config_.waking_core_idle && w.halted > 0) c.waking_until = now() + w.halted;
    }
  } else if (c.last != t) {
    delay = config_.context_switch;
  }
  delay = std::max(delay, c.waking_until - now());  // a core still waking runs nothing before
  c.current = t;
  c.last = t;
  os.state = OsState::kRunning;
  os.core = core;
  os.woken = false;  // (in_cond_wait and never_slept describe that wake-up until the next one)
  os.dispatched_at = now();
  os.run_start = now() + delay;
  emit(TraceRecord::dispatch(now(), t, core));
  client_.got_core(t, os);

  // The slice is timed only while another thread waits for a core (reschedule()
  // arms it then): a thread with a core to itself needs no timer.
  ++c.slice_gen;
  c.slice_armed = false;
  const Tick slice = sched_.slice(active_threads());
  c.slice_end = slice == kNever ? kNever : later(slice);
}

void Machine::on_slice_end(const SliceEnd& e) {
  Core& c = cores_[static_cast<std::size_t>(e.core)];
  if (c.timer_at == now() && c.timer_gen == e.gen) {
    c.timer_at = kNever;  // the core's timer fired: set it for the slice that waited for it
    if (c.slice_armed && c.slice_gen != e.gen) set_timer(e.core, c.deferred_seq);
  }
  if (c.slice_gen != e.gen) return;  // stale: the core changed thread or slice since
  const ThreadId t = c.current;
  if (sched_.slice_end_preempts(t, now() - threads_[t].dispatched_at, e.core)) {
    preempt(t);
    return;  // reschedule() gives the core to the best queued thread
  }
  // Nobody better is waiting: a new slice starts (reschedule() arms it if needed).
  c.slice_armed = false;
  ++c.slice_gen;
  c.slice_end = later(sched_.slice(active_threads()));
}

int Machine::active_threads() const {
  int active = static_cast<int>(sched_.queue_size());
  for (const Core& c : cores_) active += c.current != kNoThread;
  return active;
}

void Machine::arm_slice(int core) {
  Core& c = cores_[static_cast<std::size_t>(core)];
  if (c.current == kNoThread || c.slice_armed || c.slice_end >= kNever) return;
  c.slice_armed = true;
  // The slice's place among events at its end is taken now, whenever its
  // SliceEnd enters the queue: deferring it changes no order.
  const std::uint64_t seq = engine_.reserve();
  if (c.timer_at <= std::max(now(), c.slice_end)) {
    c.deferred_seq = seq;  // the pending timer fires first and sets the next
  } else {
    set_timer(core, seq);
  }
}

void Machine::set_timer(int core, std::uint64_t seq) {
  Core& c = cores_[static_cast<std::size_t>(core)];
  c.timer_at = std::max(now(), c.slice_end);
  c.timer_gen = c.slice_gen;
  engine_.at_reserved(c.timer_at, seq, SliceEnd{core, c.slice_gen});
}

Tick Machine::min_vruntime() const {
  Tick m = kNever;
  for (const Core& c : cores_) {
    if (c.current == kNoThread) continue;
    m = std::min(m, sched_.current_vruntime(c.current, now() - threads_[c.current].dispatched_at));
  }
  m = std::min(m, sched_.queued_min_vruntime());
  return m == kNever ? 0 : m;
}

// Woken threads take the idle cores picked for them as they were woken.
void Machine::place_woken(const std::vector<ThreadId>& woken) {
  for (ThreadId id : woken) {
    const int core = threads_[id].wake_core;
    if (core < 0) continue;
    Core& c = cores_[static_cast<std::size_t>(core)];
    c.claimed = false;
    threads_[id].wake_core = -1;
    if (c.current == kNoThread && sched_.queued(id)) dispatch(core, id);
  }
}

// Free cores take the best queued thread, lowest core first; a thread goes
// back to the core it last ran on if that one is free too (wake affinity).
void Machine::fill_free_cores() {
  for (int core = 0; core < static_cast<int>(cores_.size()); ++core) {
    if (cores_[static_cast<std::size_t>(core)].current != kNoThread) continue;
    const ThreadId next = sched_.best_for(core);
    if (next == OsScheduler::kNone) continue;
    const int prev = threads_[next].last_core;
    if (prev > core && cores_[static_cast<std::size_t>(prev)].current == kNoThread &&
        sched_.may_run_on(next, prev)) {
      dispatch(prev, next);
      --core;  // this core is still free: look again
      continue;
    }
    dispatch(core, next);
  }
}

// A thread woken while a core is still leaving its idle state is placed on
// that core, which looks idle to the kernel until it executes
// (select_idle_sibling, available_idle_cpu in kernel/sched/fair.c). Once the
// core is up it runs one of the two first, by a fair draw; the other waits its
// turn there. Returns false when no core is waking for `woken`.
bool Machine::join_waking_core(ThreadId woken) {
  for (int core = 0; core < static_cast<int>(cores_.size()); ++core) {
    const Core& c = cores_[static_cast<std::size_t>(core)];
    if (c.waking_until <= now() || c.current == kNoThread || !sched_.may_run_on(woken, core)) continue;
    if (timing_.later_wakee_first()) {
      const ThreadId first = c.current;
      preempt(first);
      threads_[first].woken = true;  // it never executed: it still returns from its wake-up
      dispatch(core, woken);
    }
    return true;
  }
  return false;
}

// A woken thread still queued may preempt the running thread with the most vruntime.
void Machine::wakeup_preemption(const std::vector<ThreadId>& woken) {
  for (ThreadId id : woken) {
    if (!sched_.queued(id)) continue;
    if (config_.waking_core_idle && join_waking_core(id)) continue;
    int victim_core = -1;
    Tick victim_vr = 0;
    for (int core = 0; core < static_cast<int>(cores_.size()); ++core) {
      const ThreadId cur = cores_[static_cast<std::size_t>(core)].current;
      if (cur == kNoThread || !sched_.may_run_on(id, core)) continue;
      const Tick vr = sched_.current_vruntime(cur, now() - threads_[cur].dispatched_at);
      if (victim_core < 0 || vr > victim_vr) victim_core = core, victim_vr = vr;
    }
    if (victim_core < 0) continue;
    const ThreadId victim = cores_[static_cast<std::size_t>(victim_core)].current;
    if (!sched_.wakeup_preempts(id, victim, now() - threads_[victim].dispatched_at)) continue;
    preempt(victim);
    dispatch(victim_core, id);
  }
}

void Machine::reschedule() {
  // Woken threads join the run queue in the order they were woken. (Swapping
  // with a scratch buffer keeps both vectors' capacity: no allocation per event.)
  std::vector<ThreadId>& woken = woken_now_;
  woken.clear();
  woken.swap(pending_wakes_);
  if (!woken.empty()) {
    const Tick floor = min_vruntime();
    for (ThreadId id : woken) sched_.enqueue(id, true, floor, now());
  }
  place_woken(woken);
  fill_free_cores();
  wakeup_preemption(woken);
  // While threads wait for a core, the running ones' slices are timed.
  if (sched_.queue_size() > 0) {
    for (int core = 0; core < static_cast<int>(cores_.size()); ++core) arm_slice(core);
  }
}

}  // namespace gilsim
