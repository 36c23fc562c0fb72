#!/usr/bin/env bash
# Validates every notebook in notebooks_export/ against the nbformat 4 schema
# with Debian's python3-nbformat (Jupyter's own validator). Exit 77 (skipped)
# where it is not installed; `./build.sh test` installs it.
set -euo pipefail
dir=${1:?usage: notebooks_valid.sh NOTEBOOK_DIR}
python=/usr/bin/python3
if ! "$python" -c "import nbformat" 2>/dev/null; then
  echo "python3-nbformat is not installed: skipped" >&2
  exit 77
fi
"$python" - "$dir" <<'PY'
import pathlib, sys
import nbformat
notebooks = sorted(pathlib.Path(sys.argv[1]).glob("*.ipynb"))
if len(notebooks) < 5:
    sys.exit(f"expected a notebook per lab, found {len(notebooks)}")
for path in notebooks:
    nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
    if nb.nbformat != 4:
        sys.exit(f"{path}: nbformat {nb.nbformat}, expected 4")
    nbformat.validate(nb)  # raises ValidationError with the path inside the notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    # gilsim commands, and the Python module's cells tagged "simulated"
    commands = [c for c in code
                if c.source.startswith("!gilsim ") or "simulated" in c.metadata.get("tags", [])]
    if not commands or any(not c.outputs for c in commands):
        sys.exit(f"{path}: every gilsim command must carry its output")
    svgs = sum(1 for c in code for o in c.outputs if "image/svg+xml" in o.get("data", {}))
    print(f"{path.name}: valid, {len(nb.cells)} cells, {len(commands)} commands, {svgs} pictures")
PY
