"""The pytest markers: every test of tests/browser/ carries `browser`, so that `pytest -m "not browser"` (make
test-rapide) leaves out each of them; every test that builds a copy with MkDocs or runs a server carries `slow`."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

# Calls that build a roadmap with MkDocs (tests.conftest.build, test_atomic_build's `make build`) or start a server.
SLOW_CALLS = {"build", "make_build", "Popen"}


def _collected(*arguments: str, where: str = "tests/browser") -> list[str]:
    """Test ids that `pytest --collect-only` selects with these arguments."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             *arguments, where], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: nothing collected
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_every_browser_test_carries_the_browser_marker():
    everything = _collected()
    assert len(everything) > 50, everything  # a floor: a broken collection must not pass with nothing
    assert _collected("-m", "browser") == everything
    assert _collected("-m", "not browser") == []


def _calls(node: ast.AST) -> set[str]:
    return {c.func.id if isinstance(c.func, ast.Name) else getattr(c.func, "attr", "")
            for c in ast.walk(node) if isinstance(c, ast.Call)}


def building_tests() -> set[str]:
    """`file::test` of every test that calls a slow call itself, or through a helper or fixture of its file."""
    found = set()
    for path in sorted((ROOT / "tests").glob("**/test_*.py")):
        if "browser" in path.relative_to(ROOT).parts:  # marked by tests/browser/conftest.py instead
            continue
        functions = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.FunctionDef)]
        slow = {f.name for f in functions if _calls(f) & SLOW_CALLS}
        grown = True
        while grown:  # a function that calls, or takes as fixture, a slow one is slow
            more = {f.name for f in functions if (_calls(f) | {a.arg for a in f.args.args}) & slow} - slow
            slow |= more
            grown = bool(more)
        found |= {f"{path.relative_to(ROOT).as_posix()}::{f.name}" for f in functions
                  if f.name.startswith("test_") and f.name in slow}
    return found


def test_every_test_that_builds_or_serves_carries_the_slow_marker():
    expected = building_tests()
    assert len(expected) > 20, expected  # the search finds the known ones (test_example_roadmap, test_serve…)
    marked = {test.split("[")[0] for test in _collected("-m", "slow", where="tests")}
    assert expected - marked == set(), "marquer @pytest.mark.slow"
