#!/usr/bin/env python3
"""Why an I/O thread next to two CPU-bound threads waits many switch intervals
for the GIL, as the kernel sees it: records the scheduler's and the futexes'
events with ftrace while experiments.py's round trip runs (a byte over a
socketpair to an echo process, next to two spinning threads), and prints:

- the hand-off cycle: the time between two forced switches of the CPU
  threads (a new holder wakes the dropper waiting on switch_cond);
- the I/O thread's period: the time between two of its timeouts while it
  keeps waiting, a switch having happened in each of its intervals so that
  it does not ask for a drop (take_gil's switch_number rule);
- their difference, the drift: each interval the I/O thread's timeout comes
  that much earlier against the cycle, until it lands just before a CPU
  thread's and it asks for the drop itself. The smaller the drift, the
  longer a starvation lasts once it has begun;
- the hand-off's own length: from the requester's timed-out wait to its
  wake of the dropper (the requester, the releaser and glibc's mutex);
- the round trips in switch intervals;
- the GIL's futexes themselves: how often each thread sleeps on the GIL's
  mutex and after what (a requester that took the signal in user space finds
  the mutex held by the releaser, which is still in its signal's
  futex_wake), what a futex_wake costs the waker by where the woken thread
  runs, and how many of the I/O thread's timeouts fall within 50 us of a CPU
  thread's (where the two would race on one vCPU);
- the run queues: how long each thread waits for a vCPU once runnable
  (woken, or preempted), whether the other vCPU was idle as it began, and
  whether a thread woken onto a vCPU running another of the three preempted
  it. The kernel does not always trace the switch from the idle task to a
  woken thread, so a thread's own event on a vCPU also shows it runs there.

With --gilsim, the same figures from gilsim's twin (tests/real_cpython/twins/
echo.toml with two CPU threads), read from its trace: the cycle from the
holder's changes between the CPU threads, the I/O thread's period from its
waits that end in a timeout, and its waits for a core once runnable.

Needs root and tracefs (Linux); the futexes are told apart by how they are
waited on: the GIL's condition variable with a timeout (FUTEX_WAIT_BITSET),
switch_cond without one, the GIL's mutex with FUTEX_WAIT. Standard library
only; exits 77 when it cannot trace.
    sudo python3 tests/real_cpython/third_waiter_trace.py [--interval 0.005]
        [--seconds 1] [--gilsim build/sim/gilsim --machine PROFILE]
"""
import argparse
import bisect
import ctypes
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import experiments  # noqa: E402  (the suite's echo process)

TRACEFS = "/sys/kernel/tracing"
EVENTS = ("sched:sched_switch sched:sched_wakeup syscalls:sys_enter_futex syscalls:sys_exit_futex "
          "syscalls:sys_enter_sendto syscalls:sys_exit_recvfrom")
ETIMEDOUT = -110
HERE = os.path.dirname(os.path.abspath(__file__))


def name_thread(name):
    ctypes.CDLL(None).prctl(15, name.encode(), 0, 0, 0)  # PR_SET_NAME


def tracefs(path, value):
    with open(os.path.join(TRACEFS, path), "w") as f:
        f.write(value)


