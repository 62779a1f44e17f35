"""Feeds from a history that is odd or hostile, in real throw-away repositories: an impossible commit date, a
version that is not YAML or is missing from the clone never stop the build; that change is left out and the
feed's subtitle counts it; a field outside the schema is never named. The feeds stay valid Atom."""

from __future__ import annotations

import shutil
import uuid
import xml.etree.ElementTree as ET

import pytest

from roadmap_site import exports, load
from tests.conftest import ROOT
from tests.gitrepo import Repo
from tests.unit.feeds.test_feeds import valid

A = "{http://www.w3.org/2005/Atom}"
FICHE = "actions/02-lieux-accueil-exemple.yml"
FEED = "actions/lieux-accueil-exemple/modifications.atom"
SITE_FEED = "donnees/modifications.atom"
TITLE = "intitule: Ouvrir trois lieux d'accueil numérique"


def _repo(path) -> Repo:
    """The example roadmap, committed once at a plain date."""
    repo = Repo(path)
    for part in ("actions", "data", "diagnostic", "deliberations", "suivi", "budget"):
        shutil.copytree(ROOT / "tests" / "exemple" / part, repo.path / part)
    repo.commit("Ajout de la feuille de route", "2025-01-10T09:00:00+01:00")
    return repo


def _edit(repo: Repo, old: str, new: str) -> None:
    path = repo.path / FICHE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _raw_commit(repo: Repo, subject: str, date: str) -> str:
    """A commit whose author and committer lines carry `date` as written (git commit would refuse or mend
    most of these): how such a commit gets into a repository that is pulled from elsewhere."""
    repo.git("add", "-A")
    tree, parent = repo.git("write-tree"), repo.git("rev-parse", "HEAD")
    content = (f"tree {tree}\nparent {parent}\nauthor A <a@exemple.invalid> {date}\n"
               f"committer A <a@exemple.invalid> {date}\n\n{subject}\n")
    path = repo.path / "commit.txt"
    path.write_text(content, encoding="utf-8")
    commit = repo.git("hash-object", "-t", "commit", "-w", "--literally", str(path))
    path.unlink()
    repo.git("update-ref", "HEAD", commit)
    return commit


def _feeds(repo: Repo) -> dict[str, ET.Element]:
    files = exports.files(load(repo.path))
    for address in (FEED, SITE_FEED):
        valid(files[address])
    return {address: ET.fromstring(files[address]) for address in (FEED, SITE_FEED)}


def _summaries(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}summary") for entry in feed.findall(f"{A}entry")]


# Dates no commit can have, as git stores them (seconds since 1970 and offset): before git existed, after the
# build, beyond what git can print, or not a date at all.
IMPOSSIBLE = ["0 +0000", "-1 +0000", "-100000000 +0000", "631152000 +0100", "4102444800 +0000",
              "253402300799 +0000", "253402300800 +0000", "99999999999999 +0000", "18446744073709551617 +0000",
              "abc +0000", "1700000000", "1700000000 +9999", "1700000000 -abc", ""]


@pytest.mark.parametrize("date", IMPOSSIBLE)
def test_a_change_with_an_impossible_date_is_left_out_and_counted(tmp_path, date):
    repo = _repo(tmp_path / "depot")
    _edit(repo, TITLE, "intitule: Ouvrir quatre lieux d'accueil numérique")
    _raw_commit(repo, "Date impossible", date)
    _edit(repo, "etp: 0.2", "etp: 0.25")
    repo.commit("Fiche 2 : ETP", "2025-03-04T16:30:00+01:00")
    feeds = _feeds(repo)
    assert _summaries(feeds[FEED]) == ["Modification des ressources humaines.", "Création de la fiche.",
                                       "Création du suivi de la fiche."]
    note = "1 modification de l'historique n'est pas listée : 1 à la date de commit impossible."
    assert feeds[FEED].findtext(f"{A}subtitle") == note
    assert feeds[SITE_FEED].findtext(f"{A}subtitle") == note
    assert feeds[FEED].findtext(f"{A}updated") == "2025-03-04T16:30:00+01:00"  # never the impossible date


def test_a_change_whose_version_is_not_yaml_is_left_out_and_counted(tmp_path):
    repo = _repo(tmp_path / "depot")
    _edit(repo, TITLE, TITLE + "\nintitule: [doublon\n")
    repo.commit("Fiche 2 cassée", "2025-02-01T10:00:00+01:00")
    _edit(repo, TITLE + "\nintitule: [doublon\n", TITLE + "\n")
    repo.commit("Fiche 2 réparée", "2025-02-02T10:00:00+01:00")
    _edit(repo, "etp: 0.2", "etp: 0.25")
    repo.commit("Fiche 2 : ETP", "2025-03-04T16:30:00+01:00")
    feeds = _feeds(repo)
    assert _summaries(feeds[FEED]) == ["Modification des ressources humaines.", "Création de la fiche.",
                                       "Création du suivi de la fiche."]
    assert feeds[FEED].findtext(f"{A}subtitle") == (
        "2 modifications de l'historique ne sont pas listées : 2 dont une version du fichier ne se lit pas "
        "(YAML invalide ou version absente du dépôt).")


def test_a_change_whose_version_is_missing_from_the_clone_is_left_out(tmp_path):
    repo = _repo(tmp_path / "depot")
    _edit(repo, TITLE, f"intitule: Ouvrir des lieux d'accueil {uuid.uuid4().hex}")  # a blob no other test has
    repo.commit("Fiche 2 : intitulé", "2025-02-01T10:00:00+01:00")
    blob = repo.git("rev-parse", f"HEAD:{FICHE}")
    _edit(repo, "etp: 0.2", "etp: 0.25")
    repo.commit("Fiche 2 : ETP", "2025-03-04T16:30:00+01:00")
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    feeds = _feeds(repo)
    assert _summaries(feeds[FEED]) == ["Création de la fiche.", "Création du suivi de la fiche."]
    assert feeds[FEED].findtext(f"{A}subtitle").startswith("2 modifications de l'historique ne sont pas listées")


@pytest.mark.parametrize("key", ["<script>alert(1)</script>", "Cliquez sur https://exemple.invalid/",
                                 "rh_bis", "__class__"])
def test_a_field_outside_the_schema_is_never_named(tmp_path, key):
    repo = _repo(tmp_path / "depot")
    line = f"{TITLE}\n{yaml_key(key)}: valeur\n"
    _edit(repo, TITLE + "\n", line)
    _raw_commit(repo, "Un champ de trop", "1738400000 +0100")  # 2025-02-01
    _edit(repo, line, TITLE.replace("trois", "quatre") + "\n")
    repo.commit("Fiche 2 : champ retiré, intitulé", "2025-03-04T16:30:00+01:00")
    feeds = _feeds(repo)
    assert _summaries(feeds[FEED])[:2] == ["Modification de l'intitulé et d'autres champs.",
                                           "Modification de la fiche."]
    text = ET.tostring(feeds[FEED], encoding="unicode") + ET.tostring(feeds[SITE_FEED], encoding="unicode")
    assert key not in text and "exemple.invalid" not in text and "champ «" not in text


def yaml_key(key: str) -> str:
    return '"' + key.replace('"', '\\"') + '"'
