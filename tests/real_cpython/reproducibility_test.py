#!/usr/bin/env python3
"""reproducibility.py and validate.py's pooling, on three made-up passes whose
figures are worked out by hand below."""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from validate import pool  # noqa: E402

# Two measurements, three passes (their repetitions):
#   slice_5ms (a latency, 30%): A [100], B [110, 120], C [200]
#     A against B+C pooled [110, 120, 200] -> 120: +20%, within
#     B (median 115) against A+C [100, 200] -> 150: +30.4%, outside
#     C against A+B [100, 110, 120] -> 110: -45%, outside
#   threads_vs_serial (a ratio, 25%): A [1.0], B [1.1], C [1.2]
#     A against 1.15: +15%; B against 1.1: 0%; C against 1.05: -12.5%
# So per pass 2, 1, 1 within tolerance (median 1); one measurement in all.
PASSES = {
    "A": {"slice_5ms": [100.0], "threads_vs_serial": [1.0]},
    "B": {"slice_5ms": [110.0, 120.0], "threads_vs_serial": [1.1]},
    "C": {"slice_5ms": [200.0], "threads_vs_serial": [1.2]},
}


def experiments_json(values):
    m = {k: {"median": sorted(v)[len(v) // 2] if len(v) % 2 else sum(v) / 2, "min": min(v),
             "max": max(v), "values": v, "discarded": 0} for k, v in values.items()}
    return {"python": "3.11.7", "cores": 2, "kernel": "test", "machine": "x86_64",
            "measurements": m}


def main():
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, values in PASSES.items():
            paths.append(os.path.join(d, name + ".json"))
            json.dump(experiments_json(values), open(paths[-1], "w"))
        out = subprocess.run([sys.executable, os.path.join(HERE, "reproducibility.py")] + paths,
                             check=True, capture_output=True, text=True).stdout
    print(out)
    assert out.startswith("3 passes of experiments.py"), out
    assert "| 2 threads vs serial (countdown) | 1.100 x | 1.000-1.200 | 3 of 3 |\n" in out
    assert "| GIL slice of 2 CPU threads, 5ms | 115.0 us | 100.0-200.0 | 1 of 3 **x** |\n" in out
    assert out.rstrip().endswith(
        "Within tolerance in every pass: 1 of 2. The other passes' pooled medians, taken as "
        "a prediction of one pass, get 1 of 2 (pass by pass: 2, 1, 1)."), out

    pooled = pool([experiments_json(v)["measurements"] for v in PASSES.values()])
    assert pooled["slice_5ms"]["values"] == [100.0, 110.0, 120.0, 200.0]
    assert (pooled["slice_5ms"]["median"], pooled["slice_5ms"]["min"],
            pooled["slice_5ms"]["max"]) == (115.0, 100.0, 200.0)
    one = experiments_json(PASSES["B"])["measurements"]
    assert pool([one]) is one  # one pass: its own medians, as before
    print("ok")


if __name__ == "__main__":
    main()
