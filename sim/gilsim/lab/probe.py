#!/usr/bin/env python3
"""gilsim's machine probe: measures, on this machine and this CPython, the few
quantities a gilsim machine profile is made of, and prints them as JSON.

    gilsim probe > probe.py
    python3 probe.py > probe.json        # about a minute; keep the machine quiet
    gilsim calibrate probe.json -o my-machine.toml

Standard library only, CPython 3.8 or later, Linux (it forks). Each quantity
is the median over repetitions; a repetition during which other processes used
the CPU, or the hypervisor stole time (read from /proc/stat), is measured
again. A busy host can still slow a whole probe without either: run it three
times and give calibrate all three (`gilsim calibrate p1.json p2.json
p3.json`), which fits their medians.
"""

import json
import os
import socket
import statistics
import sys
import threading
import time

perf = time.perf_counter_ns
PROBE_VERSION = 1


def quiet(run, tries=5):
    """run(), again while other processes used more than 10% of a core
    meanwhile, or the hypervisor stole more than 5% of the time."""
    result = None
    for _ in range(tries):
        (busy0, steal0), own0, wall0 = _cpu(), _own(), time.monotonic()
        result = run()
        wall = time.monotonic() - wall0
        busy1, steal1 = _cpu()
        foreign = (busy1 - busy0) - (_own() - own0)
        if foreign <= 0.02 + 0.10 * wall and steal1 - steal0 <= 0.02 + 0.05 * wall:
            return result
    return result


def _cpu():
    """CPU time all processes used (user, nice and system) and time stolen by
    the hypervisor, in seconds. Not interrupts and softirqs: a probe's own
    timers and wake-ups cause them (next to two spinning threads, 15% of a
    core), and they run on whoever was interrupted."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        hz = os.sysconf("SC_CLK_TCK")
        return sum(v[:3]) / hz, v[7] / hz
    except (OSError, IndexError):
        return 0.0, 0.0


def _own():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median_of(fn, reps=5):
    return statistics.median(quiet(fn) for _ in range(reps))


def countdown(n):
    while n > 0:
        n -= 1


def iteration_ns():
    n = 2_000_000
    t0 = perf()
    countdown(n)
    return (perf() - t0) / n


def wake_after_idle(idle_us, n=80):
    """A process blocked in recv() for idle_us is sent a timestamp: how long
    until it runs (the wake-up path plus the idle state its core reached)."""
    # Sender and receiver on different cores: the receiver's core is idle
    # while it waits (otherwise the kernel may queue it behind the sender).
    cores = sorted(os.sched_getaffinity(0))
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        if len(cores) > 1:
            os.sched_setaffinity(0, {cores[1]})
        lat = []
        while True:
            msg = b.recv(20, socket.MSG_WAITALL)  # fixed width: one timestamp a message
            now = perf()
            if len(msg) < 20 or msg.startswith(b"end"):
                break
            lat.append(now - int(msg))
        lat = sorted(lat[2:])
        q = [lat[int(p * (len(lat) - 1))] for p in (0.1, 0.5, 0.9)]
        b.sendall(("%d %d %d" % tuple(q)).encode())
        os._exit(0)
    b.close()
    if len(cores) > 1:
        os.sched_setaffinity(0, {cores[0]})
    for _ in range(n):
        t = perf() + idle_us * 1000
        while perf() < t:
            pass
        a.send(b"%020d" % perf())
    time.sleep(0.01)
    a.send(b"end".ljust(20))
    result = [int(x) / 1e3 for x in a.recv(64).split()]
    a.close()
    os.waitpid(pid, 0)
    os.sched_setaffinity(0, cores)
    return result  # p10, p50, p90 in us


def third_waiter(interval, naps=30):
    """A thread sleeping 2 ms in a loop next to two CPU-bound threads: the median
    time it waits for the GIL after each sleep, in switch intervals."""
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            for _ in range(200):
                pass

    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    ts = [threading.Thread(target=spin) for _ in range(2)]
    for t in ts:
        t.start()
    waits = []
    try:
        time.sleep(0.02)
        for _ in range(naps):
            t0 = perf()
            time.sleep(0.002)
            waits.append((perf() - t0 - 2_000_000) / (interval * 1e9))
    finally:
        stop.set()
        for t in ts:
            t.join()
        sys.setswitchinterval(old)
    return statistics.median(waits)


def round_trips(n, here, there):
    """n round trips of a byte between this process, pinned to core `here`,
    and an echo process pinned to core `there`, back to back, in ns."""
    cores = sorted(os.sched_getaffinity(0))
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        os.sched_setaffinity(0, {there})
        while True:
            msg = b.recv(1)
            if not msg:
                os._exit(0)
            b.send(msg)
    b.close()
    os.sched_setaffinity(0, {here})
    rtts = []
    for _ in range(n):
        t0 = perf()
        a.send(b"x")
        a.recv(1)
        rtts.append(perf() - t0)
    a.close()
    os.waitpid(pid, 0)
    os.sched_setaffinity(0, cores)
    return rtts


def pingpong_half(n=2000):
    """Half the round trip between two processes on one core, back to back:
    the wake-up path of a thread blocked in recv(), with no idle core to wake
    (pingpong_cross pins the two to two cores)."""
    core = min(os.sched_getaffinity(0))
    return statistics.median(round_trips(n, core, core)) / 2e3


def pingpong_cross(n=2000):
    """Half the round trip between two processes pinned to two cores, back to
    back: the wake-up path plus the exit of the idle state a core reaches in
    the few microseconds it waits for the other (a polling core costs
    nothing; a vCPU that halts at once pays a VM exit and a host wake-up).
    Its p10, p50 and p90 in us; None on one core."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None
    rtts = sorted(round_trips(n, cores[0], cores[1])[20:])
    return [rtts[int(p * (len(rtts) - 1))] / 2e3 for p in (0.1, 0.5, 0.9)]


