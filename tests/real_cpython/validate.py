#!/usr/bin/env python3
"""Real CPython against gilsim: runs each measurement's twin scenario and prints
measured vs simulated, with the error and whether it is within tolerance.

    python3 tests/real_cpython/validate.py --gilsim build/sim/gilsim \
        --real real.json [--machine PROFILE]... [--markdown docs/validation.md]

--real is the JSON experiments.py printed (or a recorded one in recorded/);
given several times (passes on one machine), their repetitions are pooled.
Each --machine adds a column: the twins run with that profile (`default`
when none is given). --markdown rewrites the table between the markers
<!-- real-cpython:begin --> and <!-- real-cpython:end --> in that file
(with --section NAME: <!-- real-cpython:NAME:begin --> and its end).

Tolerance (issue 10): ratios and rates within 25%, latencies within 30%.
A simulated value is the median over SEEDS seeds, as the measured value is a
median over repetitions.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TWINS = os.path.join(HERE, "twins")
SEEDS = 15

RATIO, LATENCY = 0.25, 0.30


def loop_stat(rep, q):
    return rep["loops"][0]["iteration"][q]


def hold_us(rep):
    held = sum(t["gil_held_ns"] for t in rep["threads"])
    acq = sum(t["acquisitions"] for t in rep["threads"])
    return held / acq / 1e3 if acq else float("nan")


def handoffs(rep):
    return rep["metrics"]["gil_switches"] / (rep["simulated_ns"] / 1e9)


def makespan(rep):
    return rep["metrics"]["makespan_ns"]


# measurement: (twin, variant, sets, how to read the report, tolerance, unit, what)
# A reader is a function of the report, or ("ratio", variant) for a ratio of
# makespans against another run of the same twin.
def _rtt(cpu, iv, q):
    return ("echo.toml", None, {"thread.cpu.count": str(cpu), "interpreter.switch_interval": iv},
            lambda r: loop_stat(r, q) / 1e3, LATENCY, "us",
            "I/O round trip %s, %d CPU thread%s, %s" % (q, cpu, "s" if cpu > 1 else "", iv))


def _sleep(cpu, iv):
    return ("sleeper.toml", None, {"thread.cpu.count": str(cpu), "interpreter.switch_interval": iv},
            lambda r: (loop_stat(r, "p50") - 2_000_000) / 1e3, LATENCY, "us",
            "sleep(2 ms) oversleep, %s CPU thread%s%s" % (cpu or "no", "s" if cpu != 1 else "",
                                                         ", " + iv if cpu else ""))


def _slices(iv):
    sets = {"interpreter.switch_interval": iv}
    return {
        "slice_" + iv: ("slices.toml", None, sets, hold_us, LATENCY, "us",
                        "GIL slice of 2 CPU threads, " + iv),
        "handoffs_" + iv: ("slices.toml", None, sets, handoffs, RATIO, "/s",
                           "hand-offs per second, 2 CPU threads, " + iv),
    }


MEASUREMENTS = {
    "threads_vs_serial": ("countdown.toml", "2 threads", {}, ("ratio", None), RATIO, "x",
                          "2 threads vs serial (countdown)"),
    "processes_vs_serial": ("countdown.toml", "2 processes", {}, ("ratio", None), RATIO, "x",
                            "2 processes vs serial (countdown)"),
    "hashlib_threads_vs_serial": ("hashlib.toml", "2 threads", {}, ("ratio", None), RATIO, "x",
                                  "2 threads vs serial (hashlib, GIL released)"),
    "counter_plain_kept": ("counter.toml", None, {},
                           lambda r: r["races"][0]["final"] / r["races"][0]["expected"], RATIO, "",
                           "counter += 1, 2 threads: share of updates kept"),
    "counter_call_kept": ("counter.toml", "call", {},
                          lambda r: r["races"][0]["final"] / r["races"][0]["expected"], RATIO, "",
                          "counter += one(): share of updates kept"),
    "old_gil_all_cores": ("old_gil.toml", "2 threads", {}, ("ratio", None), RATIO, "x",
                          "CPython 2.7, 2 threads vs serial (countdown), all cores"),
    "old_gil_1core": ("old_gil.toml", "2 threads, 1 core", {}, ("ratio", None), RATIO, "x",
                      "CPython 2.7, 2 threads vs serial (countdown), one core"),
    "alternating_cycles_per_s": ("alternating.toml", None, {},
                                 lambda r: r["loops"][0]["rate"], RATIO, "/s",
                                 "1 ms CPU + 1 ms sleep next to a CPU thread: cycles/s"),
    "rtt_alone_p50": ("echo.toml", None, {"thread.cpu.count": "0"},
                      lambda r: loop_stat(r, "p50") / 1e3, LATENCY, "us", "I/O round trip alone, p50"),
    "sleep_alone": _sleep(0, "5ms"),
}
for _iv in ("5ms", "1ms", "100us"):
    MEASUREMENTS.update(_slices(_iv))
for _cpu in (1, 2):
    for _iv in ("500us", "1ms", "5ms", "10ms"):
        for _q in ("p50", "p90"):
            MEASUREMENTS["rtt_%dcpu_%s_%s" % (_cpu, _iv, _q)] = _rtt(_cpu, _iv, _q)
    for _iv in ("5ms", "1ms"):
        MEASUREMENTS["sleep_%dcpu_%s" % (_cpu, _iv)] = _sleep(_cpu, _iv)


def run_twin(gilsim, twin, variant, sets, machine, seed):
    cmd = [gilsim, "run", os.path.join(TWINS, twin), "--format", "json", "--seed", str(seed)]
    if variant:
        cmd += ["--variant", variant]
    if machine:
        cmd += ["--machine", machine]
    for k, v in sets.items():
        cmd += ["--set", "%s=%s" % (k, v)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def simulate(gilsim, key, machine, cache):
    twin, variant, sets, reader, _, _, _ = MEASUREMENTS[key]
    values = []
    for seed in range(1, SEEDS + 1):
        def rep(v):
            k = (twin, v, tuple(sorted(sets.items())), machine, seed)
            if k not in cache:
                cache[k] = run_twin(gilsim, twin, v, sets, machine, seed)
            return cache[k]
        if isinstance(reader, tuple):
            values.append(makespan(rep(variant)) / makespan(rep(reader[1])))
        else:
            values.append(reader(rep(variant)))
    return statistics.median(values)


def error(real, sim):
    if real == 0:
        return 0.0 if sim == 0 else math.inf
    return sim / real - 1


def within(real, sim, tol):
    return abs(error(real, sim)) <= tol


def fmt(x):
    if x != x:
        return "n/a"
    if abs(x) >= 1000:
        return "{:,.0f}".format(x)
    if abs(x) >= 10:
        return "{:.1f}".format(x)
    return "{:.3f}".format(x)


def table(real, gilsim, machines):
    cache = {}
    rows, fits = [], {m: 0 for m in machines}
    for key, (twin, variant, sets, reader, tol, unit, what) in MEASUREMENTS.items():
        m = real["measurements"].get(key)
        if m is None:
            continue
        row = [what, "%s [%s-%s] %s" % (fmt(m["median"]), fmt(m["min"]), fmt(m["max"]), unit)]
        for machine in machines:
            sim = simulate(gilsim, key, machine, cache)
            err = error(m["median"], sim)
            ok = within(m["median"], sim, tol)
            fits[machine] += ok
            row.append("%s (%+.0f%%)%s" % (fmt(sim), 100 * err if err != math.inf else 999,
                                           "" if ok else " **x**"))
        rows.append(row)
    names = [os.path.basename(m) if m.endswith(".toml") else (m or "default") for m in machines]
    head = ["measurement", "real: median [min-max]"] + ["gilsim, %s" % n for n in names]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    n = len(rows)
    lines.append("")
    lines.append("Within tolerance: " + "; ".join(
        "%s %d of %d (%.0f%%)" % (name, fits[m], n, 100 * fits[m] / n)
        for name, m in zip(names, machines)))
    return "\n".join(lines)


def pool(passes):
    """One pass's measurements, or several passes' with their repetitions pooled."""
    if len(passes) == 1:
        return passes[0]
    pooled = {}
    for key in passes[0]:
        values = [v for p in passes if key in p for v in p[key]["values"]]
        pooled[key] = {"median": statistics.median(values), "min": min(values),
                       "max": max(values), "values": values}
    return pooled


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gilsim", default="build/sim/gilsim")
    ap.add_argument("--real", required=True, action="append",
                    help="experiments.py's output; given more than once (passes on one "
                         "machine), every pass's repetitions are pooled")
    ap.add_argument("--machine", action="append", default=[])
    ap.add_argument("--markdown")
    ap.add_argument("--section", default="")
    args = ap.parse_args()
    passes = [json.load(open(path)) for path in args.real]
    real = dict(passes[0], measurements=pool([p["measurements"] for p in passes]))
    machines = args.machine or [""]
    text = table(real, args.gilsim, machines)
    reps = max(len(m["values"]) for m in passes[0]["measurements"].values())
    header = "Measured with CPython %s on %s cores, Linux %s; %s%d repetitions each.\n\n" % (
        real["python"], real["cores"], real["kernel"],
        "%d passes of " % len(passes) if len(passes) > 1 else "", reps)
    print(header + text)
    if args.markdown:
        replace_section(args.markdown, args.section, header + text)


def replace_section(path, section, text):
    """Rewrites the text between <!-- real-cpython[:section]:begin --> and its end."""
    doc = open(path).read()
    tag = "real-cpython" + (":" + section if section else "")
    begin, end = "<!-- %s:begin -->" % tag, "<!-- %s:end -->" % tag
    i, j = doc.index(begin) + len(begin), doc.index(end)
    open(path, "w").write(doc[:i] + "\n" + text + "\n" + doc[j:])


if __name__ == "__main__":
    main()
