#!/usr/bin/env python3
"""What waking a thread costs the waker, against how long the woken thread's
CPU had been idle. A parent pinned to CPU 0 sends one byte over a socketpair
to a child pinned to CPU 1, blocked in recv(); before each send the parent
spins for the chosen idle time, so the child's CPU has been idle that long.
The time the parent spends in send() is the waker's cost: about that of a
send nobody waits for while the child's CPU still polls, and that plus an
inter-processor interrupt once it has halted (in a VM, the interrupt's write
exits to the hypervisor). Prints the medians and p90s, in microseconds.

Standard library only; Linux (sched_setaffinity), 2 CPUs or more.
    python3 tests/real_cpython/wake_cost.py
"""
import os
import socket
import time

pn = time.perf_counter_ns
IDLE_US = (0, 5, 20, 50, 100, 200, 1000, 5000)


def spin(ns):
    end = pn() + ns
    while pn() < end:
        pass


def quantiles(samples):
    samples.sort()
    return samples[len(samples) // 2] / 1e3, samples[len(samples) * 9 // 10] / 1e3


def echo_child(sock):
    os.sched_setaffinity(0, {1})
    while True:
        b = sock.recv(1)
        if not b:
            os._exit(0)
        sock.send(b)


def sends_to_a_sleeper():
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        a.close()
        echo_child(b)
    b.close()
    os.sched_setaffinity(0, {0})
    out = {}
    for idle_us in IDLE_US:
        sends = []
        for _ in range(300 if idle_us < 1000 else 100):
            spin(idle_us * 1000)
            t0 = pn()
            a.send(b"x")
            sends.append(pn() - t0)
            a.recv(1)
        out[idle_us] = quantiles(sends)
    a.close()
    os.waitpid(pid, 0)
    return out


def sends_to_nobody():
    c, d = socket.socketpair()
    sends = []
    for _ in range(300):
        t0 = pn()
        c.send(b"x")
        sends.append(pn() - t0)
        d.recv(1)
    return quantiles(sends)


def main():
    p50, p90 = sends_to_nobody()
    print("send() with nobody waiting:      p50 %6.2f  p90 %6.2f us" % (p50, p90))
    for idle_us, (p50, p90) in sends_to_a_sleeper().items():
        print("waking a peer idle %5d us:      p50 %6.2f  p90 %6.2f us" % (idle_us, p50, p90))


if __name__ == "__main__":
    main()