def process_start(n=2_000_000):
    """Two multiprocessing (fork) workers, each countdown(n), against one
    countdown(n) in this process: what starting and joining them costs, in ms
    (forking, copy-on-write faults as the child runs, exit and join)."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    t0 = perf()
    countdown(n)
    serial = perf() - t0
    t0 = perf()
    procs = [ctx.Process(target=countdown, args=(n,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return (perf() - t0 - serial) / 1e6


def parallel_speed(n=3_000_000):
    """How fast a core runs while another is busy too: countdown(n) timed in a
    process pinned to each of two cores alone, then in two at once; the mean
    over the two cores of the time alone over the time together (a busy host
    may give one vCPU less than the other). None on one core."""
    cores = sorted(os.sched_getaffinity(0))[:2]
    if len(cores) < 2:
        return None
    alone = {}
    for core in cores:
        alone.update(_timed_countdowns(n, [core]))
    together = _timed_countdowns(n, cores)
    return statistics.mean(alone[c] / together[c] for c in cores)


def _timed_countdowns(n, cores):
    """countdown(n) in one forked process per core, started together: {core: ns}."""
    go_r, go_w = os.pipe()
    out_r, out_w = os.pipe()
    pids = []
    for core in cores:
        pid = os.fork()
        if pid == 0:
            os.sched_setaffinity(0, {core})
            os.read(go_r, 1)
            t0 = perf()
            countdown(n)
            os.write(out_w, b"%04d %020d" % (core, perf() - t0))
            os._exit(0)
        pids.append(pid)
    time.sleep(0.005)  # every child pinned and waiting
    os.write(go_w, b"x" * len(cores))
    times = dict(map(int, os.read(out_r, 25).split()) for _ in cores)
    for pid in pids:
        os.waitpid(pid, 0)
    for fd in (go_r, go_w, out_r, out_w):
        os.close(fd)
    return times


def oversleep(n=60):
    over = []
    for _ in range(n):
        t0 = perf()
        time.sleep(0.002)
        over.append(perf() - t0 - 2_000_000)
    return statistics.median(over) / 1e3


_data = list(range(400_000, 0, -1))
_sort_ns = []


def _hold_gil(us):
    """Holds the GIL in C code (sorted() of ints has no check sites) for ~us."""
    if not _sort_ns:
        t0 = perf()
        sorted(_data[:200_000])
        _sort_ns.append((perf() - t0) / 200_000)
    sorted(_data[: max(1, int(us * 1000 / _sort_ns[0]))])


def gil_gap(held_us, n=25):
    """Thread B waits for the GIL while A holds it held_us, then A sleeps:
    how long from A's release until B runs Python."""
    released, gaps = [0], []
    stop = threading.Event()

    def waiter():
        last = perf()
        while not stop.is_set():
            now = perf()
            if now - last > 3000 and released[0] and now > released[0]:
                gaps.append(now - released[0])
                released[0] = 0
            last = now

    t = threading.Thread(target=waiter)
    t.start()
    time.sleep(0.01)
    for _ in range(n):
        _hold_gil(held_us)
        released[0] = perf()
        time.sleep(0.002)
    stop.set()
    t.join()
    return statistics.median(gaps) / 1e3 if gaps else float("nan")


