#!/usr/bin/env python3
"""No function in sim/ over 60 lines (issue 13), unless it is a flat table or
switch, listed below with the reason. Prints the offenders; exit 1 if any.

A function is a top-level brace block (outside namespaces, not a class or an
initialized table) in a .cpp file, counted from the first line of its
signature to its closing brace. Member functions written inside a class body
are not measured; they are kept short by review.
"""
import os
import re
import sys

LIMIT = 60
# Flat tables and switches: long, but one entry per line and nothing to follow.
FLAT = {
    ("sim/cli/commands.cpp", "commands"): "the table of commands and their options",
    ("sim/gilsim/lab/homework_topics.cpp", "cpu_bound"): "an exercise's text and questions",
    ("sim/gilsim/lab/homework_topics.cpp", "convoy"): "an exercise's text and questions",
    ("sim/gilsim/lab/homework_topics.cpp", "old_gil"): "an exercise's text and questions",
    ("sim/gilsim/lab/homework_topics.cpp", "races"): "an exercise's text and questions",
    ("sim/gilsim/lab/homework_topics.cpp", "policy"): "an exercise's text and questions",
    ("sim/gilsim/report/metrics.cpp", "on_record"): "a switch over record kinds",
    ("sim/gilsim/report/chrome_trace.cpp", "on_record"): "a switch over record kinds",
    ("sim/gilsim/scenario/scenario_decoder.cpp", "apply_interpreter_keys"): "one read per key",
    ("sim/gilsim/model/interpreter.cpp", "advance"): "a switch over a thread's micro-steps",
}


def strip(line):
    line = re.sub(r'R"\((.*?)\)"', '""', line)
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split("//")[0]


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    depth, start, signature = 0, None, None
    for i, raw in enumerate(lines):
        line = strip(raw)
        if depth == 0 and re.match(r"\s*namespace\b.*\{\s*$", line):
            continue
        if depth == 0 and re.match(r"\}\s*$", line) and "namespace" in raw:
            continue
        if depth == 0 and raw and not raw[0].isspace() and not raw.startswith(("#", "//", "}")):
            signature = i
        opens, closes = line.count("{"), line.count("}")
        if depth == 0 and opens > closes:
            start = signature if signature is not None else i
        depth += opens - closes
        if depth == 0 and start is not None and (opens or closes):
            head = " ".join(lines[start:i + 1])[:400]
            # Classes, enums and initialized tables are not functions.
            if not re.match(r"\s*(template\s*<[^>]*>\s*)?(class|struct|enum|union)\b", head) and \
                    not re.match(r"[^({]*=", head):
                name = re.search(r"(\w+)\s*\(", head)
                yield (name.group(1) if name else "?"), start + 1, i - start + 1
            start = None


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    bad = 0
    for folder, _, files in sorted(os.walk(os.path.join(top, "sim"))):
        for f in sorted(files):
            if not f.endswith(".cpp"):
                continue
            path = os.path.join(folder, f)
            rel = os.path.relpath(path, top)
            for name, line, n in functions(path):
                if n > LIMIT and (rel, name) not in FLAT:
                    print("%s:%d: %s is %d lines (at most %d, or a flat table or switch)"
                          % (rel, line, name, n, LIMIT))
                    bad += 1
    print("%d function%s over %d lines" % (bad, "" if bad == 1 else "s", LIMIT))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
