"""The second process of a build (engine/background.py) makes exactly what the build would make itself:
the same pages, the same open data files, the same search terms in the same order; its errors reach the
build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import background, exports
from engine.pages import page_specs
from engine.search import Terms

pytestmark = pytest.mark.skipif(not background.possible(), reason="un seul processeur ou pas de fork")


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_worker_renders_the_pages_writes_the_open_data_and_gives_each_entrys_terms_in_order(
        roadmap, index, tmp_path):
    entries = [(doc["title"], doc["text"]) for doc in index["docs"]]
    specs = page_specs(roadmap)
    worker = background.Background(roadmap, specs, tmp_path, "https://exemple.fr/", index["config"]["separator"])
    for spec in reversed(specs):  # in any order
        assert worker.page(spec) == spec.render("https://exemple.fr/")
    for start in range(0, len(entries), 7):  # page by page, as the build indexes them
        worker.index(entries[start:start + 7])
    worker.index([])
    terms = worker.finish()

    expected = Terms(index["config"]["separator"], roadmap.organisations.values()).of_entries(entries)
    assert terms == expected and any(title or text for title, text in terms)
    written = {path.relative_to(tmp_path).as_posix(): path.read_bytes()
               for path in tmp_path.rglob("*") if path.is_file()}
    assert written == exports.files(roadmap, "https://exemple.fr/")


def test_an_error_of_the_worker_is_raised_by_finish(roadmap, tmp_path):
    site = tmp_path / "site"
    site.write_text("un fichier, pas un dossier", encoding="utf-8")
    worker = background.Background(roadmap, (), site, None, None)
    with pytest.raises(OSError):
        worker.finish()


def test_a_cancelled_worker_is_stopped(roadmap, tmp_path):
    worker = background.Background(roadmap, (), tmp_path, None, None)
    worker.cancel()
    with pytest.raises(RuntimeError):  # no more work accepted
        worker.index([("Titre", "Texte")])


def test_one_processor_makes_no_worker(monkeypatch):
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda pid: {0})
    assert not background.possible()
    monkeypatch.setattr(background.os, "sched_getaffinity", lambda pid: {0, 1})
    assert background.possible()
