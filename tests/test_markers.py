"""The pytest markers that `make test-rapide` relies on: every test of tests/browser/ carries `browser`, so that
`pytest -m "not browser"` leaves out each of them and nothing else of that folder."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _collected(*arguments: str) -> list[str]:
    """Test ids that `pytest --collect-only` selects with these arguments."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             *arguments, "tests/browser"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: nothing collected
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_every_browser_test_carries_the_browser_marker():
    everything = _collected()
    assert len(everything) > 50, everything  # a floor: a broken collection must not pass with nothing
    assert _collected("-m", "browser") == everything
    assert _collected("-m", "not browser") == []
