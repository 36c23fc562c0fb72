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


def main():
    with open(os.path.join(HERE, "recorded", "ftrace-handoff-excerpt.txt")) as f:
        events = trace.trace_events(f.read())
    roles = trace.futex_roles(events)
    assert roles["0x7fbe7674e6f8"] == "mutex" and roles["0x7fbe7674e6f4"] == "cond", roles

    sleeps, wakes = trace.futex_figures(events)
    assert list(sleeps) == [("CPU thread", "its timeout")], sleeps
    assert near(sleeps[("CPU thread", "its timeout")][0], 47), sleeps
    assert [round(x) for x in wakes[("signal", "another vCPU")]] == [2], wakes
    assert [round(x) for x in wakes[("unlock", "another vCPU")]] == [19], wakes
    assert len(wakes[("unlock", "nobody")]) == 4, wakes

    switches, io_timeouts, cpu_timeouts, parts, _ = trace.real_figures(events)
    assert len(switches) == 1 and len(io_timeouts) == 1, (switches, io_timeouts)
    assert [round(x) for x in trace.nearest_offsets(io_timeouts, cpu_timeouts)] == [-47], cpu_timeouts
    assert round(parts["requester: timed out to holding the GIL"]) == 50, parts
    assert round(parts["dropper: woken by the take to waiting again"]) == 40, parts
    print("third_waiter_trace reads the recorded hand-off as worked out by hand")


if __name__ == "__main__":
    main()
