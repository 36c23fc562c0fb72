"""The Python module against the CLI: the same scenario gives the same bytes.

Run by ctest under Debian's python3 with PYTHONPATH at the staged package:
    module_test.py GILSIM_BINARY SOURCE_DIR
"""

import pathlib
import subprocess
import sys
import unittest

import gilsim

GILSIM = sys.argv[1] if len(sys.argv) > 2 else "gilsim"
ROOT = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ".")
CONVOY = ROOT / "scenarios" / "convoy.toml"


def cli(*args):
    """What `gilsim ARGS` prints, and its exit code."""
    done = subprocess.run([GILSIM, *map(str, args)], capture_output=True, text=True)
    return done.stdout, done.returncode


def scenarios():
    files = sorted((ROOT / "scenarios").glob("*.toml")) + sorted((ROOT / "scenarios" / "anchors").glob("*.toml"))
    assert len(files) > 20, files
    return files


class SameBytesAsTheCli(unittest.TestCase):
    def test_every_scenario_reports_the_clis_json(self):
        for path in scenarios():
            with self.subTest(scenario=path.name):
                expected, code = cli("run", path, "--format", "json")
                self.assertEqual(code, 0)
                self.assertEqual(gilsim.run(path).to_json(), expected)

    def test_text_and_path_give_the_same_report(self):
        self.assertEqual(gilsim.run(CONVOY.read_text()).to_json(), gilsim.run(str(CONVOY)).to_json())

    def test_set_seed_variant_and_policy_are_the_clis_options(self):
        expected, _ = cli("run", ROOT / "scenarios/convoy_policies.toml", "--variant", "fifo-handoff",
                          "--set", "interpreter.switch_interval=1ms", "--seed", "7", "--format", "json")
        got = gilsim.run(ROOT / "scenarios/convoy_policies.toml", variant="fifo-handoff",
                         set={"interpreter.switch_interval": "1ms"}, seed=7)
        self.assertEqual(got.to_json(), expected)
        expected, _ = cli("run", CONVOY, "--policy", "check-interval", "--format", "json")
        self.assertEqual(gilsim.run(CONVOY, policy="check-interval").to_json(), expected)

    def test_the_table_is_the_clis(self):
        expected, _ = cli("run", CONVOY)
        self.assertEqual(repr(gilsim.run(CONVOY)), expected)

    def test_compare_sweep_and_explain_are_the_clis(self):
        policies = ROOT / "scenarios/convoy_policies.toml"
        expected, _ = cli("compare", policies, "--format", "json")
        self.assertEqual(gilsim.compare(policies).to_json(), expected)
        csv, _ = cli("sweep", CONVOY, "--param", "interpreter.switch_interval=1ms..5ms", "--steps", "3")
        rows = gilsim.sweep(CONVOY, "interpreter.switch_interval=1ms..5ms", steps=3)
        self.assertEqual(len(rows), len(csv.splitlines()) - 1)
        header = csv.splitlines()[0].split(",")
        self.assertEqual(list(rows[0]), header)
        last = csv.splitlines()[-1].split(",")
        self.assertEqual(rows[-1]["metrics.gil_switches"], int(last[header.index("metrics.gil_switches")]))
        lines, _ = cli("explain", CONVOY, "--thread", "io", "--at", "12ms")
        self.assertEqual(gilsim.explain(CONVOY, "io", "12ms"), lines.splitlines())
        self.assertEqual(gilsim.explain(CONVOY, "io", 12_000_000), lines.splitlines())


class PythonData(unittest.TestCase):
    def test_a_report_is_plain_python_data(self):
        r = gilsim.run(CONVOY)
        self.assertIsInstance(r.metrics["gil_switches"], int)
        self.assertEqual([t["name"] for t in r.threads], ["cpu", "io"])
        self.assertEqual(r.loops[0]["name"], "request")
        self.assertEqual(r.races, [])

    def test_in_jupyter_a_report_shows_its_table_and_timeline(self):
        html = gilsim.run(CONVOY, set={"scenario.stop": "100ms"})._repr_html_()
        self.assertIn("gil switches", html)
        self.assertIn("<svg", html)

    def test_to_pandas_gives_a_row_per_thread(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        frame = gilsim.run(CONVOY).to_pandas()
        self.assertEqual(list(frame["name"]), ["cpu", "io"])


class Errors(unittest.TestCase):
    def test_a_toml_error_carries_file_line_and_column(self):
        with self.assertRaises(gilsim.ScenarioError) as caught:
            gilsim.run("[scenario]\nname = 3\n")
        e = caught.exception
        self.assertEqual((e.file, e.line, e.column), ("<string>", 2, 8))
        self.assertIn("must be a string", e.message)
        self.assertTrue(str(e).startswith("<string>:2:8: error:"))

    def test_a_bad_setting_names_the_setting(self):
        with self.assertRaises(gilsim.ScenarioError) as caught:
            gilsim.run(CONVOY, set={"machine.cores": "many"})
        self.assertIn('set["machine.cores"]', str(caught.exception))

    def test_a_missing_file_and_an_unknown_variant_are_scenario_errors(self):
        with self.assertRaises(gilsim.ScenarioError):
            gilsim.run("no/such/file.toml")
        with self.assertRaises(gilsim.ScenarioError) as caught:
            gilsim.run(CONVOY, variant="nope")
        self.assertEqual(caught.exception.file, str(CONVOY))

    def test_a_runaway_run_is_stopped_with_the_clis_sentence(self):
        with self.assertRaises(gilsim.ScenarioError) as caught:
            gilsim.run(CONVOY, max_events=1000)
        self.assertIn("events", caught.exception.message)

    def test_a_bad_time_is_a_value_error(self):
        with self.assertRaises(ValueError):
            gilsim.explain(CONVOY, "io", "soon")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
