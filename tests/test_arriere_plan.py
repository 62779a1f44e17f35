"""The second process of a build (roadmap_site/background.py) makes exactly what the build would make itself:
the same pages, the same open data files; its errors reach the build."""

from __future__ import annotations

import pytest

from roadmap_site import background, exports
from roadmap_site.pages import page_specs

pytestmark = pytest.mark.skipif(not background.possible(), reason="un seul processeur ou pas de fork")


def test_the_worker_renders_the_pages_and_writes_the_open_data(roadmap, tmp_path):
    specs = page_specs(roadmap)
    worker = background.Background(roadmap, specs, tmp_path, "https://exemple.fr/")
    for spec in reversed(specs):  # in any order
        assert worker.page(spec) == spec.render("https://exemple.fr/")
    worker.finish()
    written = {path.relative_to(tmp_path).as_posix(): path.read_bytes()
               for path in tmp_path.rglob("*") if path.is_file()}
    assert written == exports.files(roadmap, "https://exemple.fr/")


def test_an_error_of_the_worker_is_raised_by_finish(roadmap, tmp_path):
    site = tmp_path / "site"
    site.write_text("un fichier, pas un dossier", encoding="utf-8")
    worker = background.Background(roadmap, (), site, None)
    with pytest.raises(OSError):
        worker.finish()


def test_a_cancelled_worker_is_stopped(roadmap, tmp_path):
    worker = background.Background(roadmap, (), tmp_path, None)
    worker.cancel()
    with pytest.raises(RuntimeError):  # no more work accepted
        worker._pool.submit(print)


def test_one_processor_makes_no_worker(monkeypatch):
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda pid: {0})
    assert not background.possible()
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda pid: {0, 1})
    assert background.possible()
