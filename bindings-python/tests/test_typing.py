"""The stub is exact enough for ``mypy --strict`` (docs/choices.md, "One meaning per type"):
a typed analyst's script passes, and each mistake of the misuse file is reported on its line."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "typing"


def mypy(path):
    pytest.importorskip("mypy")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null", "--hide-error-context",
         "--no-error-summary", "--show-column-numbers", str(path)],
        capture_output=True, text=True, cwd=HERE,
    )
    return run.returncode, run.stdout + run.stderr


def test_typed_usage_passes_mypy_strict():
    code, output = mypy(HERE / "typed_usage.py")
    assert code == 0, output


def test_each_mistake_is_reported_on_its_line():
    source = (HERE / "typed_misuse.py").read_text(encoding="utf-8").splitlines()
    marked = {i + 1 for i, line in enumerate(source) if line.endswith("# error")}
    code, output = mypy(HERE / "typed_misuse.py")
    reported = {int(m.group(1)) for m in re.finditer(r"typed_misuse\.py:(\d+):\d+: error", output)}
    assert code == 1, output
    assert reported == marked, output
