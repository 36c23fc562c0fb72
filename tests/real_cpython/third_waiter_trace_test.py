#!/usr/bin/env python3
"""third_waiter_trace.py's reading of ftrace, on a recorded excerpt: one forced
hand-off between two CPU threads while the I/O thread waits
(recorded/ftrace-handoff-excerpt.txt). The figures below were worked out by
hand from the excerpt's lines (times in us after 28970.44 s):

- cpu0 times out at 5916, sleeps on the GIL's mutex at 5918 (the holder,
  cpu1, is signalling with it held), is woken by cpu1's unlock and returns at
  5965: a 47 us sleep after its timeout;
- cpu1's signal (futex_wake on the condition, 5918-5920) wakes a thread on
  the other vCPU without a sched_wakeup on its own: 2 us; its unlock
  (5921-5940) wakes cpu0 on the other vCPU: 19 us; four unlocks wake nobody;
- cpu0 holds the GIL when it wakes the dropper on switch_cond at 5966, 50 us
  after its timeout; cpu1, the dropper, waits again at 6006: 40 us later;
- the I/O thread's timeout (5963) falls 47 us after cpu0's.

And on a second excerpt (recorded/ftrace-runqueue-excerpt.txt; times in us
after 36520.674900 s), its reading of the run queues:

- the kernel traces no switch from the idle task to cpu1 after its wake-ups
  at 18, 76 and 223, nor to the I/O thread on vCPU 1 before 1163: each
  thread's own first event there (28, 89, 236, 1163) shows it runs, as
  cpu0's does at 3, the excerpt's first line;
- cpu1 waits 10 us for its vCPU (woken at 18, vCPU 0 idle), then 13 and 13
  (woken at 76 and 223, vCPU 0 running); cpu0 waits 91 us (woken at 102 by
  the I/O thread onto its own vCPU; it runs when the I/O thread sleeps at
  193) and 2 us (woken at 212), vCPU 1 idle both times;
- the I/O thread waits 7 us (woken at 46) and 3 us (woken at 197 by cpu0
  onto cpu0's vCPU, which sleeps at 200); at 214 cpu0, woken onto its vCPU
  at 212, preempts it, and it runs again at 1163, on vCPU 1, idle all along:
  949 us;
- of the I/O thread's two wake-ups, one (197) lands on a busy vCPU while
  the other idles;
- of the three wake-ups onto a vCPU running another of the three threads,
  cpu0 onto the I/O thread's preempted it once (214) and found it blocking
  once (193), and the I/O thread onto cpu0's found it blocking (200).

Standard library only: python3 tests/real_cpython/third_waiter_trace_test.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # a test leaves the source tree as it found it
sys.path.insert(0, HERE)
import third_waiter_trace as trace  # noqa: E402


def near(a, b):
    return abs(a - b) < 0.01


def read_excerpt(name):
    with open(os.path.join(HERE, "recorded", name)) as f:
        return trace.trace_events(f.read())


def check_handoff():
    events = read_excerpt("ftrace-handoff-excerpt.txt")
    roles = trace.futex_roles(events)
    assert roles["0x7fbe7674e6f8"] == "mutex" and roles["0x7fbe7674e6f4"] == "cond", roles

    sleeps, wakes = trace.futex_figures(events)
    assert list(sleeps) == [("CPU thread", "its timeout")], sleeps
    assert near(sleeps[("CPU thread", "its timeout")][0], 47), sleeps
    assert [round(x) for x in wakes[("signal", "another vCPU")]] == [2], wakes
    assert [round(x) for x in wakes[("unlock", "another vCPU")]] == [19], wakes
    assert len(wakes[("unlock", "nobody")]) == 4, wakes

    switches, io_timeouts, cpu_timeouts, parts = trace.real_figures(events)
    assert len(switches) == 1 and len(io_timeouts) == 1, (switches, io_timeouts)
    assert [round(x) for x in trace.nearest_offsets(io_timeouts, cpu_timeouts)] == [-47], cpu_timeouts
    assert round(parts["requester: timed out to holding the GIL"]) == 50, parts
    assert round(parts["dropper: woken by the take to waiting again"]) == 40, parts


def check_run_queues():
    events = read_excerpt("ftrace-runqueue-excerpt.txt")
    start = 36520.674900e6
    inferred = [(round(t - start), d[0], d[1]) for t, _, kind, d in events if kind == "switch" and d[3] is None]
    assert inferred == [(3, 0, "cpu0"), (28, 1, "cpu1"), (89, 1, "cpu1"), (236, 1, "cpu1"), (1163, 1, "io")], inferred

    waits, outcomes, onto_busy = trace.run_queue_figures(events)
    rounded = {k: [round(x) for x in v] for k, v in waits.items()}
    assert rounded == {("CPU thread", "woken", True): [10, 91, 2], ("CPU thread", "woken", False): [13, 13],
                       ("I/O thread", "woken", True): [7, 3],
                       ("I/O thread", "preempted", True): [949]}, rounded
    assert outcomes == {("CPU thread", "I/O thread", "preempted it"): 1,
                        ("CPU thread", "I/O thread", "it blocked first"): 1,
                        ("I/O thread", "CPU thread", "it blocked first"): 1}, outcomes
    assert onto_busy == (1, 2), onto_busy


def main():
    check_handoff()
    check_run_queues()
    print("third_waiter_trace reads the recorded hand-off and run queues as worked out by hand")


if __name__ == "__main__":
    main()