def slice_lengths(interval, seconds=0.5):
    """Two CPU-bound threads: how long each holds the GIL before handing it
    over, in ns, one value per complete slice. Each thread notes the stretches
    in which it makes progress (a pause longer than 20 us ends one); merged in
    time order, consecutive stretches of the same thread form one slice, so a
    pause nobody else filled (an interrupt, the host) does not end a slice."""
    runs = []  # (start, end, thread): list.append is atomic under the GIL
    start_at = perf() + 10_000_000
    stop_at = start_at + int(seconds * 1e9)

    def spinner(me):
        while perf() < start_at:
            pass
        last = begin = perf()
        while last < stop_at:
            for _ in range(20):
                pass
            now = perf()
            if now - last > 20_000:
                runs.append((begin, last, me))
                begin = now
            last = now
        runs.append((begin, last, me))

    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    try:
        ts = [threading.Thread(target=spinner, args=(i,)) for i in range(2)]
        for x in ts:
            x.start()
        for x in ts:
            x.join()
    finally:
        sys.setswitchinterval(old)
    runs.sort()
    merged = []
    for begin, end, me in runs:
        if merged and merged[-1][2] == me:
            merged[-1][1] = end
        else:
            merged.append([begin, end, me])
    return [e - b for b, e, _ in merged[1:-1]]  # the first and last are partial


def slice_us(interval):
    lengths = slice_lengths(interval)
    return statistics.median(lengths) / 1e3 if lengths else float("nan")


def main():
    m = {"iteration_ns": median_of(iteration_ns), "pingpong_half_us": median_of(pingpong_half, 3)}
    cross = [quiet(pingpong_cross) for _ in range(3)]
    if cross[0] is not None:
        for i, q in enumerate(("_p10", "", "_p90")):
            m["pingpong_cross_half_us" + q] = statistics.median(r[i] for r in cross)
    for idle in (50, 200, 1000, 5000):
        runs = [quiet(lambda: wake_after_idle(idle)) for _ in range(3)]
        for i, q in enumerate(("p10", "", "p90")):
            key = "wake_after_idle_%dus%s" % (idle, "_" + q if q else "")
            m[key] = statistics.median(r[i] for r in runs)
    m["third_waiter_5ms_intervals"] = median_of(lambda: third_waiter(0.005, 40), 5)
    m["sleep_oversleep_us"] = median_of(oversleep, 3)
    # A start-up cost below the noise of the two countdowns can come out
    # negative: it reads as none.
    m["process_start_ms"] = max(0.0, median_of(process_start, 5))
    speeds = [quiet(parallel_speed) for _ in range(5)]
    if speeds[0] is not None:
        m["parallel_speed_percent"] = 100 * statistics.median(speeds)
    for held in (10, 50, 500):
        m["gil_gap_after_%dus" % held] = median_of(lambda: gil_gap(held), 3)
    for label, iv in (("5ms", 0.005), ("1ms", 0.001), ("100us", 0.0001)):
        m["slice_" + label + "_us"] = median_of(lambda: slice_us(iv), 3)
    out = {
        "probe": PROBE_VERSION,
        "python": sys.version.split()[0],
        "cores": os.cpu_count(),
        "kernel": os.uname().release,
        "measurements": m,
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
