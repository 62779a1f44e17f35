"""roadmap_site.history: the changes to record files read from git, on throw-away repositories with fixed dates."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from roadmap_site import baseline, history, publication
from roadmap_site.history import (
    CREATION,
    DELETION,
    MODIFICATION,
    REASONS,
    RENAME,
    Change,
    History,
    record_history,
    summary,
)
from tests.conftest import ROOT
from tests.gitrepo import Repo

FICHE_1 = """\
numero: 1
slug: premiere
intitule: Première fiche
public_cible:
  - Lotois
rh:
  - texte: "Suivi : 0,10 ETP"
    etp: 0.10
investissement:
  - objet: Achat
    montant: 4000
"""

FICHE_2 = """\
numero: 2
slug: deuxieme
intitule: Deuxième fiche, au texte assez long pour qu'un renommage avec une petite retouche reste un renommage
description:
  - texte: Une description de plusieurs lignes, elle aussi assez longue pour peser dans la similarité.
  - texte: Une seconde ligne de description, pour la même raison, et encore quelques mots de plus ici.
rh:
  - texte: Temps homme des médiateurs numériques
"""

FICHE_3 = """\
numero: 3
slug: troisieme
intitule: Troisième fiche
freins:
  - Un frein
"""

LABELS = {"intitule": "l'intitulé", "rh": "les ressources humaines", "public_cible": "le public cible",
          "slug": "l'adresse de la page", "description": "la description"}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """A repository where three fiches are created, edited, renamed, broken, mended, reformatted, deleted."""
    repo = Repo(tmp_path_factory.mktemp("story"))
    repo.write("actions/01-premiere.yml", FICHE_1)
    repo.write("actions/02-deuxieme.yml", FICHE_2)
    repo.write("actions/03-troisieme.yml", FICHE_3)
    repo.write("docs/index.md", "# Accueil\n")
    c = {"create": repo.commit("Add three fiches", "2024-01-15T10:00:00+01:00")}
    repo.write("docs/index.md", "# Accueil du site\n")
    c["docs"] = repo.commit("Docs only", "2024-01-20T10:00:00+01:00")
    repo.write("actions/01-premiere.yml", FICHE_1.replace("Première fiche", "Première fiche, retouchée")
               .replace("etp: 0.10", "etp: 0.15"))
    c["edit"] = repo.commit("Edit title and staff of fiche 1", "2024-02-01T09:30:00+01:00")
    repo.git("mv", "actions/02-deuxieme.yml", "actions/02-deuxieme-bis.yml")
    repo.write("actions/02-deuxieme-bis.yml", FICHE_2.replace("slug: deuxieme", "slug: deuxieme-bis"))
    c["rename"] = repo.commit("Rename fiche 2", "2024-03-01T08:00:00+01:00")
    repo.write("actions/03-troisieme.yml", FICHE_3 + "freins: [oublié\n")
    c["break"] = repo.commit("Break fiche 3", "2024-04-02T12:00:00+02:00")
    repo.write("actions/03-troisieme.yml", FICHE_3.replace("Un frein", "Un autre frein"))
    c["mend"] = repo.commit("Mend fiche 3", "2024-04-03T12:00:00+02:00")
    repo.write("actions/03-troisieme.yml", "# Un commentaire\n" + FICHE_3.replace("Un frein", "Un autre frein"))
    c["layout"] = repo.commit("Comment in fiche 3", "2024-05-01T12:00:00+02:00")
    repo.git("rm", "-q", "actions/01-premiere.yml")
    c["delete"] = repo.commit("Delete fiche 1", "2024-06-01T12:00:00+02:00")
    return repo, c


PATHS = ["actions/01-premiere.yml", "actions/02-deuxieme-bis.yml", "actions/03-troisieme.yml"]


def test_every_change_to_every_record_newest_first(story):
    repo, c = story
    one, two, three = PATHS

    def change(record, commit, date, subject, kind, path, old_path=None, fields=(), before=False, after=False):
        return Change(record, c[commit], date, subject, kind, path, old_path, fields, before, after)

    assert record_history(repo.path, PATHS) == History(True, True, None, (
        change(one, "delete", "2024-06-01T12:00:00+02:00", "Delete fiche 1", DELETION, one),
        change(three, "layout", "2024-05-01T12:00:00+02:00", "Comment in fiche 3", MODIFICATION, three),
        change(three, "mend", "2024-04-03T12:00:00+02:00", "Mend fiche 3", MODIFICATION, three, before=True),
        change(three, "break", "2024-04-02T12:00:00+02:00", "Break fiche 3", MODIFICATION, three, after=True),
        change(two, "rename", "2024-03-01T08:00:00+01:00", "Rename fiche 2", RENAME, two,
               old_path="actions/02-deuxieme.yml", fields=("slug",)),
        change(one, "edit", "2024-02-01T09:30:00+01:00", "Edit title and staff of fiche 1", MODIFICATION, one,
               fields=("intitule", "rh")),
        change(one, "create", "2024-01-15T10:00:00+01:00", "Add three fiches", CREATION, one),
        change(two, "create", "2024-01-15T10:00:00+01:00", "Add three fiches", CREATION,
               "actions/02-deuxieme.yml"),
        change(three, "create", "2024-01-15T10:00:00+01:00", "Add three fiches", CREATION, three),
    ))


def test_summaries_in_french(story):
    repo, _ = story
    changes = record_history(repo.path, PATHS).changes
    # the break of fiche 3 and its mend compare with a version that is not YAML: the feeds leave them out
    assert [(c.unreadable_before, c.unreadable_after) for c in changes[2:4]] == [(True, False), (False, True)]
    summaries = [summary(change, LABELS) for change in changes[:2] + changes[4:]]
    assert summaries == [
        "Suppression de la fiche",
        "Modification de la mise en forme du fichier, sans changement du contenu",
        "Renommage du fichier (nouvelle adresse) et modification de l'adresse de la page",
        "Modification de l'intitulé et des ressources humaines",
        "Création de la fiche",
        "Création de la fiche",
        "Création de la fiche",
    ]


def test_changes_of_one_record(story):
    repo, c = story
    found = record_history(repo.path, PATHS).of("actions/02-deuxieme-bis.yml")
    assert [(change.commit, change.kind, change.path) for change in found] == [
        (c["rename"], RENAME, "actions/02-deuxieme-bis.yml"), (c["create"], CREATION, "actions/02-deuxieme.yml")]


def test_three_git_commands_whatever_the_number_of_records(story, monkeypatch):
    repo, _ = story
    commands = []
    real_popen = subprocess.Popen

    def popen(args, **kwargs):  # subprocess.run goes through Popen too
        commands.append(next(arg for arg in args if arg in {"rev-parse", "log", "cat-file", "show"}))
        return real_popen(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "Popen", popen)
    first = record_history(repo.path, PATHS)
    assert commands == ["rev-parse", "log", "cat-file"]
    # Nothing is kept from one call to the next (one build's state): a rebuild reads the versions again.
    assert record_history(repo.path, PATHS) == first
    assert commands == ["rev-parse", "log", "cat-file"] * 2


def test_a_git_hook_environment_does_not_redirect_the_reading(story, tmp_path, monkeypatch):
    repo, _ = story
    other = Repo(tmp_path / "other")
    other.write("actions/01-premiere.yml", "numero: 9\n")
    other.commit("Other repository", "2025-01-01T00:00:00+00:00")
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    assert len(record_history(repo.path, PATHS).of("actions/01-premiere.yml")) == 3


def test_a_user_git_configuration_does_not_change_the_reading(story, tmp_path, monkeypatch):
    repo, _ = story
    expected = record_history(repo.path, PATHS)
    config = tmp_path / "gitconfig"
    config.write_text("[log]\n  follow = true\n  showRoot = false\n  decorate = full\n"
                      "[diff]\n  renames = false\n  relative = false\n[color]\n  ui = always\n"
                      "[format]\n  pretty = oneline\n[core]\n  abbrev = 7\n  quotePath = true\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert record_history(repo.path, PATHS) == expected


@pytest.mark.parametrize(("before", "after", "fields"), [
    ("a: 1\nb: {p: 1, q: 2}\n", "a: 1\nb: {q: 2, p: 1}\n", ()),  # order inside a field: same value
    ("a: 4000\n", "a: 4000.0\n", ()),  # the same number
    ("a: 4000\n", "a: '4000'\n", ("a",)),  # a number became a text
    ("a: 1\nb: 2\nc: 3\n", "c: 4\na: 1\nd: 5\n", ("c", "d", "b")),  # changed, added, removed (file order)
    ("a: [1, 2]\n", "a: [2, 1]\n", ("a",)),  # list order is meaning
    ("a: 1\n", "- a\n- b\n", None),  # not a mapping: unreadable
    ("a: 1\n", "".join(f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9) if i else 'x'}]\n" for i in range(40)),
     (*(f"b{i}" for i in range(40)), "a")),
    # an alias bomb (9^40 items once expanded) in an old version: read at once, as the reader never expands it
    # Old versions are read as today's files are (roadmap_site.read, which refuses what YAML tools read in
    # different ways and keeps it as the text written), never with YAML 1.1's types:
    ("a: false\n", "a: no\n", ("a",)),  # YAML 1.1: false, no change
    ("a: 1000\n", "a: 1_000\n", ("a",)),  # YAML 1.1: 1000, no change
    ("a: 90\n", "a: 1:30\n", ("a",)),  # YAML 1.1: 90 (sexagesimal), no change
    ("a: 0.5\n", "a: .5\n", ("a",)),  # YAML 1.1: 0.5, no change
    ("a: '2024-01-01'\n", "a: 2024-01-01\n", ()),  # YAML 1.1: a date, a change
    ("a: 1\n", "a: 1\na: 2\n", ()),  # duplicate key: the reader keeps the first, YAML 1.1 the last
    ("a: oui\n", "a: non\n", ("a",)),  # texts in both
])
def test_which_fields_changed(tmp_path, before, after, fields):
    repo = Repo(tmp_path)
    repo.write("r/x.yml", before)
    repo.commit("Before", "2024-01-01T00:00:00+00:00")
    repo.write("r/x.yml", after)
    repo.commit("After", "2024-01-02T00:00:00+00:00")
    newest = record_history(tmp_path, ["r/x.yml"]).changes[0]
    assert newest.kind == MODIFICATION
    assert (newest.fields, newest.unreadable_after) == (((), True) if fields is None else (fields, False))


def test_a_path_reused_after_a_rename_belongs_to_the_new_record(tmp_path):
    repo = Repo(tmp_path)
    repo.write("r/a.yml", FICHE_2)
    first = repo.commit("Create a", "2024-01-01T00:00:00+00:00")
    repo.git("mv", "r/a.yml", "r/b.yml")
    moved = repo.commit("Move a to b", "2024-01-02T00:00:00+00:00")
    repo.write("r/a.yml", FICHE_3)
    again = repo.commit("New a", "2024-01-03T00:00:00+00:00")
    found = record_history(tmp_path, ["r/a.yml", "r/b.yml"])
    assert [(change.commit, change.kind, change.path) for change in found.of("r/a.yml")] == [
        (again, CREATION, "r/a.yml")]
    assert [(change.commit, change.kind, change.path, change.old_path) for change in found.of("r/b.yml")] == [
        (moved, RENAME, "r/b.yml", "r/a.yml"), (first, CREATION, "r/a.yml", None)]


def test_a_record_deleted_then_restored_keeps_its_history(tmp_path):
    repo = Repo(tmp_path)
    repo.write("r/a.yml", FICHE_3)
    first = repo.commit("Create a", "2024-01-01T00:00:00+00:00")
    repo.git("rm", "-q", "r/a.yml")
    deleted = repo.commit("Delete a by mistake", "2024-01-02T00:00:00+00:00")
    repo.write("r/a.yml", FICHE_3)
    restored = repo.commit("Restore a", "2024-01-03T00:00:00+00:00")
    assert [(change.commit, change.kind) for change in record_history(tmp_path, ["r/a.yml"]).changes] == [
        (restored, CREATION), (deleted, DELETION), (first, CREATION)]


def test_unusual_file_names(tmp_path):
    repo = Repo(tmp_path)
    name = "r/fiche [été] *.yml"  # spaces, accents and glob characters are taken literally
    repo.write(name, "a: 1\n")
    repo.write("r/fiche x.yml", "a: 1\n")
    repo.commit("Create", "2024-01-01T00:00:00+00:00")
    assert [change.path for change in record_history(tmp_path, [name]).changes] == [name]


def test_records_in_a_subfolder_of_the_repository(tmp_path):
    repo = Repo(tmp_path)
    repo.write("site/actions/x.yml", "a: 1\n")
    commit = repo.commit("Create", "2024-01-01T00:00:00+00:00")
    assert [(c.commit, c.path) for c in record_history(tmp_path / "site", ["actions/x.yml"]).changes] == [
        (commit, "actions/x.yml")]


def test_without_git(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert record_history(ROOT, ["actions/x.yml"]) == History(False, False, REASONS["no_git"], ())


def test_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "x.yml").write_text("a: 1\n")
    found = record_history(tmp_path, ["actions/x.yml"])
    assert found == History(False, False, REASONS["not_repo"], ())
    assert found.reason == ("historique indisponible : le site a été construit hors d'un dépôt git "
                            "(archive ou copie des fichiers)")


def test_an_archive_unpacked_inside_another_repository(tmp_path):
    Repo(tmp_path).commit("Unrelated", "2024-01-01T00:00:00+00:00")
    (tmp_path / "archive" / "actions").mkdir(parents=True)
    (tmp_path / "archive" / "actions" / "x.yml").write_text("a: 1\n")
    assert record_history(tmp_path / "archive", ["actions/x.yml"]) == History(
        False, False, REASONS["no_history"], ())


def test_a_repository_without_commits(tmp_path):
    Repo(tmp_path)
    assert record_history(tmp_path, ["actions/x.yml"]) == History(False, False, REASONS["no_commit"], ())


def test_shallow_clones(story, tmp_path):
    repo, c = story
    url = f"file://{repo.path}"
    subprocess.run(["git", "clone", "-q", "--depth", "1", url, str(tmp_path / "one")], check=True)
    assert record_history(tmp_path / "one", PATHS) == History(False, False, REASONS["shallow"], ())
    # Two commits deep: the boundary commit looks as if it created every file; it is left out.
    subprocess.run(["git", "clone", "-q", "--depth", "2", url, str(tmp_path / "two")], check=True)
    found = record_history(tmp_path / "two", PATHS)
    assert (found.available, found.complete, found.reason) == (True, False, REASONS["partial"])
    assert [(change.commit, change.kind) for change in found.changes] == [(c["delete"], DELETION)]


@pytest.mark.parametrize(("fields", "record", "expected"), [
    (("intitule", "public_cible", "rh"), "la fiche",
     "Modification de l'intitulé, du public cible et des ressources humaines"),
    (("description",), "la fiche", "Modification de la description"),
    # a field outside the schema (an old or hostile version's key) is never named
    (("porteurs",), "la fiche", "Modification de la fiche"),
    (("rh", "rh_bis"), "la fiche", "Modification des ressources humaines et d'autres champs"),
    (("intitule", "<a href=x>", "rh"), "le suivi de la fiche",
     "Modification de l'intitulé, des ressources humaines et d'autres champs"),
    (("Cliquez sur https://exemple.invalid",), "le suivi de la fiche", "Modification du suivi de la fiche"),
])
def test_summary_wording(fields, record, expected):
    change = Change("r.yml", "0" * 40, "2024-01-01T00:00:00+00:00", "s", MODIFICATION, "r.yml", None, fields,
                    False, False)
    assert summary(change, LABELS, record) == expected


def test_summary_names_the_record():
    change = Change("r.yml", "0" * 40, "2024-01-01T00:00:00+00:00", "s", CREATION, "r.yml", None, (), False, False)
    assert summary(change, LABELS, "le suivi") == "Création du suivi"
    assert summary(change, LABELS, "les indicateurs") == "Création des indicateurs"


def test_this_repository_fiches():
    """The real fiches: each has a history ending in its creation (unless this clone is shallow)."""
    paths = sorted(f"actions/{path.name}" for path in (ROOT / "actions").glob("*.yml"))
    found = record_history(ROOT, paths)
    if not found.available:
        assert found.reason in (REASONS["shallow"], REASONS["not_repo"], REASONS["no_git"])
        return
    for path in paths:
        assert found.of(path), path
        if found.complete:
            assert found.of(path)[-1].kind == CREATION, path


SLOW_GIT = """#!/bin/sh
# A git that never answers: it starts a child that sleeps and waits for it, as a hung hook or filter would.
{before}"{sleep}" 30 &
echo $! >> "{pids}"
wait
"""


def _slow_git(folder: Path, real: str | None = None, only: str | None = None) -> Path:
    """A fake `git`, first on PATH, that hangs (for the `only` subcommand when given, handing the others to
    `real`); returns the file where it writes the ids of the children it leaves sleeping."""
    pids = folder / "pids"
    before = f'case " $* " in *" {only} "*) ;; *) exec "{real}" "$@" ;; esac\n' if only else ""
    script = folder / "git"
    script.write_text(SLOW_GIT.format(before=before, pids=pids, sleep=shutil.which("sleep")))
    script.chmod(0o755)
    return pids


def _all_killed(pids: Path) -> bool:
    """Every child the fake git started is gone (reaped by init within a moment of being killed)."""
    for pid in map(int, pids.read_text().split()):
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            return False
    return True


@pytest.mark.parametrize("only", [None, "log", "cat-file"])
def test_a_git_that_hangs_is_killed_and_the_history_says_why(story, tmp_path, monkeypatch, only):
    """Whichever of its commands hangs (the probe, the log, the stream of versions), git and its children are
    killed after TIMEOUT seconds and the history is unavailable with its French reason, never an error."""
    repo, _ = story
    real = shutil.which("git")
    fake = tmp_path / "bin"
    fake.mkdir()
    pids = _slow_git(fake, real, only)
    monkeypatch.setenv("PATH", f"{fake}:{Path(real).parent}")
    monkeypatch.setattr(history, "TIMEOUT", 0.5)
    start = time.monotonic()
    found = record_history(repo.path, PATHS)
    assert time.monotonic() - start < 10
    assert found == History(False, False, REASONS["timeout"].format(seconds="0,5"), ())
    assert found.reason.startswith("historique indisponible : git n'a pas répondu en 0,5 secondes")
    assert _all_killed(pids)


@pytest.mark.parametrize("module, call, gives", [
    (baseline, lambda root: baseline.git(root, "rev-parse", "HEAD"), None),
    (baseline, baseline.base, None),
    (publication, publication.history_state, "timeout"),
])
def test_every_caller_of_git_gives_up_on_a_git_that_hangs(tmp_path, monkeypatch, module, call, gives):
    """The base branch's check and the publication's check run git the same way: killed in time, no error."""
    fake = tmp_path / "bin"
    fake.mkdir()
    pids = _slow_git(fake)
    monkeypatch.setenv("PATH", str(fake))
    monkeypatch.setattr(module, "TIMEOUT", 0.5)
    start = time.monotonic()
    assert call(tmp_path) == gives
    assert time.monotonic() - start < 10
    assert _all_killed(pids)
