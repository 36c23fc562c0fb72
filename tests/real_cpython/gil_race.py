#!/usr/bin/env python3
"""Who takes the GIL while an I/O thread talks to an echo process, next to one
CPU-bound thread: the race behind the suite's rtt_1cpu_* measurements.

Each round trip releases the GIL twice: around send(), and in recv() until the
reply is there. If the CPU thread, woken by the first release, takes the GIL
before the I/O thread is back, the I/O thread waits a switch interval for it;
if not, the round trip costs microseconds. The CPU thread stamps the clock in
a tight loop (a gap of more than GAP_NS is a time it did not hold the GIL, and
the gap's end is when it took it back); the I/O thread stamps the start and
end of each send() and the end of each recv(). Per round trip this prints
whether the CPU thread took the GIL inside send(), inside recv(), or not at
all, and how long after the send began; and whether it took it again in the
round trip after one it took it in (its wait for the hand-off just over)
more often than after one it did not (asleep in the GIL's wait).

Standard library only; Linux (fork).
    python3 tests/real_cpython/gil_race.py [--interval 0.005] [--seconds 2]
"""
import argparse
import bisect
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiments import percentile  # noqa: E402

pn = time.perf_counter_ns
GAP_NS = 3000


def measure(interval, seconds):
    """Round trips as (send begins, send returns, recv returns) and the CPU
    thread's gaps as (last stamp, next stamp), in ns."""
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        while b.recv(1):
            b.send(b"x")
        os._exit(0)
    b.close()
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    stop, gaps = threading.Event(), []

    def cpu():
        last = pn()
        while not stop.is_set():
            now = pn()
            if now - last > GAP_NS:
                gaps.append((last, now))
            last = now

    thread = threading.Thread(target=cpu)
    thread.start()
    time.sleep(0.05)
    trips, end = [], pn() + int(seconds * 1e9)
    while pn() < end:
        t0 = pn()
        a.send(b"x")
        t1 = pn()
        a.recv(1)
        trips.append((t0, t1, pn()))
    stop.set()
    thread.join()
    sys.setswitchinterval(old)
    a.close()
    os.waitpid(pid, 0)
    return trips, gaps


def figures(trips, gaps):
    """{'in send', 'in recv', 'kept'}: how many round trips the CPU thread took
    the GIL in their send(), in their recv() or not at all; 'taken after':
    when it took it, in us after the send began; 'send kept': how long send()
    took when the I/O thread kept the GIL; 'rtt': every round trip, in us;
    'again' and 'anew': [taken, of] the round trips after one it took the GIL
    in, and after one it did not."""
    ends = [g[1] for g in gaps]
    out = {"in send": 0, "in recv": 0, "kept": 0, "taken after": [], "send kept": [], "rtt": [],
           "again": [0, 0], "anew": [0, 0]}
    before = None  # whether it took the GIL in the round trip before
    for t0, t1, t2 in trips:
        out["rtt"].append((t2 - t0) / 1e3)
        i = bisect.bisect_left(ends, t0)
        taken = ends[i] if i < len(ends) and ends[i] < t2 else None
        if before is not None:
            count = out["again" if before else "anew"]
            count[0] += taken is not None
            count[1] += 1
        before = taken is not None
        if taken is None:
            out["kept"] += 1
            out["send kept"].append((t1 - t0) / 1e3)
            continue
        out["in send" if taken < t1 else "in recv"] += 1
        out["taken after"].append((taken - t0) / 1e3)
    return out


def report(f, interval):
    n = len(f["rtt"])
    q = lambda key, p: percentile(f[key], p)
    return "\n".join([
        "interval %g ms: %d round trips, p50 %.1f us, p90 %.1f us" % (
            interval * 1e3, n, q("rtt", 0.5), q("rtt", 0.9)),
        "  the CPU thread took the GIL inside send(): %d, inside recv(): %d, not: %d" % (
            f["in send"], f["in recv"], f["kept"]),
        "  it took it after the send began: p10 %.1f, p50 %.1f, p90 %.1f us" % (
            q("taken after", 0.1), q("taken after", 0.5), q("taken after", 0.9)),
        "  send() when the I/O thread kept the GIL: p50 %.1f, p90 %.1f us" % (
            q("send kept", 0.5), q("send kept", 0.9)),
        "  after a round trip it took the GIL in, it took it again in %d of %d; "
        "after one it did not, in %d of %d" % (*f["again"], *f["anew"]),
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--interval", type=float, default=0.005)
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    print(report(figures(*measure(args.interval, args.seconds)), args.interval))


if __name__ == "__main__":
    main()
