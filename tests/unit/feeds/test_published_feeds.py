"""The feeds of changes as the site publishes them: one for the roadmap, one per fiche, from the git history of
the records; valid Atom (tests/unit/feeds/test_feeds.py), one entry per change with the right link, nobody's name; a
build without history still writes them and says why."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, time, timezone
from pathlib import Path

import pytest
import yaml

from roadmap_site import baseline, exports, history, load
from roadmap_site.dates import build_day
from roadmap_site.exports import changes
from tests.conftest import ROOT, build
from tests.gitrepo import Repo
from tests.unit.feeds.test_feeds import valid
from tests.unit.history.test_history import _all_killed, _slow_git

A = "{http://www.w3.org/2005/Atom}"
EXAMPLE = ROOT / "tests" / "exemple"


def entries(document: bytes) -> list[dict]:
    feed = ET.fromstring(document)
    return [{"id": e.findtext(f"{A}id"), "title": e.findtext(f"{A}title"), "updated": e.findtext(f"{A}updated"),
             "href": e.find(f"{A}link").get("href"), "summary": e.findtext(f"{A}summary")}
            for e in feed.findall(f"{A}entry")]


def _fiches(root: Path = ROOT) -> dict[str, dict]:
    return {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((root / "actions").glob("*.yml"))}


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("pas de dépôt git : les flux n'ont pas d'historique à comparer")
    return result.stdout


def _commits(path: str) -> list[str]:
    """The commits that changed a file, renames followed, read from git by the test itself."""
    if _git("rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("clone superficiel : l'historique des fiches est incomplet (les flux le disent)")
    return _git("log", "--follow", "--format=%H", "--", path).split()


FOLLOWED = ("actions", "suivi", "deliberations", "budget")  # the folders of the records the feeds follow


def test_the_site_feeds_are_valid_atom_with_one_entry_per_change(site):
    roadmap_feed = (site / "donnees/modifications.atom").read_bytes()
    valid(roadmap_feed)
    all_entries = {e["id"]: e for e in entries(roadmap_feed)}
    every_record = [p.relative_to(ROOT).as_posix()
                    for folder in FOLLOWED for p in sorted((ROOT / folder).glob("*.yml"))]
    assert len(all_entries) == sum(len(_commits(path)) for path in every_record)
    for path, fiche in _fiches().items():
        folder = f"actions/{fiche['slug']}"
        document = (site / folder / "modifications.atom").read_bytes()
        valid(document)
        mine = entries(document)
        follow_up = f"suivi/{fiche['numero']:02d}-{fiche['slug']}.yml"
        expected = len(_commits(path)) + (len(_commits(follow_up)) if (ROOT / follow_up).exists() else 0)
        assert len(mine) == expected, path
        for entry in mine:  # the fiche's page, from the feed's own address
            assert posixpath.normpath(posixpath.join(folder, entry["href"])) == folder
            assert entry["title"].startswith((f"Fiche n°{fiche['numero']} — ",
                                              f"Suivi de la fiche n°{fiche['numero']} — "))
            assert all_entries[entry["id"]]["href"] == f"../{folder}/"  # the same entry in the roadmap's feed


def test_no_commit_author_in_any_feed(site):
    names = _git("log", "--format=%an%n%ae%n%cn%n%ce").split("\n")
    names = {n for n in names if n}
    assert names, "aucun auteur lu"
    for feed in site.rglob("*.atom"):
        text = feed.read_text(encoding="utf-8")
        assert not [n for n in names if n in text], feed


@pytest.mark.parametrize("name", ["action", "suivi", "deliberation", "budget"])
def test_every_top_level_field_of_a_followed_record_has_its_label(name):
    """A field without its label would read « le champ « x » » in a summary."""
    schema = yaml.safe_load((ROOT / f"roadmap_site/schemas/{name}.schema.yml").read_text(encoding="utf-8"))
    labels = changes.labels(load(ROOT).schemas, name)
    assert set(labels) == set(schema["properties"])
    assert all(label.startswith(("le ", "la ", "l'", "les ")) for label in labels.values())


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory):
    """The example roadmap in a repository of its own: created, then one fiche edited."""
    repo = Repo(tmp_path_factory.mktemp("exemple-historique"))
    for part in ("actions", "data", "diagnostic", "deliberations", "suivi", "budget"):
        shutil.copytree(EXAMPLE / part, repo.path / part)
    first = repo.commit("Ajout de la feuille de route", "2025-01-10T09:00:00+01:00")
    fiche = repo.path / "actions/02-lieux-accueil-exemple.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8")
                     .replace("intitule: Ouvrir trois lieux d'accueil numérique",
                              "intitule: Ouvrir quatre lieux d'accueil")
                     .replace("etp: 0.2", "etp: 0.25"), encoding="utf-8")
    second = repo.commit("Fiche 2 : quatre lieux", "2025-03-04T16:30:00+01:00")
    return repo, first, second


def test_each_change_with_its_date_summary_and_link(history_repo):
    repo, _, _ = history_repo
    found = exports.files(load(repo.path))
    fiche = entries(found["actions/lieux-accueil-exemple/modifications.atom"])
    assert [(e["title"], e["updated"], e["href"], e["summary"]) for e in fiche] == [
        ("Fiche n°2 — Ouvrir quatre lieux d'accueil — Modification de l'intitulé et des ressources humaines",
         "2025-03-04T16:30:00+01:00", "./", "Modification de l'intitulé et des ressources humaines."),
        ("Fiche n°2 — Ouvrir quatre lieux d'accueil — Création de la fiche", "2025-01-10T09:00:00+01:00", "./",
         "Création de la fiche."),
        ("Suivi de la fiche n°2 — Ouvrir quatre lieux d'accueil — Création du suivi de la fiche",
         "2025-01-10T09:00:00+01:00", "./", "Création du suivi de la fiche."),
    ]
    roadmap = found["donnees/modifications.atom"]
    valid(roadmap)
    # Created: 4 fiches, 3 follow-ups, 2 deliberations, 2 budget tables; then one fiche edited.
    assert len(entries(roadmap)) == 12
    budget = {e["title"]: e["href"] for e in entries(roadmap) if "tableau budgétaire" in e["title"]}
    assert budget == {"Prévisions 2025 — Création du tableau budgétaire": "../suivi/budget/#tableau-2025-prevision",
                      "Aide attendue en 2025 — Création du tableau budgétaire": "../suivi/budget/#tableau-2025-aide"}
    assert entries(roadmap)[0] == {**fiche[0], "href": "../actions/lieux-accueil-exemple/"}
    assert ET.fromstring(roadmap).findtext(f"{A}updated") == "2025-03-04T16:30:00+01:00"
    untouched = ET.fromstring(found["actions/former-aidants-exemple/modifications.atom"])
    assert untouched.findtext(f"{A}updated") == "2025-01-10T09:00:00+01:00"
    assert b"Agent Exemple" not in b"".join(v for k, v in found.items() if k.endswith(".atom"))


def test_absolute_links_once_the_site_address_is_known(history_repo):
    repo, _, _ = history_repo
    found = exports.files(load(repo.path), "https://exemple.invalid/feuille/")
    feed = ET.fromstring(found["actions/lieux-accueil-exemple/modifications.atom"])
    assert {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")} == {
        "self": "https://exemple.invalid/feuille/actions/lieux-accueil-exemple/modifications.atom",
        "alternate": "https://exemple.invalid/feuille/actions/lieux-accueil-exemple/"}
    fiche = yaml.safe_load(found["actions/lieux-accueil-exemple/fiche.json"])
    assert fiche["page"] == "https://exemple.invalid/feuille/actions/lieux-accueil-exemple/"


def test_a_new_fiche_not_yet_committed(history_repo, tmp_path):
    repo, _, _ = history_repo
    copy = shutil.copytree(repo.path, tmp_path / "copie")
    fiche = copy / "actions/02-lieux-accueil-exemple.yml"
    (copy / "actions/05-nouvelle.yml").write_text(fiche.read_text(encoding="utf-8").replace("numero: 2", "numero: 5")
                                                  .replace("slug: lieux-accueil-exemple", "slug: nouvelle"),
                                                  encoding="utf-8")
    feed = exports.files(load(copy))["actions/nouvelle/modifications.atom"]
    valid(feed)
    assert entries(feed) == []
    assert ET.fromstring(feed).findtext(f"{A}subtitle") == changes.NO_CHANGE


def test_without_git_the_feeds_say_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git to be found
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767268800")  # after the example's latest fact: a build day
    found = exports.files(load(EXAMPLE))
    for address in ("donnees/modifications.atom", "actions/former-aidants-exemple/modifications.atom"):
        valid(found[address])
        feed = ET.fromstring(found[address])
        assert feed.findtext(f"{A}subtitle") == ("Historique indisponible : git n'est pas installé sur la machine qui "
                                                 "a construit le site.")
        assert feed.findtext(f"{A}updated") == "2026-01-01T12:00:00+00:00"


@pytest.mark.slow
def test_a_build_outside_a_repository_succeeds_and_its_feeds_say_why(project, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    for feed in [out / "donnees/modifications.atom", *(out / "actions").glob("*/modifications.atom")]:
        document = feed.read_bytes()
        valid(document)
        [entry] = entries(document)
        assert entry["summary"] == ("Historique indisponible : le site a été construit hors d'un dépôt git "
                                    "(archive ou copie des fichiers).")
        assert entry["updated"] == datetime.combine(build_day(), time.min, timezone.utc).isoformat()


MIDNIGHT = object()  # the build day at 00:00 UTC


@pytest.mark.parametrize("where, epoch, expected", [
    ("repository", "1767268800", "2026-01-01T12:00:00+00:00"),  # SOURCE_DATE_EPOCH first
    ("repository", None, "2025-06-30T18:45:00+02:00"),  # else the last commit's date, with its offset
    ("archive", None, MIDNIGHT),  # outside a repository
    ("no git", None, MIDNIGHT),
    ("git hangs", None, MIDNIGHT),  # killed after LAST_COMMIT_TIMEOUT
    ("archive", "1767268800", "2026-01-01T12:00:00+00:00"),
])
def test_the_date_of_a_feed_without_changes_is_never_a_file_time(tmp_path, monkeypatch, where, epoch, expected):
    """Record files dated 2001 on disk (a copy, a checkout) never date a feed."""
    root = tmp_path / "feuille"
    shutil.copytree(EXAMPLE, root)
    if where == "repository":
        repo = Repo(root)
        repo.commit("Première version", "2025-03-01T09:00:00+01:00")
        repo.commit("Seconde version", "2025-06-30T18:45:00+02:00")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for path in root.rglob("*.yml"):
        os.utime(path, (978307200, 978307200))
    if where == "no git":
        monkeypatch.setenv("PATH", str(tmp_path))
    if where == "git hangs":
        (tmp_path / "bin").mkdir()
        pids = _slow_git(tmp_path / "bin")
        monkeypatch.setenv("PATH", str(tmp_path / "bin"))
        monkeypatch.setattr(history, "LAST_COMMIT_TIMEOUT", 0.5)
        monkeypatch.setattr(baseline, "TIMEOUT", 0.5)  # the base branch's questions too (load): they give up
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    found = changes.build_date(load(root))
    assert found == (datetime.combine(build_day(), time.min, timezone.utc).isoformat() if expected is MIDNIGHT
                     else expected)
    if where == "git hangs":
        assert _all_killed(pids)
