"""ruff (ruff.toml) is clean on all the Python code: engine, glue, tests and scripts."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKED = ("roadmap_site", "hooks", "macros", "tests", "scripts")


def test_ruff_finds_nothing():
    if importlib.util.find_spec("ruff") is None and os.environ.get("CI") != "true":
        pytest.skip("ruff absent (pip install -r requirements-test.txt -c constraints.txt)")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *CHECKED], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
