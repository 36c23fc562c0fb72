"""gilsim for Python: the simulator of Python's GIL, as a module.

    >>> import gilsim
    >>> report = gilsim.run("scenarios/convoy.toml", set={"interpreter.switch_interval": "1ms"})
    >>> report.metrics["gil_switches"]

Every function takes a scenario as a path (str or pathlib.Path) or as TOML text,
and gives the same numbers as the `gilsim` command: `Report.to_json()` is the
bytes of `gilsim run FILE --format json`. Errors in a scenario raise
ScenarioError with the file, line and column. docs/python.md has the whole API.
"""

import csv
import io
import json
import os
import pathlib

from . import _core

__all__ = ["run", "compare", "sweep", "explain", "Report", "Comparison", "ScenarioError"]


class ScenarioError(ValueError):
    """A scenario gilsim refuses, or a run that cannot finish (the CLI's exit 2).

    `file`, `line` and `column` say where (line 0: the whole file or run);
    `message` says what; str(error) is what the CLI prints, caret included.
    """

    def __init__(self, file, line, column, message, text=None):
        super().__init__(text or f"{file}: error: {message}")
        self.file = file
        self.line = line
        self.column = column
        self.message = message

    def __str__(self):
        return self.args[0].rstrip("\n")


def _source(scenario, variant=None, set=None, seed=None, max_events=None):
    """The scenario's text and name, with the options every call shares."""
    source = _core.Source()
    if isinstance(scenario, os.PathLike) or (
        isinstance(scenario, str) and "\n" not in scenario and scenario.endswith(".toml")
    ):
        path = os.fspath(scenario)
        try:
            with open(path, encoding="utf-8") as f:
                source.text = f.read()
        except OSError as e:
            raise ScenarioError(path, 0, 0, f"cannot read the file: {e.strerror}") from None
        source.name = path
    elif isinstance(scenario, str):
        source.text = scenario
        source.name = "<string>"
    else:
        raise TypeError("a scenario is a path (str or pathlib.Path) or TOML text")
    source.variant = variant
    source.sets = [(str(k), _setting(v)) for k, v in (set or {}).items()]
    source.seed = seed
    if max_events is not None:
        source.max_events = max_events
    return source


def _setting(value):
    """A --set value as the command line would spell it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _ns(value, what):
    """A time as ns: an int (ns) or a duration such as "12ms"."""
    if isinstance(value, int):
        return value
    ns = _core.duration_ns(str(value))
    if ns is None:
        raise ValueError(f"{what} {value!r}: expected a time such as '12ms' or ns as an int")
    return ns


class Report:
    """One run's report: the JSON report (docs/report-format.md) as Python data."""

    def __init__(self, source, result):
        self._source = source
        self._json = result["json"]
        self._table = result["table"]
        self.data = json.loads(self._json)
        self.metrics = self.data["metrics"]
        self.threads = self.data["threads"]
        self.loops = self.data["loops"]
        self.races = self.data["races"]

    def to_json(self):
        """The exact bytes `gilsim run FILE --format json` prints."""
        return self._json

    def table(self):
        """The report as `gilsim run FILE` prints it."""
        return self._table

    def timeline_svg(self, start=0, end=None, core_lanes=False):
        """The run's timeline as SVG (`gilsim run --timeline`), from `start` to `end`
        (ns or "12ms"; None: the end). The run is simulated again with its trace
        kept: the same input gives the same run."""
        start = _ns(start, "start")
        end = -1 if end is None else _ns(end, "end")
        return _core.timeline(self._source, start, end, core_lanes)

    def to_pandas(self):
        """The threads as a pandas DataFrame, one row per thread (needs pandas)."""
        import pandas  # only here: pandas is optional

        return pandas.json_normalize(self.threads)

    def __repr__(self):
        return self._table

    def _repr_html_(self):
        from html import escape

        try:
            picture = self.timeline_svg()
        except ScenarioError as e:  # a run too long to draw: say so under the table
            picture = f"<p>{escape(e.message)}</p>"
        return f"<pre>{escape(self._table)}</pre>\n{picture}"


def run(scenario, variant=None, set=None, seed=None, policy=None, max_events=None):
    """Runs a scenario (a path or TOML text) once; returns its Report.

    variant: one of the file's [[variant]]s; set: {"KEY": value} as --set;
    seed: instead of the file's; policy: a GIL policy, as --policy.
    """
    settings = dict(set or {})
    if policy is not None:
        settings = {"interpreter.gil": policy, **settings}
    source = _source(scenario, variant, settings, seed, max_events)
    return Report(source, _core.run(source))


class Comparison:
    """Runs side by side (`gilsim compare`): `columns`, and `rows` of
    {"metric", "values", "ratios"} as in `gilsim compare --format json`."""

    def __init__(self, result):
        self._json = result["json"]
        self._table = result["table"]
        self.data = json.loads(self._json)
        self.columns = self.data["columns"]
        self.rows = self.data["rows"]

    def to_json(self):
        return self._json

    def __getitem__(self, metric):
        """{column: value} for one metric, e.g. c["metrics.gil_switches"]."""
        for row in self.rows:
            if row["metric"] == metric:
                return dict(zip(self.columns, row["values"]))
        raise KeyError(metric)

    def __repr__(self):
        return self._table

    def _repr_html_(self):
        from html import escape

        return f"<pre>{escape(self._table)}</pre>"


def compare(scenario, policies=(), set=None, seeds=1, max_events=None):
    """The scenario as written and each of its [[variant]]s (or, given
    `policies`, the scenario under each policy), side by side."""
    source = _source(scenario, None, set, None, max_events)
    return Comparison(_core.compare(source, list(policies), seeds))


def sweep(scenario, params, steps=8, log=False, metrics=(), set=None, jobs=1, max_events=None):
    """A grid of one or two parameters ("KEY=FROM..TO"), for every variant.
    Returns one dict per run, as the rows of `gilsim sweep`'s CSV, numbers as
    numbers."""
    if isinstance(params, str):
        params = [params]
    source = _source(scenario, None, set, None, max_events)
    text = _core.sweep(source, list(params), steps, log, list(metrics), jobs)
    return [{k: _number(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _number(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return None if text == "" else text


def explain(scenario, thread, at, variant=None, set=None, seed=None, max_events=None):
    """Why `thread` was (not) running at `at` (ns or "12ms"): the chain of
    causes, oldest first, as `gilsim explain` prints them."""
    source = _source(scenario, variant, set, seed, max_events)
    return _core.explain(source, thread, _ns(at, "at"))
