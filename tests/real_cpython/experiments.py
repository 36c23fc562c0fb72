#!/usr/bin/env python3
"""Real-CPython experiments: the ground truth gilsim's model answers to.

Standard library only; runs on CPython 3.8+ on Linux. Each experiment is a
function that runs the workload once and returns one or more measurements.
Every experiment is repeated (at least --reps times); a repetition during which
other processes used the CPU, or the hypervisor stole time, is discarded and
run again. The output is JSON: for each measurement its median, min, max, the
values kept and how many repetitions were discarded.

    python3 tests/real_cpython/experiments.py > real.json
    python3 tests/real_cpython/experiments.py --only rtt_1cpu_5ms --reps 3

Each measurement has a twin scenario in tests/real_cpython/twins/ (see
validate.py), which runs the same workload in gilsim.
"""

import argparse
import hashlib
import json
import os
import socket
import statistics
import sys
import threading
import time

perf_ns = time.perf_counter_ns

# The probe that `gilsim probe` prints measures some of the same things: use it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim",
                                "gilsim", "lab"))
import probe  # noqa: E402


# ---------------------------------------------------------------------------
# Disturbance: CPU time used by other processes, and time stolen by the host.

def _cpu_jiffies():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields[:8]
    # Not irq and softirq: an experiment's own timers and wake-ups cause them
    # (next to two spinning threads, 15% of a core), whoever they interrupt.
    return user + nice + system, steal


def _own_seconds():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measured(run):
    """Runs `run()`; returns (its result, disturbed?)."""
    hz = os.sysconf("SC_CLK_TCK")
    busy0, steal0 = _cpu_jiffies()
    own0 = _own_seconds()
    wall0 = time.monotonic()
    result = run()
    wall = time.monotonic() - wall0
    busy1, steal1 = _cpu_jiffies()
    foreign = (busy1 - busy0) / hz - (_own_seconds() - own0)
    stolen = (steal1 - steal0) / hz
    # Jiffies are 10 ms: allow two of them plus 10% of one core.
    disturbed = foreign > 0.02 + 0.10 * wall or stolen > 0.02 + 0.05 * wall
    return result, disturbed


# ---------------------------------------------------------------------------
# Workloads

def countdown(n):
    while n > 0:
        n -= 1


def spin_until(stop):
    """A CPU-bound thread: loops (a check site per iteration) until stop is set."""
    while not stop.is_set():
        for _ in range(200):
            pass


class CpuThreads:
    """`n` CPU-bound threads running for the duration of a `with` block."""

    def __init__(self, n):
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=spin_until, args=(self.stop,)) for _ in range(n)]

    def __enter__(self):
        for t in self.threads:
            t.start()
        time.sleep(0.02)  # let them start fighting
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def in_threads(target, arg_lists):
    """Runs target(*args) for each args in `arg_lists`, each in its own thread,
    all at once; returns the wall time in ns until the last one finished."""
    threads = [threading.Thread(target=target, args=args) for args in arg_lists]
    t0 = perf_ns()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return perf_ns() - t0


def timed(fn, *args):
    """fn(*args) in this thread; the wall time in ns."""
    t0 = perf_ns()
    fn(*args)
    return perf_ns() - t0


