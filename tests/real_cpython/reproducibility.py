#!/usr/bin/env python3
"""The machine against itself: how well passes of the real-CPython suite on one
machine agree, judged by the tolerance gilsim is held to.

    python3 tests/real_cpython/reproducibility.py PASS.json PASS.json... \
        [--markdown docs/validation.md --section NAME]

Each PASS.json is one run of experiments.py (its medians over repetitions).
For each measurement it prints the median over all passes' repetitions (the
best estimate of what the machine does), the range of the passes' medians,
and in how many passes the median fell within tolerance of the other passes'
pooled median: a perfect model of the machine, judged against that pass. The
last line counts, pass by pass, the measurements such a model gets right:
the most any model can expect against one recorded pass. --markdown rewrites
the table between <!-- real-cpython:NAME:begin --> and its end, as
validate.py does.
"""

import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from validate import MEASUREMENTS, fmt, pool, replace_section, within  # noqa: E402


def pooled(passes, key):
    return pool(passes)[key]["median"]


def table(passes):
    keys = [k for k in MEASUREMENTS if all(k in p for p in passes)]
    rows, hits = [], [0] * len(passes)
    for key in keys:
        tol, unit, what = MEASUREMENTS[key][4:]
        best = pooled(passes, key)
        medians = [p[key]["median"] for p in passes]
        agree = [within(p[key]["median"], pooled(passes[:i] + passes[i + 1:], key), tol)
                 for i, p in enumerate(passes)]
        hits = [h + a for h, a in zip(hits, agree)]
        rows.append("| %s | %s %s | %s-%s | %d of %d%s |" % (
            what, fmt(best), unit, fmt(min(medians)), fmt(max(medians)), sum(agree), len(passes),
            "" if all(agree) else " **x**"))
    n = len(keys)
    head = ["| measurement | all passes: median | passes' medians | passes within tolerance "
            "of the others |", "|---|---|---|---|"]
    steady = sum(1 for r in rows if "**x**" not in r)
    summary = ("Within tolerance in every pass: %d of %d. The other passes' pooled medians, "
               "taken as a prediction of one pass, get %s of %d (pass by pass: %s)." % (
                   steady, n, "%g" % statistics.median(hits), n, ", ".join(map(str, hits))))
    return "\n".join(head + rows + ["", summary])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("passes", nargs="+", help="experiments.py outputs from one machine")
    ap.add_argument("--markdown")
    ap.add_argument("--section", default="")
    args = ap.parse_args()
    runs = [json.load(open(p)) for p in args.passes]
    header = "%d passes of experiments.py with CPython %s on %s cores, Linux %s.\n\n" % (
        len(runs), runs[0]["python"], runs[0]["cores"], runs[0]["kernel"])
    text = header + table([r["measurements"] for r in runs])
    print(text)
    if args.markdown:
        replace_section(args.markdown, args.section, text)


if __name__ == "__main__":
    main()
