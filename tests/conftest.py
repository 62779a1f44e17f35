"""Shared fixtures: the real project, its built site, and throw-away copies to break on purpose."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest

from roadmap_site import WATCHED, dates, load

ROOT = Path(__file__).resolve().parent.parent
# A roadmap: its records and data, docs/, its own theme overrides and mkdocs.yml; the package (roadmap_site) is
# installed, in editable mode for this repository (requirements.txt).
PROJECT_PARTS = (*WATCHED, "macros", "overrides", "mkdocs.yml")  # the package itself is installed (pip install -e .)


@pytest.fixture(scope="session")
def roadmap():
    return load(ROOT)


# The day the reference site (the session's `site`, the golden files) is built as of: pages say how old the
# latest information is on the build day (SOURCE_DATE_EPOCH, roadmap_site/dates.py), and the golden files must not
# change with the calendar. A fact recorded later than this day moves it to that fact's day, so that the
# reference build never refuses a fact that `make check` accepts.
REFERENCE_DAY = date(2026, 12, 6)


def reference_day(roadmap) -> date:
    latest = roadmap.suivi.derniere_date if roadmap.suivi else None
    return max(REFERENCE_DAY, dates.last_day(latest)) if latest else REFERENCE_DAY


def epoch(day: date) -> str:
    """SOURCE_DATE_EPOCH for noon (UTC) of `day`."""
    return str(int(datetime.combine(day, time(12), timezone.utc).timestamp()))


@contextlib.contextmanager
def as_of(day: date):
    """The engine run in this process renders as built on `day` (tests/engine_render.py, like `build`)."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch(day)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def build(project: Path, site: Path, day: date | None = None) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of `project` into `site`, as `make build` does; as of `day` when given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if day is not None:
        env["SOURCE_DATE_EPOCH"] = epoch(day)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def build_with_site_url(project: Path, site: Path, site_url: str) -> subprocess.CompletedProcess:
    """`build`, once `project`'s mkdocs.yml names its public address `site_url` (as before going online)."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nsite_url: {site_url}\n", encoding="utf-8")
    return build(project, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory, roadmap) -> Path:
    """The real site, built once for the whole test session, as of the reference day."""
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out, reference_day(roadmap))
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