def percentile(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[k]


def with_interval(seconds, fn):
    old = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        return fn()
    finally:
        sys.setswitchinterval(old)


# ---------------------------------------------------------------------------
# Experiments. Each returns {measurement name: value}.

COUNT = 12_000_000  # about 0.4-0.6 s of countdown on a current core


def exp_iteration():
    return {"iteration_ns": timed(countdown, COUNT // 4) / (COUNT // 4)}


def exp_threads():
    serial = timed(countdown, COUNT)
    return {"threads_vs_serial": in_threads(countdown, [(COUNT // 2,)] * 2) / serial}


def exp_processes():
    import multiprocessing
    serial = timed(countdown, COUNT)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=countdown, args=(COUNT // 2,)) for _ in range(2)]
    t0 = perf_ns()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return {"processes_vs_serial": (perf_ns() - t0) / serial}


def exp_slices(interval, label):
    def fn():
        seconds = 1.0
        slices = probe.slice_lengths(interval, seconds)
        return {
            "slice_" + label: statistics.median(slices) / 1e3 if slices else float("nan"),
            "handoffs_" + label: len(slices) / seconds,
        }
    return fn


def _echo_child(sock):
    while True:
        b = sock.recv(1)
        if not b:
            os._exit(0)
        sock.send(b)


def _round_trips(cpu_threads, interval, seconds):
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        _echo_child(b)
    b.close()
    rtts = []

    def run():
        with CpuThreads(cpu_threads):
            end = perf_ns() + int(seconds * 1e9)
            while True:
                t0 = perf_ns()
                a.send(b"x")
                a.recv(1)
                t1 = perf_ns()
                rtts.append(t1 - t0)
                if t1 > end:
                    break

    try:
        with_interval(interval, run)
    finally:
        a.close()
        os.waitpid(pid, 0)
    return rtts


def exp_rtt(cpu_threads, interval, label):
    def fn():
        seconds = max(0.6, 40 * interval)
        rtts = _round_trips(cpu_threads, interval, seconds)[1:]
        return {
            "rtt_%s_p50" % label: statistics.median(rtts) / 1e3,
            "rtt_%s_p90" % label: percentile(rtts, 0.9) / 1e3,
        }
    return fn


def exp_rtt_alone():
    rtts = _round_trips(0, 0.005, 0.3)[1:]
    return {"rtt_alone_p50": statistics.median(rtts) / 1e3}


def _oversleep(cpu_threads, interval, n=150):
    over = []

    def run():
        with CpuThreads(cpu_threads):
            for _ in range(n):
                t0 = perf_ns()
                time.sleep(0.002)
                over.append(perf_ns() - t0 - 2_000_000)

    with_interval(interval, run)
    return statistics.median(over) / 1e3


def exp_sleep(cpu_threads, interval, label):
    n = 150 if cpu_threads == 0 else 40
    return lambda: {"sleep_" + label: _oversleep(cpu_threads, interval, n)}


def exp_hashlib():
    data = os.urandom(1 << 22)  # 4 MiB: hashlib releases the GIL above 2 KiB

    def work(k):
        for _ in range(k):
            hashlib.sha256(data).digest()

    k = 24
    serial = timed(work, k)
    return {"hashlib_threads_vs_serial": in_threads(work, [(k // 2,)] * 2) / serial}


counter = 0


def one():
    return 1


def _count_plain(n):
    global counter
    for _ in range(n):
        counter += 1


def _count_call(n):
    global counter
    for _ in range(n):
        counter += one()


def exp_counter(target, label):
    def fn():
        global counter
        counter = 0
        n = 1_000_000
        in_threads(target, [(n,)] * 2)
        return {"counter_" + label + "_kept": counter / (2 * n)}
    return fn


def exp_alternating():
    """A thread alternating 1 ms of CPU and sleep(1 ms) next to a CPU thread."""
    per_ms = int(1e6 / _iteration_ns())
    cycles = 0
    seconds = 1.0

    def run():
        nonlocal cycles
        with CpuThreads(1):
            end = perf_ns() + int(seconds * 1e9)
            while perf_ns() < end:
                countdown(per_ms)
                time.sleep(0.001)
                cycles += 1

    run()
    return {"alternating_cycles_per_s": cycles / seconds}


_iter_ns_cache = []


def _iteration_ns():
    if not _iter_ns_cache:
        _iter_ns_cache.append(timed(countdown, 2_000_000) / 2_000_000)
    return _iter_ns_cache[0]


def _python2():
    """A CPython 2.7 to measure the old GIL with: $GILSIM_PYTHON2, or the first
    python2 that runs (a pyenv shim on PATH may name a version that is not
    selected, and fail)."""
    import glob
    import shutil
    import subprocess
    candidates = [os.environ.get("GILSIM_PYTHON2"), shutil.which("python2"),
                  shutil.which("python2.7")]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/2.7*/bin/python2.7")))
    for c in candidates:
        if c and subprocess.run([c, "-c", "import sys; sys.exit(sys.version_info[0] != 2)"],
                                capture_output=True).returncode == 0:
            return c
    return None


def exp_old_gil(one_core):
    """old_gil.py under CPython 2.7: two countdown threads against serial, on
    every core or pinned to one."""
    import subprocess
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "old_gil.py")
    pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None

    def fn():
        out = subprocess.run([_python2(), script], check=True, capture_output=True,
                             preexec_fn=pin).stdout
        return {"old_gil_%s" % ("1core" if one_core else "all_cores"): json.loads(out)["ratio"]}
    return fn


EXPERIMENTS = [
    ("iteration", exp_iteration),
    ("threads", exp_threads),
    ("processes", exp_processes),
    ("slices_5ms", exp_slices(0.005, "5ms")),
    ("slices_1ms", exp_slices(0.001, "1ms")),
    ("slices_100us", exp_slices(0.0001, "100us")),
    ("rtt_alone", exp_rtt_alone),
    ("sleep_alone", exp_sleep(0, 0.005, "alone")),
    ("hashlib", exp_hashlib),
    ("counter_plain", exp_counter(_count_plain, "plain")),
    ("counter_call", exp_counter(_count_call, "call")),
    ("alternating", exp_alternating),
]
for _cpu in (1, 2):
    for _iv, _lab in ((0.0005, "500us"), (0.001, "1ms"), (0.005, "5ms"), (0.01, "10ms")):
        EXPERIMENTS.append(("rtt_%dcpu_%s" % (_cpu, _lab), exp_rtt(_cpu, _iv, "%dcpu_%s" % (_cpu, _lab))))
    for _iv, _lab in ((0.005, "5ms"), (0.001, "1ms")):
        EXPERIMENTS.append(("sleep_%dcpu_%s" % (_cpu, _lab), exp_sleep(_cpu, _iv, "%dcpu_%s" % (_cpu, _lab))))


def repeat(fn, reps, max_tries):
    kept, discarded = [], 0
    while len(kept) < reps and len(kept) + discarded < max_tries:
        result, disturbed = measured(fn)
        if disturbed:
            discarded += 1
        else:
            kept.append(result)
    return kept, discarded


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--only", action="append", help="run only these experiments")
    args = ap.parse_args()
    out = {
        "python": sys.version.split()[0],
        "machine": os.uname().machine,
        "cores": os.cpu_count(),
        "kernel": os.uname().release,
        "measurements": {},
    }
    experiments = list(EXPERIMENTS)
    if _python2():
        experiments += [("old_gil", exp_old_gil(False)), ("old_gil_1core", exp_old_gil(True))]
    else:
        print("no CPython 2.7 (set GILSIM_PYTHON2): old-GIL experiments skipped", file=sys.stderr)
    for name, fn in experiments:
        if args.only and name not in args.only:
            continue
        kept, discarded = repeat(fn, args.reps, 3 * args.reps)
        print("%-16s %d kept, %d discarded" % (name, len(kept), discarded), file=sys.stderr)
        for key in (kept[0] if kept else {}):
            values = [k[key] for k in kept]
            out["measurements"][key] = {
                "median": statistics.median(values),
                "min": min(values),
                "max": max(values),
                "values": values,
                "discarded": discarded,
            }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
