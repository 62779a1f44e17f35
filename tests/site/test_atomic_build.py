"""`make build` is atomic: the site is built aside and replaces site/ only when the build succeeds, so a
mistake never leaves a half-built or empty site/ behind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

pytestmark = pytest.mark.slow

VENV = Path(sys.executable).parent.parent


def make_build(project: Path) -> subprocess.CompletedProcess:
    """`make build` with this test run's Python environment, never reinstalling it."""
    return subprocess.run(["make", "-s", f"VENV={VENV}", "-o", f"{VENV}/.site", "build"], cwd=project,
                          capture_output=True, text=True, timeout=600)


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    previous = project / "site" / "index.html"
    previous.parent.mkdir()
    previous.write_text("le site publié hier", encoding="utf-8")
    fiche = project / "actions/03-boucle-reconditionnement-solidaire.yml"
    good = fiche.read_text(encoding="utf-8")
    fiche.write_text(good.replace("    montant: 4000\n", "    montant: 4.000\n"), encoding="utf-8")

    failed = make_build(project)
    assert failed.returncode != 0
    assert "« 4.000 » est ambigu" in failed.stderr
    assert previous.read_text(encoding="utf-8") == "le site publié hier"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]

    fiche.write_text(good, encoding="utf-8")
    built = make_build(project)
    assert built.returncode == 0, built.stderr
    assert "le site publié hier" not in previous.read_text(encoding="utf-8")
    assert (project / "site/actions/boucle-reconditionnement-solidaire/index.html").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]
