"""The cache of read files (roadmap_site/readcache.py): a file read once without problem is not parsed again
until its bytes change; what comes back is what the careful reader made of it; problems are always made
afresh; an unsafe or damaged cache is not used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roadmap_site import read, readcache
from roadmap_site.check import check

ROOT = Path(__file__).resolve().parent.parent
FICHE = "actions/03-boucle-reconditionnement-solidaire.yml"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(readcache.ENVIRONMENT, str(folder))
    return folder


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The names of the files the careful reader parses from now on."""
    parsed: list[str] = []
    real = read.parse

    def counting(text, name, *args, **kwargs):
        parsed.append(name)
        return real(text, name, *args, **kwargs)

    monkeypatch.setattr(read, "parse", counting)
    return parsed


def test_a_file_read_again_comes_from_the_cache_with_the_same_values_and_lines(cache, parses):
    first, problems = read.read_file(ROOT / FICHE, ROOT)
    assert problems == [] and parses == [FICHE]
    second, problems = read.read_file(ROOT / FICHE, ROOT)
    assert problems == [] and parses == [FICHE]  # not parsed again
    assert second.data == first.data and second.lines == first.lines and second.name == FICHE
    assert type(second.data["numero"]) is int and list(second.data) == list(first.data)  # types, key order
    assert second.line_of(("description",)) == first.line_of(("description",)) > 1
    assert len(list(cache.glob("*.json"))) == 1


def test_a_changed_file_is_read_again(cache, parses, tmp_path):
    (tmp_path / "actions").mkdir()
    path = tmp_path / FICHE
    text = (ROOT / FICHE).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    read.read_file(path, tmp_path)
    path.write_text(text.replace("numero: 3\n", "numero: 41\n"), encoding="utf-8")
    document, _ = read.read_file(path, tmp_path)
    assert parses == [FICHE, FICHE] and document.data["numero"] == 41


def test_a_file_with_problems_is_never_kept(cache, parses, tmp_path):
    path = tmp_path / "fiche.yml"
    path.write_text("numero: 4.000\nnumero: 5\n", encoding="utf-8")
    first = read.read_file(path, tmp_path)[1]
    second = read.read_file(path, tmp_path)[1]
    assert parses == ["fiche.yml", "fiche.yml"] and first == second and len(first) == 2
    assert not list(cache.glob("*.json"))


def test_the_value_of_an_empty_file_is_part_of_the_key(cache, tmp_path):
    path = tmp_path / "vide.yml"
    path.write_text("# rien pour l'instant\n", encoding="utf-8")
    assert read.read_file(path, tmp_path, empty=[])[0].data == []
    assert read.read_file(path, tmp_path, empty={})[0].data == {}


def test_a_damaged_entry_is_read_again(cache, parses):
    read.read_file(ROOT / FICHE, ROOT)
    for entry in cache.glob("*.json"):
        entry.write_text('{"data": ', encoding="utf-8")
    document, problems = read.read_file(ROOT / FICHE, ROOT)
    assert parses == [FICHE, FICHE] and problems == [] and document.data["numero"] == 3


def test_another_reader_reads_every_file_again(cache, parses, monkeypatch):
    read.read_file(ROOT / FICHE, ROOT)
    monkeypatch.setattr(readcache, "_reader_version", lambda: b"un autre lecteur")
    read.read_file(ROOT / FICHE, ROOT)
    assert parses == [FICHE, FICHE]


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch, parses):
    folder = tmp_path / "partage"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv(readcache.ENVIRONMENT, str(folder))
    read.read_file(ROOT / FICHE, ROOT)
    read.read_file(ROOT / FICHE, ROOT)
    assert parses == [FICHE, FICHE] and not list(folder.iterdir())


def test_an_empty_setting_turns_the_cache_off(monkeypatch, parses):
    monkeypatch.setenv(readcache.ENVIRONMENT, "")
    assert readcache.folder() is None
    read.read_file(ROOT / FICHE, ROOT)
    read.read_file(ROOT / FICHE, ROOT)
    assert parses == [FICHE, FICHE]


def test_the_default_folder_is_the_users_own(monkeypatch, tmp_path):
    monkeypatch.delenv(readcache.ENVIRONMENT)
    monkeypatch.setattr(readcache.tempfile, "gettempdir", lambda: str(tmp_path))
    folder = readcache.folder()
    assert folder == tmp_path / f"feuille-de-route-lecture-{os.getuid()}"
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_whole_check_reads_each_file_once_then_none(cache, parses):
    check(ROOT)
    first = list(parses)
    assert FICHE in first and len(first) == len(set(first))
    parses.clear()
    check(ROOT)
    assert parses == []
