"""Writes notebooks_export/python-real-vs-simulated.ipynb: a real CPython
experiment, timed in the notebook's own kernel, next to its simulated twin run
with `import gilsim`.

Run from the top folder with the module built (PYTHONPATH=build/python) and
Debian's python3-nbformat, python3-nbclient and python3-ipykernel:

    PYTHONPATH=build/python python3 sim/python/make_notebook.py

It executes the notebook once to store its outputs. Cells tagged "simulated"
print the same bytes on every run (tests/notebooks_run.sh checks them); cells
tagged "measured" time this machine and print something else each time.
"""

import os
import pathlib

import nbclient
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = pathlib.Path("notebooks_export/python-real-vs-simulated.ipynb")

SETUP = """\
# Find the repository's top folder (where scenarios/ is) and, if gilsim is not
# installed (pip install --no-build-isolation .), use the one built in build/python.
import os, pathlib, sys
top = pathlib.Path.cwd()
while not (top / "scenarios").is_dir() and top != top.parent:
    top = top.parent
os.chdir(top)
if (top / "build/python/gilsim").is_dir():
    sys.path.insert(0, str(top / "build/python"))
import gilsim"""

MEASURE = """\
import statistics, threading, time

def countdown(n):
    while n > 0:
        n -= 1

def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start

def in_two_threads(n):
    threads = [threading.Thread(target=countdown, args=(n // 2,)) for _ in range(2)]
    for t in threads: t.start()
    for t in threads: t.join()

N = 6_000_000
countdown(N)  # a warm-up, not counted: the first run pays for a cold core
serials, ratios = [], []
for _ in range(5):
    serials.append(timed(lambda: countdown(N)))
    ratios.append(timed(lambda: in_two_threads(N)) / serials[-1])
real = statistics.median(ratios)
print(f"real: two threads take {real:.2f}x the serial time (median of 5, range "
      f"{min(ratios):.2f}-{max(ratios):.2f}; serial {statistics.median(serials) * 1000:.0f} ms)")"""

TWIN = '''\
twin = """
[scenario]
name = "countdown-twin"

[machine]
cores = 2                 # this notebook's machine: os.cpu_count() tells yours

[interpreter]
version = "3.11"          # the timed-switch GIL, 5 ms interval

[[thread]]
name = "serial"
run = [ { python = "240ms" } ]   # countdown(N): its length does not change the ratio

[[variant]]
name = "2 threads"
set = { "thread.serial.count" = 2, "thread.serial.run" = [ { python = "120ms" } ] }
"""
compared = gilsim.compare(twin)
makespan = compared["metrics.makespan_ns"]
simulated = makespan["2 threads"] / makespan["as written"]
print(f"simulated: two threads take {simulated:.3f}x the serial time")
print(f"GIL switches in the two threads' run: {compared['metrics.gil_switches']['2 threads']}")'''

SIDE_BY_SIDE = """\
print(f"real {real:.2f}x, simulated {simulated:.2f}x: "
      f"{(simulated - real) / real:+.0%} from the median of the real runs")"""

PICTURE = """\
# The twin's first 30 ms: who holds the GIL, and the drop requests every 5 ms.
report = gilsim.run(twin, variant="2 threads", set={"scenario.stop": "30ms"})
report"""

OLD_GIL = """\
# What the real world will not let you do on this machine: the same two threads
# under Python 2.7's GIL, on 1 and on 4 cores.
for cores in (1, 4):
    old = gilsim.compare(twin, set={"interpreter.version": "2.7", "machine.cores": cores})
    span = old["metrics.makespan_ns"]
    print(f"2.7 on {cores} core{'s' if cores > 1 else ''}: two threads take "
          f"{span['2 threads'] / span['as written']:.2f}x the serial time")"""

CELLS = [
    new_markdown_cell(
        "# A real experiment and its simulated twin\n\n"
        "This notebook times a classic GIL experiment in its own Python kernel (David Beazley's "
        "countdown: a CPU-bound loop run once, then split between two threads), then runs the same "
        "workload in gilsim with `import gilsim`. The real numbers are this machine's, today; the "
        "simulated ones are the same on every run. docs/validation.md compares many more "
        "measurements this way.\n\n"
        "The first cell finds the repository and the module (`pip install --no-build-isolation .`, "
        "or the developer build in `build/python`)."),
    new_code_cell(SETUP),
    new_markdown_cell(
        "## The real experiment\n\nFive repetitions; the median and the range, as an experimenter "
        "reports noisy runs. Under the GIL the two threads cannot run at once, so they take at "
        "least the serial time, plus whatever the hand-offs between them cost."),
    new_code_cell(MEASURE, metadata={"tags": ["measured"]}),
    new_markdown_cell(
        "## Its twin in gilsim\n\nThe same work as a scenario: one thread of 240 ms of bytecode, "
        "and a variant where two threads do half each. `gilsim.compare` runs both."),
    new_code_cell(TWIN, metadata={"tags": ["simulated"]}),
    new_code_cell(SIDE_BY_SIDE, metadata={"tags": ["measured"]}),
    new_markdown_cell(
        "## Why: the picture\n\nA report shows itself in Jupyter: its table, then its timeline. "
        "The GIL changes hands at each drop request, every switch interval."),
    new_code_cell(PICTURE, metadata={"tags": ["simulated"]}),
    new_markdown_cell(
        "## Change what the real world will not let you change\n\nThe old GIL (Python 2.7) was "
        "notorious for this very experiment on multi-core machines. A real 2.7 is hard to find "
        "today; its model is one setting away."),
    new_code_cell(OLD_GIL, metadata={"tags": ["simulated"]}),
]


def main():
    # ipykernel's debugger otherwise warns about frozen modules on stderr, into a cell.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    notebook = new_notebook(cells=CELLS)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                       "name": "python3"}
    for i, cell in enumerate(notebook.cells):  # stable ids: regenerating changes only outputs
        cell["id"] = f"real-vs-simulated-{i}"
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": "."}}).execute()
    nbformat.validate(notebook)
    OUT.write_text(nbformat.writes(notebook) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
