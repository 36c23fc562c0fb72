#!/usr/bin/env python3
"""gil_race.py's reading of round trips and the CPU thread's gaps, on made-up
stamps (ns) whose figures are worked out by hand below."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gil_race import figures, report  # noqa: E402

# Three round trips (send begins, send returns, recv returns):
#   1: 0 -> 10,000 -> 5,050,000; the CPU thread's gap ends at 8,000, inside
#      send(): taken 8 us after the send began (the I/O thread then waited).
#   2: 6,000,000 -> 6,002,000 -> 6,040,000; no gap ends before 6,040,000:
#      the I/O thread kept the GIL, its send() took 2 us.
#   3: 7,000,000 -> 7,002,000 -> 12,000,000; the gap ending at 7,020,000 is
#      the first after the send began, inside recv(): taken after 20 us.
# The gap ending at 6,100,000 falls after round trip 2 and before 3.
# After round trip 1, which it took the GIL in, it does not take it in 2;
# after 2, which it did not, it takes it in 3.
TRIPS = [(0, 10_000, 5_050_000), (6_000_000, 6_002_000, 6_040_000),
         (7_000_000, 7_002_000, 12_000_000)]
GAPS = [(-100_000, 8_000), (6_050_000, 6_100_000), (7_001_000, 7_020_000)]


def main():
    f = figures(TRIPS, GAPS)
    assert (f["in send"], f["in recv"], f["kept"]) == (1, 1, 1), f
    assert f["taken after"] == [8.0, 20.0], f
    assert f["send kept"] == [2.0], f
    assert f["rtt"] == [5050.0, 40.0, 5000.0], f
    assert (f["again"], f["anew"]) == ([0, 1], [1, 1]), f
    text = report(f, 0.005)
    print(text)
    assert text.splitlines()[0] == "interval 5 ms: 3 round trips, p50 5000.0 us, p90 5050.0 us"
    assert text.splitlines()[1].endswith("inside send(): 1, inside recv(): 1, not: 1")
    assert text.splitlines()[4] == ("  after a round trip it took the GIL in, it took it again in "
                                    "0 of 1; after one it did not, in 1 of 1"), text
    print("ok")


if __name__ == "__main__":
    main()
