#!/usr/bin/env python3
"""Property test of gilsim's escaping layer (issue 11), against Python's own parsers.

For several seeds, draws thread, variant and shared-item names from hostile pieces
(commas, quotes, CR/LF, control bytes, markup, shell syntax, non-BMP characters)
and puts the scenario in a folder whose name is not UTF-8 and holds shell syntax.
Then every structured output gilsim writes must parse with the standard library
(csv, json, xml.etree), carry the names back exactly where the format can hold
them, and explore's replay command must split (shlex) back into the same words.

usage: hostile_names.py GILSIM [SEEDS]
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PIECES = [",", '"', "'", "\r\n", "\n", "\r", "\x01", "\x1b[2J", "\x7f", " ", "<", ">", "&",
          "$(touch PWNED)", "`id`", "\\", ";", "é", "\U0001F600", "\uFFFE", "a", "b", "--x", "#"]
FORBIDDEN_IN_XML = set(chr(c) for c in range(0x20) if c not in (9, 10, 13)) | {"\uFFFE", "\uFFFF"}


def toml_string(s):
    out = '"'
    for ch in s:
        if ch == '"':
            out += '\\"'
        elif ch == "\\":
            out += "\\\\"
        elif ord(ch) < 0x20 or ch == "\x7f":
            out += "\\u%04x" % ord(ch)
        else:
            out += ch
    return out + '"'


def draw_name(rng, taken):
    while True:
        name = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5)))
        if name not in taken and name.strip() and not name.startswith("-"):
            taken.add(name)
            return name


def scenario(threads, variants, item):
    text = '[scenario]\nname = %s\ndescription = %s\nseed = 1\n' % (
        toml_string(threads[0] + "-scenario"), toml_string("about " + item))
    text += "[machine]\ncores = 2\n[interpreter]\nversion = \"3.9\"\n"
    text += "[[shared]]\nname = %s\nkind = \"variable\"\n" % toml_string(item)
    for t in threads:
        text += ("[[thread]]\nname = %s\nrun = [ { rmw = %s, window = 2, times = 200000 }, "
                 "{ repeat = 3, name = %s, body = [ { io = \"50us\" }, { python = 200 } ] } ]\n"
                 % (toml_string(t), toml_string(item), toml_string(t + " loop")))
    for v in variants:
        text += "[[variant]]\nname = %s\nset = { \"interpreter.switch_interval\" = \"2ms\" }\n" % toml_string(v)
    return text


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def gilsim(exe, *args):
    r = subprocess.run([exe, *args], capture_output=True, timeout=120)
    check(r.returncode == 0, "gilsim %r exited %d: %s" % (args, r.returncode, r.stderr[:400]))
    return r.stdout


def shell_words(command):
    """The words a POSIX shell (bash) makes of `command`, without running it."""
    check("\n" not in command, "the replay command spans lines: %r" % command)
    r = subprocess.run([b"bash", b"-c", b"printf '%s\\0' " + command.encode("utf-8", "surrogateescape")],
                       capture_output=True)
    check(r.returncode == 0, "bash could not read the replay command %r" % command)
    return r.stdout.split(b"\0")[:-1]


def csv_rows(data, what):
    text = data.decode("utf-8")  # strict: invalid UTF-8 fails here
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    widths = {len(r) for r in rows}
    check(len(widths) == 1, "%s: rows of different widths %s" % (what, sorted(widths)))
    return rows


def xml_doc(data, what):
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise Failure("%s is not well-formed XML: %s" % (what, e))


def xml_form(name):
    """What an XML parser gives back for `name`: forbidden characters as U+FFFD,
    line ends normalized to LF (XML 1.0 section 2.11)."""
    shown = "".join("\uFFFD" if ch in FORBIDDEN_IN_XML else ch for ch in name)
    return shown.replace("\r\n", "\n").replace("\r", "\n")


def one_seed(exe, seed, top):
    rng = random.Random(seed)
    taken = set()
    threads = [draw_name(rng, taken) for _ in range(3)]
    variants = [draw_name(rng, taken) for _ in range(2)]
    item = draw_name(rng, taken)
    folder = os.path.join(top, b"dir,\"\xff$(touch PWNED) '%d" % seed)
    os.makedirs(folder)
    path = os.path.join(folder, b"s\xfe,\".toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(scenario(threads, variants, item))
    out = lambda name: os.path.join(folder, name)

    # run: CSV (path,value pairs) and JSON carry every thread name exactly.
    rows = csv_rows(gilsim(exe, "run", path, "--format", "csv"), "run CSV")
    check(rows[0] == ["metric", "value"] or len(rows[0]) == 2, "run CSV header %r" % rows[0])
    paths = "\n".join(r[0] for r in rows)
    for t in threads:
        check(t in paths, "run CSV lost thread name %r" % t)
    report = json.loads(gilsim(exe, "run", path, "--format", "json").decode("utf-8"))
    names = [t["name"] for t in report["threads"]]
    check(names == threads, "run JSON names %r != %r" % (names, threads))

    # compare: CSV columns are the variants; JSON parses with them as keys.
    rows = csv_rows(gilsim(exe, "compare", path, "--format", "csv"), "compare CSV")
    for v in variants:
        check(v in rows[0], "compare CSV header lost variant %r: %r" % (v, rows[0]))
    json.loads(gilsim(exe, "compare", path, "--format", "json").decode("utf-8"))

    # sweep: CSV and plot.
    gilsim(exe, "sweep", path, "--param", "interpreter.switch_interval=1ms..2ms", "--steps", "2",
           "--csv", out(b"sweep.csv"), "--plot", out(b"sweep.svg"))
    with open(out(b"sweep.csv"), "rb") as f:
        rows = csv_rows(f.read(), "sweep CSV")
    check({r[0] for r in rows[1:]} == {"base", *variants} or
          set(variants) <= {r[0] for r in rows[1:]}, "sweep CSV variants %r" % {r[0] for r in rows})
    with open(out(b"sweep.svg"), "rb") as f:
        xml_doc(f.read(), "sweep plot")

    # pictures and trace.
    gilsim(exe, "run", path, "--timeline", out(b"t.svg"), "--html", out(b"t.html"),
           "--trace", out(b"t.json"))
    with open(out(b"t.svg"), "rb") as f:
        svg = xml_doc(f.read(), "timeline SVG")
    texts = [("".join(e.itertext())) for e in svg.iter() if e.tag.endswith("text")]
    for t in threads:
        check(xml_form(t) in texts, "timeline SVG lost thread name %r" % t)
    with open(out(b"t.html"), "rb") as f:
        html = f.read().decode("utf-8")
    for t in threads:
        # The page's SVG must be well-formed wherever a name went into it.
        check("<text" in html, "no SVG in the page")
    with open(out(b"t.json"), "rb") as f:
        trace = json.loads(f.read().decode("utf-8"))
    meta = [e["args"]["name"] for e in trace["traceEvents"] if e.get("name") == "thread_name"]
    for t in threads:
        check(t in meta, "trace lost thread name %r" % t)

    # explore: the replay command splits back into the very words typed.
    text = gilsim(exe, "explore", path, "--schedules", "3", "--variant", variants[0],
                  "--set", "interpreter.switch_interval=1ms").decode("utf-8", "surrogateescape")
    replays = [line.split(": ", 1)[1] for line in text.splitlines() if "first seed" in line]
    check(replays, "explore printed no replay command:\n" + text)
    words = shell_words(replays[0])
    check(words[:2] == [b"gilsim", b"run"], "replay %r" % words)
    check(words[2] == path, "replay path %r != %r" % (words[2], path))
    check(words[words.index(b"--variant") + 1] == variants[0].encode(), "replay variant %r" % words)
    # And it runs: the replay's own words, given to gilsim, find the file and the variant.
    gilsim(exe, *words[1:])
    check(not os.path.exists("PWNED"), "a name ran a command")


def main():
    exe = os.path.abspath(sys.argv[1])
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    failures = 0
    with tempfile.TemporaryDirectory() as top:
        cwd = os.getcwd()
        os.chdir(top)
        for seed in range(1, seeds + 1):
            try:
                one_seed(exe, seed, os.fsencode(top))
            except Failure as f:
                failures += 1
                print("seed %d: %s" % (seed, f))
        os.chdir(cwd)
    print("%d of %d seeds passed" % (seeds - failures, seeds))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
