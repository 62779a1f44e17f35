"""The package as another département gets it: pip-installed (not editable) into a fresh virtual environment,
with the example roadmap copied alone outside this repository, which then checks and builds strictly
(README, « Publier une autre feuille de route »)."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv

import pytest

from tests.conftest import ROOT
from tests.site.test_example_roadmap import EXAMPLE

pytestmark = pytest.mark.slow
# What pip says when it cannot reach the package registry at all (then the test is skipped, not failed).
UNREACHABLE = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
               "ConnectTimeoutError", "ProxyError")
# What the package is made of (pyproject.toml): copied aside, so that pip builds it without writing into
# this repository, and so that nothing else of the repository can be relied on.
SOURCES = ("pyproject.toml", "README.md", "roadmap_site")


def test_the_example_builds_from_the_installed_package_outside_the_repository(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = str(environment / "bin" / "python")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                str(source), "-c", str(ROOT / "constraints.txt")],
                               capture_output=True, text=True, timeout=900)
    if installed.returncode != 0 and any(sign in installed.stderr for sign in UNREACHABLE):
        pytest.skip("dépôt de paquets injoignable : pip ne peut pas installer les dépendances du paquet")
    assert installed.returncode == 0, installed.stderr

    project = shutil.copytree(EXAMPLE, tmp_path / "feuille-de-route")
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"} | {"NO_MKDOCS_2_WARNING": "1"}
    checked = subprocess.run([python, "-m", "roadmap_site", "check"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = subprocess.run([python, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    where = subprocess.run([python, "-c", "import roadmap_site; print(roadmap_site.__file__)"], cwd=project,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(environment)), where  # the installed package, not a folder of this repository
    site = project / "site"
    for address in ("index.html", "actions/former-aidants-exemple/index.html", "assets/stylesheets/lne.css",
                    "assets/javascripts/recherche.js", "pagefind/pagefind.js", "donnees/actions.csv"):
        assert (site / address).is_file(), address
