"""Shared fixtures: the real project, its built site, and throw-away copies to break on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import WATCHED, load, readcache  # noqa: E402

PROJECT_PARTS = (*WATCHED, "engine", "hooks", "macros", "overrides", "mkdocs.yml")


@pytest.fixture(scope="session", autouse=True)
def read_cache(tmp_path_factory) -> Path:
    """The cache of read files (engine/readcache.py) of this session alone, for its builds too: the tests
    never depend on, nor fill, the user's."""
    folder = tmp_path_factory.mktemp("lecture")
    os.environ[readcache.ENVIRONMENT] = str(folder)
    return folder


@pytest.fixture(scope="session")
def roadmap():
    return load(ROOT)


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of `project` into `site`, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for the whole test session."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def copy_project(dest: Path) -> Path:
    """A full copy of the project, to modify without touching the real one."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, dest / part)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "projet")
