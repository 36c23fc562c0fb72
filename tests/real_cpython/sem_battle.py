#!/usr/bin/env python3
"""The old GIL's battle with the GIL taken out: two processes take turns at a
semaphore, as 2.7's threads take turns at their GIL (a POSIX semaphore on
Linux: sem_post to release, sem_wait to take). Each holds it for the same
short loop; the measuring process times every release and every take, first
alone, then with a rival process on another core.

What it shows: what the battle costs the holder, and where. A release with
a rival registered in sem_wait makes a futex_wake system call (glibc's
sem_post wakes whenever the semaphore has waiters); when the rival is asleep
on a halted vCPU, that call also sends an interrupt, which a VM pays with an
exit. A take that finds the rival holding the semaphore waits for its
release and the wake-up after it.

Standard library only; Linux (fork), 2 CPUs or more.
    python3 tests/real_cpython/sem_battle.py [--cycles 100000]
"""
import argparse
import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiments import countdown, percentile  # noqa: E402

pn = time.perf_counter_ns
HOLD = 50  # loop iterations with the semaphore held: about 1 us, one check interval of 2.7


def rival(sem, stop):
    while not stop.value:
        sem.acquire()
        countdown(HOLD)
        sem.release()


def battle(cycles, with_rival):
    """The measuring process's (cycle, release and take times) in ns."""
    ctx = multiprocessing.get_context("fork")
    sem, stop = ctx.Lock(), ctx.Value("b", 0, lock=False)
    other = None
    if with_rival:
        other = ctx.Process(target=rival, args=(sem, stop))
        other.start()
        time.sleep(0.05)
    releases, takes = [], []
    start = pn()
    for _ in range(cycles):
        t0 = pn()
        sem.acquire()
        t1 = pn()
        countdown(HOLD)
        t2 = pn()
        sem.release()
        releases.append(pn() - t2)
        takes.append(t1 - t0)
    total = pn() - start
    if other:
        stop.value = 1
        other.join()
    return total / cycles, releases, takes


def report(cycle, releases, takes, with_rival):
    us = lambda xs, p: percentile(xs, p) / 1e3
    mean = lambda xs: sum(xs) / len(xs) / 1e3
    return ("%s: %.2f us a cycle; release p50 %.2f, p99 %.2f, mean %.2f us; "
            "take p50 %.2f, p99 %.2f, mean %.2f us" % (
                "with a rival" if with_rival else "alone", cycle / 1e3,
                us(releases, 0.5), us(releases, 0.99), mean(releases),
                us(takes, 0.5), us(takes, 0.99), mean(takes)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cycles", type=int, default=100_000)
    args = ap.parse_args()
    for with_rival in (False, True):
        print(report(*battle(args.cycles, with_rival), with_rival), flush=True)


if __name__ == "__main__":
    main()
