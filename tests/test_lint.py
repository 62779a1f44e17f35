"""ruff and mypy ([tool.ruff] and [tool.mypy] of pyproject.toml) find nothing: ruff on all the Python code
(engine, glue, tests and scripts), mypy on the engine and the macros glue."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKED = ("roadmap_site", "hooks", "macros", "tests", "scripts")


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None and os.environ.get("CI") != "true":
        pytest.skip(f"{module} absent (pip install -r requirements-test.txt -c constraints.txt)")


def test_ruff_finds_nothing():
    _needs("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *CHECKED], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # about 15 s without its cache (.mypy_cache/)
def test_mypy_finds_nothing():
    _needs("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
