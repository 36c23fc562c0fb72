#!/usr/bin/env python2
"""The old GIL's battle, measured: countdown(N) serially, then in two threads of
N/2, on CPython 2.7 (the check-interval GIL). Prints JSON. Run it on all cores
and on one (`taskset -c 0 python2 old_gil.py`); runs.py does both, 5 times each.

Works on Python 2.7 and 3.x (3.x has the new GIL: a control).
"""
import json
import sys
import threading
import time

N = 20000000


def countdown(n):
    while n > 0:
        n -= 1


def timed(fn):
    t0 = time.time()
    fn()
    return time.time() - t0


def main():
    iteration = timed(lambda: countdown(N // 10)) / (N // 10)
    serial = timed(lambda: countdown(N))

    def threads():
        ts = [threading.Thread(target=countdown, args=(N // 2,)) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    both = timed(threads)
    json.dump({"iteration_ns": iteration * 1e9, "serial_s": serial, "threads_s": both,
               "ratio": both / serial, "python": sys.version.split()[0]}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
