#!/usr/bin/env bash
# Runs every exported notebook in a real Jupyter kernel (Debian's python3-nbclient
# and python3-ipykernel) and checks that each gilsim command prints what the
# notebook shows: the notebooks are what a student gets by running them.
#   notebooks_run.sh SOURCE_DIR GILSIM_BINARY_DIR
# Exit 77 (skipped) where nbclient or ipykernel is missing; `./build.sh test`
# installs them. The notebooks run in a scratch copy of the repository's top
# folder, so the pictures they draw do not land in the source tree.
set -euo pipefail
src=${1:?usage: notebooks_run.sh SOURCE_DIR GILSIM_BINARY_DIR}
bin=${2:?usage: notebooks_run.sh SOURCE_DIR GILSIM_BINARY_DIR}
python=/usr/bin/python3
if ! "$python" -c "import nbclient, ipykernel, nbformat" 2>/dev/null; then
  echo "python3-nbclient or python3-ipykernel is not installed: skipped" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$src/scenarios" "$work/scenarios"
ln -s "$src/docs" "$work/docs"
mkdir "$work/notebooks_export"
cp "$src"/notebooks_export/*.ipynb "$work/notebooks_export/"
export PATH="$bin:$PATH"  # the notebooks' first cell also puts build/sim in front
export PYTHONPATH="$bin/../python"  # the module, for the notebook that imports gilsim
# A build without the Python module (the sanitizer build) cannot run that notebook.
[ -f "$bin/../python/gilsim/__init__.py" ] && export GILSIM_HAS_MODULE=1
export PYDEVD_DISABLE_FILE_VALIDATION=1  # no debugger warnings on a cell's stderr
"$python" - "$work/notebooks_export" <<'PY'
import pathlib, re, sys
import nbclient, nbformat

progress = re.compile(r"^(schedule|sweep) \d+/\d+$")  # what explore and sweep print on a terminal

def printed(cell):
    text = "".join(o.text for o in cell.outputs if o.output_type == "stream")
    lines = [line.split("\r")[-1] for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if not progress.match(line))

def shown_html(cell):
    return [o.data.get("text/html") for o in cell.outputs if o.output_type == "execute_result"]

notebooks = sorted(pathlib.Path(sys.argv[1]).glob("*.ipynb"))
if len(notebooks) < 5:
    sys.exit(f"expected a notebook per lab, found {len(notebooks)}")
import os
for path in notebooks:
    shown = nbformat.read(str(path), as_version=4)
    imports = any("import gilsim" in c.source for c in shown.cells if c.cell_type == "code")
    if imports and not os.environ.get("GILSIM_HAS_MODULE"):
        print(f"{path.name}: not run: this build has no Python module (sim/python)")
        continue
    ran = nbformat.read(str(path), as_version=4)
    client = nbclient.NotebookClient(ran, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    commands = 0
    for a, b in zip(shown.cells, ran.cells):
        # gilsim commands and the Python module's cells tagged "simulated" print the
        # same bytes on every run; "measured" cells time this machine.
        simulated = "simulated" in a.metadata.get("tags", [])
        if a.cell_type != "code" or not (a.source.startswith("!gilsim ") or simulated):
            continue
        commands += 1
        if printed(a) != printed(b) or shown_html(a) != shown_html(b):
            sys.exit(f"{path.name}: `{a.source}` printed something else in Jupyter:\n{printed(b)}")
    print(f"{path.name}: ran in Jupyter; its {commands} commands printed what it shows")
PY