def round_trips(interval, seconds):
    """experiments.py's rtt experiment with two CPU threads, each thread named."""
    stop = threading.Event()

    def spin(n):
        name_thread(n)
        while not stop.is_set():
            for _ in range(200):
                pass

    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        name_thread("echo")
        experiments._echo_child(b)
    b.close()
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    name_thread("io")
    threads = [threading.Thread(target=spin, args=("cpu%d" % i,)) for i in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    rtts = []
    tracefs("trace_marker", "START\n")
    end = time.perf_counter_ns() + int(seconds * 1e9)
    while True:
        t0 = time.perf_counter_ns()
        a.send(b"x")
        a.recv(1)
        t1 = time.perf_counter_ns()
        rtts.append(t1 - t0)
        if t1 > end:
            break
    tracefs("trace_marker", "STOP\n")
    stop.set()
    for t in threads:
        t.join()
    sys.setswitchinterval(old)
    a.close()
    os.waitpid(pid, 0)
    return rtts


LINE = re.compile(r"\s*(\S+)-\d+\s+\[\d+\].*?\s(\d+\.\d+): (\w+):? ?(.*)")
ENTER = re.compile(r"\(uaddr: (0x[0-9a-f]+), op: (0x[0-9a-f]+), val: ([0-9a-fx]+), utime: (0x[0-9a-f]+|0)")


def trace_events(text):
    """The traced window's events: (time in us, thread, kind, data), where kind
    is 'enter' (data: futex address, op, timed), 'exit' (data: the return
    value), 'switch' (data: cpu, next thread, previous thread, its state: R
    preempted, S or D asleep; None when inferred), 'wakeup' (data: target
    cpu, woken, the waker's cpu) or 'socket' (data: 'sendto' entered or
    'recvfrom' returned)."""
    out, started, on_cpu = [], False, {}
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        comm, ts, kind, rest = m.groups()
        if "START" in rest:
            started = True
        if "STOP" in rest:
            break
        if not started or kind == "tracing_mark_write":
            continue
        t = float(ts) * 1e6
        cpu = int(line.split("[", 1)[1].split("]", 1)[0])
        if kind != "sched_switch" and comm != "<idle>" and on_cpu.get(cpu) != comm:
            # This kernel does not always trace the switch from the idle task
            # (a vCPU woken from halt): the task's own event shows it runs.
            prev = on_cpu.get(cpu, "")
            on_cpu[cpu] = comm
            out.append((t, comm, "switch", (cpu, comm, prev, None)))
        if kind == "sched_switch":
            on_cpu[cpu] = rest.split("next_comm=", 1)[1].split(" next_pid", 1)[0]
            prev = rest.split("prev_comm=", 1)[1].split(" prev_pid", 1)[0]
            state = rest.split("prev_state=", 1)[1].split(" ", 1)[0]
            out.append((t, comm, "switch", (cpu, on_cpu[cpu], prev, state)))
        elif kind == "sched_wakeup":
            woken = rest.split("comm=", 1)[1].split(" pid=", 1)[0]
            out.append((t, comm, "wakeup", (int(rest.rsplit("target_cpu=", 1)[1]), woken, cpu)))
        elif kind in ("sys_sendto", "sys_recvfrom"):
            out.append((t, comm, "socket", kind[4:]))  # the round trip's send and the recv's return
        elif kind == "sys_futex":
            e = ENTER.match(rest)
            if e:
                out.append((t, comm, "enter", (e.group(1), int(e.group(2), 16) & 0x7F, e.group(4) not in ("0", "0x0"))))
            elif "->" in rest:
                ret = int(rest.split("->")[1], 16)
                out.append((t, comm, "exit", ret - (1 << 64) if ret >= 1 << 63 else ret))
    return out


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def real_figures(events):
    """The forced switches, the I/O thread's and the CPU threads' timeouts,
    and the medians that split a cycle."""
    switch_cond, last, pending, woken_from_switch = set(), {}, {}, {}
    switches, io_timeouts, cpu_timeouts = [], [], []
    parts = {"requester: timed wait, begun to timed out": [], "requester: timed out to holding the GIL": [],
             "dropper: woken by the take to waiting again": [], "I/O thread: timed out to waiting again": []}
    began, timed_out = {}, {}
    for t, comm, kind, data in events:
        if kind in ("switch", "wakeup"):
            continue
        if kind == "enter":
            addr, op, timed = data
            last[comm] = data
            if op == 9 and not timed:
                switch_cond.add(addr)  # COND_WAIT(switch_cond): no timeout
            if op == 9 and timed:  # COND_TIMED_WAIT(gil->cond)
                if comm in woken_from_switch:
                    parts["dropper: woken by the take to waiting again"].append(t - woken_from_switch.pop(comm))
                if comm in timed_out and comm == "io":
                    parts["I/O thread: timed out to waiting again"].append(t - timed_out.pop(comm))
                timed_out.pop(comm, None)
                began.setdefault(comm, t)
            if op == 1 and addr in switch_cond:
                switches.append(t)  # a new holder wakes the dropper
                if comm in pending:
                    parts["requester: timed out to holding the GIL"].append(t - pending.pop(comm))
                for other, (_, o, timed2) in last.items():
                    if other != comm and o == 9 and not timed2:
                        woken_from_switch[other] = t
            continue
        if kind != "exit":
            continue
        addr, op, timed = last.get(comm, (None, None, None))
        if op == 9 and timed and data == ETIMEDOUT:
            timed_out[comm] = t
            if comm == "io":
                io_timeouts.append(t)
            elif comm.startswith("cpu"):
                cpu_timeouts.append(t)
                pending[comm] = t
                if comm in began:
                    parts["requester: timed wait, begun to timed out"].append(t - began[comm])
            began.pop(comm, None)
        elif op == 9 and timed and data == 0 and comm != "io":
            began.pop(comm, None)  # a signalled CPU thread's next wait is a new one
    medians = {k: median([x for x in v if x < 20_000]) for k, v in parts.items()}
    return switches, io_timeouts, cpu_timeouts, medians


# glibc >= 2.25's pthread_cond_t (48 bytes): __g_refs[2] at offset 16, __g_signals[2]
# (the two groups' futexes) at 40; CPython's _gil_runtime_state puts the GIL's
# mutex right after its cond.
G_REFS, G_SIGNALS, COND_SIZE = 16, 40, 48


def futex_roles(events):
    """The GIL's futexes by address: its cond's two group futexes (waited on
    with a timeout), their g_refs, and the mutex after the cond."""
    timed = sorted({d[0] for _, comm, kind, d in events if kind == "enter" and d[1] == 9 and d[2]
                    and comm == "io"}, key=lambda a: int(a, 16))  # only the GIL's cond, in this process
    if not timed:
        return {}
    cond = int(timed[0], 16) - G_SIGNALS
    roles = {cond + G_SIGNALS: "cond", cond + G_SIGNALS + 4: "cond", cond + G_REFS: "g_refs",
             cond + G_REFS + 4: "g_refs", cond + COND_SIZE: "mutex"}
    return {hex(a): r for a, r in roles.items()}


def futex_figures(events):
    """How the GIL's futexes behave: sleeps on the GIL's mutex (what the thread
    did just before, how long it slept), and futex_wake's cost to the waker by
    where the woken thread runs."""
    roles = futex_roles(events)
    pending, context, sleeps, wakes = {}, {}, {}, {}
    for t, comm, kind, data in events:
        if comm != "io" and not comm.startswith("cpu"):
            continue  # the echo process, and anything else that ran
        if kind == "wakeup" and comm in pending and pending[comm][1] == "wake":
            target, _, waker_cpu = data
            pending[comm][2].append("the same vCPU" if target == waker_cpu else "another vCPU")
        elif kind == "enter":
            addr, op, _ = data
            pending[comm] = (t, {9: "wait", 0: "wait", 1: "wake"}.get(op), [], roles.get(addr))
        elif kind == "exit" and comm in pending:
            begun, op, woke, role = pending.pop(comm)
            who = "I/O thread" if comm == "io" else "CPU thread"
            if role == "cond" and op == "wait":
                context[comm] = ({ETIMEDOUT: "its timeout", 0: "a wake by a signal",
                                  -11: "EAGAIN (a signal came as it went to sleep)"}.get(data, "other"), t)
            elif role == "mutex" and op == "wait":
                after, since = context.get(comm, ("", 0))
                if begun - since > 200:  # it ran Python since: drop_gil, or take_gil's first lock
                    after = "running (drop_gil or take_gil)"
                sleeps.setdefault((who, after), []).append(t - begun)
                context[comm] = ("a sleep on the mutex", t)
            elif role == "g_refs" and op == "wait":  # the signaller waits for the old group
                sleeps.setdefault((who, "signalling (waits for the old group's g_refs)"), []).append(t - begun)
            elif role in ("cond", "mutex") and op == "wake":
                # A wake-up on another vCPU is traced there, by whatever ran on it
                # (often the idle task), not by the waker.
                target = woke[0] if woke else ("nobody" if data == 0 else "another vCPU")
                wakes.setdefault(("signal" if role == "cond" else "unlock", target), []).append(t - begun)
    return sleeps, wakes


def run_queue_figures(events):
    """How long the I/O thread and the CPU threads wait for a vCPU once
    runnable, and who preempts whom. Returns ({(who, how, other vCPU idle):
    [waits in us]}, {(woken, onto, outcome): count}, (the I/O thread's
    wake-ups onto a busy vCPU while the other was idle, all its wake-ups)):
    `how` is 'woken' (from
    its wake-up to its first event) or 'preempted' (from its switch-out in
    state R to its next event); the outcome of a wake-up onto a vCPU running
    another of the three threads is whether that thread was preempted or
    blocked first."""
    ours = ("io", "cpu0", "cpu1")
    running, since, waits, outcomes, contest = {}, {}, {}, {}, {}
    io_onto_busy, io_wakeups = 0, 0

    def other_idle(cpu):
        return any(c != cpu and n.startswith("swapper") for c, n in running.items())

    def runs(thread, t):
        if thread in since:
            t0, how, idle = since.pop(thread)
            waits.setdefault(("I/O thread" if thread == "io" else "CPU thread", how, idle), []).append(t - t0)

    for t, comm, kind, data in events:
        runs(comm, t)
        if kind == "switch":
            cpu, nxt, prev, state = data
            runs(nxt, t)
            running[cpu] = nxt
            if prev in ours and state == "R":
                since[prev] = (t, "preempted", other_idle(cpu))
            if cpu in contest and prev == contest[cpu][1] and state is not None:
                woken, held = contest.pop(cpu)
                key = ("I/O thread" if woken == "io" else "CPU thread",
                       "I/O thread" if held == "io" else "CPU thread")
                outcome = "preempted it" if state == "R" else "it blocked first"
                outcomes[key + (outcome,)] = outcomes.get(key + (outcome,), 0) + 1
        elif kind == "wakeup":
            cpu, woken, _ = data
            if woken in ours:
                since[woken] = (t, "woken", other_idle(cpu))
                held = running.get(cpu, "swapper")
                if woken == "io":
                    io_wakeups += 1
                    io_onto_busy += not held.startswith("swapper") and other_idle(cpu)
                if held in ours and held != woken:
                    contest[cpu] = (woken, held)
    return waits, outcomes, (io_onto_busy, io_wakeups)


def print_run_queue_figures(waits, outcomes, onto_busy, seconds):
    print("  the I/O thread's wake-ups onto a busy CPU while another was idle: %d of %d" % onto_busy)
    print("  waits for a vCPU once runnable (per second; p50, p90; over 200 us):")
    for (who, how, idle), v in sorted(waits.items()):
        v = sorted(v)
        print("    %-10s %-9s the other vCPU %-5s %5.0f/s %7.1f us %7.1f us %4d" % (
            who, how, "idle" if idle else "busy", len(v) / seconds, median(v), v[len(v) * 9 // 10],
            sum(x > 200 for x in v)))
    print("  wake-ups onto a vCPU running another of the three threads:")
    for (woken, held, outcome), n in sorted(outcomes.items()):
        print("    %-10s onto the %-10s %-16s %d" % (woken, held, outcome, n))


def nearest_offsets(io_timeouts, cpu_timeouts):
    """For each I/O-thread timeout, the nearest CPU-thread timeout's time
    after it (negative: before). `cpu_timeouts` sorted."""
    offsets = []
    for t in io_timeouts:
        i = bisect.bisect_left(cpu_timeouts, t)
        near = [cpu_timeouts[j] - t for j in (i - 1, i) if 0 <= j < len(cpu_timeouts)]
        if near:
            offsets.append(min(near, key=abs))
    return offsets


def print_meeting(offsets):
    near = sum(abs(o) <= 50 for o in offsets)
    print("  the I/O thread's timeouts within 50 us of a CPU thread's: %d of %d" % (near, len(offsets)))


def print_futex_figures(sleeps, wakes, seconds):
    print("  sleeps on the GIL's mutex, and on g_refs (per second; how long, p50):")
    for (who, after), v in sorted(sleeps.items()):
        print("    %-10s after %-45s %5.0f/s  %5.1f us" % (who, after, len(v) / seconds, median(v)))
    print("  futex_wake's cost to the waker (p50, p90):")
    for (what, target), v in sorted(wakes.items()):
        v = sorted(v)
        print("    %-6s waking a thread on %-14s %5.1f us %5.1f us  (%d)" % (what, target, median(v),
                                                                       v[len(v) * 9 // 10], len(v)))


def simulated_figures(gilsim, machine, interval, seconds):
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "trace.json")
        cmd = [gilsim, "run", os.path.join(HERE, "twins", "echo.toml"), "--set", "thread.cpu.count=2",
               "--set", "interpreter.switch_interval=%gus" % (interval * 1e6),
               "--set", "scenario.stop=%gms" % (seconds * 1e3), "--trace", trace]
        if machine:
            cmd += ["--machine", machine]
        report = json.loads(subprocess.run(cmd + ["--format", "json"], check=True, capture_output=True,
                                           text=True).stdout)
        with open(trace) as f:
            events = json.load(f)["traceEvents"]
    loop = report["loops"][0]["iteration"]
    names = {e["tid"]: e["args"]["name"] for e in events
             if e.get("ph") == "M" and e["name"] == "thread_name" and e["pid"] == 1}
    switches, holder = [], None
    for e in sorted((e for e in events if e.get("ph") == "C" and e["name"] == "holder"), key=lambda e: e["ts"]):
        h = names.get(e["args"]["holder"])
        if h and h.startswith("cpu") and holder and holder.startswith("cpu") and h != holder:
            switches.append(e["ts"])
        if h:
            holder = h
    io_timeouts = timed_out_waits(events, {t for t, n in names.items() if n == "main"}, interval)
    cpu_timeouts = timed_out_waits(events, {t for t, n in names.items() if n.startswith("cpu")}, interval)
    return (switches, io_timeouts, nearest_offsets(io_timeouts, cpu_timeouts), loop["p50"] / 1e3,
            loop["p90"] / 1e3, simulated_run_queue_waits(events, {t for t, n in names.items() if n == "main"}))


def simulated_run_queue_waits(events, tids):
    """The waits of gilsim's threads `tids` for a core once runnable (its
    wake-up latency included), each with whether another core was idle as it
    began."""
    busy = {}
    for e in events:
        if e.get("ph") == "X" and e["pid"] == 2:  # the cores' lanes: who runs where
            busy.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
    for spans in busy.values():
        spans.sort()

    def idle(core, t):
        i = bisect.bisect_right(busy[core], (t, float("inf"))) - 1
        return i < 0 or busy[core][i][1] <= t

    return [(e["dur"], any(idle(c, e["ts"]) for c in busy)) for e in events
            if e.get("ph") == "X" and e["pid"] == 1 and e.get("tid") in tids and e["name"] == "runnable"]


def timed_out_waits(events, tids, interval):
    """When the GIL waits of gilsim's threads `tids` ended in a timeout: those
    that last the interval plus the slack (the longest there are)."""
    waits = [(e["ts"], e["dur"]) for e in events if e.get("ph") == "X" and e["pid"] == 1
             and e.get("tid") in tids and e["name"] == "waiting for GIL"]
    longest = max((d for _, d in waits), default=0)
    return sorted(ts + d for ts, d in waits if d >= interval * 1e6 and abs(d - longest) < 1)


def in_intervals(rtts_us, iv):
    counts = {}
    for r in rtts_us:
        k = min(12, round(r / iv))
        counts[k] = counts.get(k, 0) + 1
    return dict(sorted(counts.items()))


def summary(switches, io_timeouts, interval):
    iv = interval * 1e6
    cycle = [b - a for a, b in zip(switches, switches[1:]) if b - a < 1.5 * iv]
    period = [b - a for a, b in zip(io_timeouts, io_timeouts[1:]) if b - a < 1.5 * iv]
    out = {"hand-off cycle": statistics.median(cycle) if cycle else float("nan"),
           "I/O thread's period": statistics.median(period) if period else float("nan")}
    out["drift per cycle"] = out["hand-off cycle"] - out["I/O thread's period"]
    phases = []
    for t in io_timeouts:
        i = bisect.bisect_right(switches, t) - 1
        if i >= 0:
            phases.append(round(t - switches[i]))
    return out, phases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--interval", type=float, default=0.005)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--gilsim")
    ap.add_argument("--machine")
    args = ap.parse_args()
    if os.geteuid() != 0 or not os.path.exists(os.path.join(TRACEFS, "trace_marker")):
        print("needs root and tracefs at %s (mount -t tracefs nodev %s)" % (TRACEFS, TRACEFS))
        sys.exit(77)
    tracefs("tracing_on", "0")
    tracefs("trace", "")
    tracefs("trace_clock", "mono")
    tracefs("buffer_size_kb", "16384")
    tracefs("set_event", EVENTS)
    tracefs("tracing_on", "1")
    try:
        # experiments.py's check: foreign load during the run makes it worthless
        rtts, disturbed = experiments.measured(lambda: round_trips(args.interval, args.seconds))
    finally:
        tracefs("tracing_on", "0")
        tracefs("set_event", "")
    with open(os.path.join(TRACEFS, "trace")) as f:
        events = trace_events(f.read())
    switches, io_timeouts, cpu_timeouts, parts = real_figures(events)
    iv = args.interval * 1e6
    real, phases = summary(switches, io_timeouts, args.interval)
    print("real, %d round trips at %g ms: p50 %.2f intervals, p90 %.2f%s" % (
        len(rtts), args.interval * 1e3, statistics.median(rtts) / 1e3 / iv,
        sorted(rtts)[len(rtts) * 9 // 10] / 1e3 / iv,
        " (DISTURBED: other processes ran; measure on a quiet machine)" if disturbed else ""))
    print("  round trips by intervals (12: 12 or more):", in_intervals([r / 1e3 for r in rtts], iv))
    for k, v in real.items():
        print("  %-22s %8.0f us" % (k, v))
    for k, v in parts.items():
        print("  %-45s %6.0f us (median)" % (k, v))
    print("  the I/O thread's timeouts, us after the last forced switch:", phases[:40])
    print_futex_figures(*futex_figures(events), args.seconds)
    print_meeting(nearest_offsets(io_timeouts, cpu_timeouts))
    print_run_queue_figures(*run_queue_figures(events), args.seconds)
    if args.gilsim:
        seconds = max(args.seconds, 1.0)
        sw, to, offsets, p50, p90, rq = simulated_figures(args.gilsim, args.machine, args.interval, seconds)
        sim, sim_phases = summary(sw, to, args.interval)
        print("gilsim, %s: round trips p50 %.2f intervals, p90 %.2f" % (args.machine or "default", p50 / iv,
                                                                       p90 / iv))
        for k, v in sim.items():
            print("  %-22s %8.0f us" % (k, v))
        print("  the I/O thread's timeouts, us after the last forced switch:", sim_phases[:40])
        print_meeting(offsets)
        print("  the I/O thread's waits for a core once runnable: %.0f/s, %.0f/s over 200 us, "
              "%.0f/s of them with another core idle" % (
                  len(rq) / seconds, sum(d > 200 for d, _ in rq) / seconds,
                  sum(d > 200 and idle for d, idle in rq) / seconds))


if __name__ == "__main__":
    main()
