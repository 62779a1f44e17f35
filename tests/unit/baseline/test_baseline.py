"""Published addresses and fiche numbers protect themselves (roadmap_site/baseline.py): `make check` compares the
working tree with the base branch of a real git repository — a removed line of data/adresses-publiees.txt,
an emptied or deleted list, a renumbered, swapped or deleted fiche are refused, each mistake with one
message that names the branch compared with."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_site import WATCHED, addresses, baseline, load
from roadmap_site.problems import DataErrors
from tests.conftest import copy_project
from tests.gitrepo import Repo, published_example

FICHES = {1: "former-aidants-exemple", 2: "lieux-accueil-exemple", 3: "centrale-achat-exemple",
          4: "tablettes-mediatheque-exemple"}


def fiche(numero: int) -> str:
    return f"actions/{numero:02d}-{FICHES[numero]}.yml"


@pytest.fixture
def repo(tmp_path) -> Repo:
    return published_example(tmp_path / "depot")


def problems(root: Path) -> list[str]:
    try:
        load(root)
    except DataErrors as errors:
        return [str(p) for p in errors.problems]
    return []


def renumber(repo: Repo, moves: dict[int, int]) -> None:
    """Give fiches new numbers, file names included (what a contributor renumbering them would do)."""
    texts = {old: (repo.path / fiche(old)).read_text(encoding="utf-8") for old in moves}
    for old in moves:
        (repo.path / fiche(old)).unlink()
    for old, new in moves.items():
        repo.write(f"actions/{new:02d}-{FICHES[old]}.yml", texts[old].replace(f"numero: {old}\n", f"numero: {new}\n"))


def test_an_unchanged_branch_loads(repo):
    assert problems(repo.path) == []


@pytest.mark.parametrize("moves", [{3: 4, 4: 3}, {1: 2, 2: 3, 3: 1}, {2: 9}, {4: 12}])
def test_a_renumbered_or_swapped_fiche_is_one_message(repo, moves):
    renumber(repo, moves)
    found = problems(repo.path)
    assert len(found) == 1, found
    assert "numéro de fiche changé par rapport à main" in found[0]
    for old, new in moves.items():
        assert f"« {FICHES[old]} » n°{old} → n°{new}" in found[0]
        assert f"actions/{old:02d}-{FICHES[old]}.yml" in found[0]  # the file name to give back


def test_numbers_swapped_inside_the_files_only_are_one_message(repo):
    for old, new in ((3, 4), (4, 3)):
        path = repo.path / fiche(old)
        path.write_text(path.read_text(encoding="utf-8").replace(f"numero: {old}\n", f"numero: {new}\n"),
                        encoding="utf-8")
    found = problems(repo.path)
    assert len(found) == 1 and found[0].startswith(f"{fiche(3)}:1: numero: numéro de fiche changé"), found


@pytest.mark.parametrize("numero", [1, 3, 4])
def test_a_deleted_published_fiche_stays_and_records_abandonnee(repo, numero):
    (repo.path / fiche(numero)).unlink()
    found = problems(repo.path)
    assert found == [f"{fiche(numero)}: fiche n°{numero} supprimée : elle est publiée dans main et reste sur le "
                     "site, avec son numéro ; remettez son fichier. Pour dire qu'elle ne sera pas menée, ajoutez à "
                     f"son suivi (suivi/, « fiche: {numero} ») un statut « abandonnee », daté et cité dans une "
                     "délibération"]


@pytest.mark.parametrize("address", ["/actions/centrale-achat-exemple/", "/fiches/2/", "/donnees/actions.csv", "/"])
def test_a_removed_line_is_refused_naming_the_base(repo, address):
    manifest = repo.path / addresses.MANIFEST
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert address in lines
    manifest.write_text("".join(f"{line}\n" for line in lines if line != address), encoding="utf-8")
    assert problems(repo.path) == [f"data/adresses-publiees.txt: la ligne « {address} », présente dans la version "
                                   "de main, a été retirée : remettez-la ; une adresse publiée le reste (si la page "
                                   "change d'adresse, c'est data/redirections.yml qui le dit)"]


def test_a_removed_line_of_a_vanished_page_also_gets_its_redirection_line(repo):
    old = repo.path / fiche(3)
    (repo.path / "actions/03-centrale-achat.yml").write_text(old.read_text(encoding="utf-8").replace(
        "slug: centrale-achat-exemple", "slug: centrale-achat"), encoding="utf-8")
    old.unlink()
    manifest = repo.path / addresses.MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("/actions/centrale-achat-exemple/\n", ""),
                        encoding="utf-8")
    found = problems(repo.path)
    assert any("« /actions/centrale-achat-exemple/ », présente dans la version de main, a été retirée" in p
               for p in found), found
    assert any("la ligne « actions/centrale-achat-exemple/: actions/centrale-achat/ »" in p for p in found), found


@pytest.mark.parametrize("how", ["vidé", "supprimé", "commentaires seuls"])
def test_an_emptied_or_deleted_list_is_one_message(repo, how):
    manifest = repo.path / addresses.MANIFEST
    count = len(addresses.published(repo.path))
    if how == "supprimé":
        manifest.unlink()
    else:
        manifest.write_text("" if how == "vidé" else "# Les adresses publiques du site\n", encoding="utf-8")
    state = "supprimé" if how == "supprimé" else "vidé"
    assert problems(repo.path) == [f"data/adresses-publiees.txt: ce fichier a été {state} : la version de main "
                                   f"liste {count} adresses publiées, qui le restent ; remettez le fichier tel "
                                   "qu'il est dans cette version (on y ajoute des lignes, on n'en retire jamais)"]


def test_origin_main_is_preferred_and_named(repo):
    published = repo.git("rev-parse", "main")
    repo.git("update-ref", "refs/remotes/origin/main", published)
    (repo.path / fiche(2)).unlink()
    found = problems(repo.path)
    assert len(found) == 1 and "elle est publiée dans origin/main" in found[0], found


def test_a_branch_behind_main_is_not_blamed_for_what_main_added(repo):
    repo.git("checkout", "-q", "main")
    text = (repo.path / fiche(4)).read_text(encoding="utf-8")
    repo.write("actions/05-nouvelle-exemple.yml", text.replace("numero: 4\n", "numero: 5\n")
               .replace("slug: tablettes-mediatheque-exemple", "slug: nouvelle-exemple"))
    addresses.record(load(repo.path))
    repo.commit("Fiche 5", "2025-02-01T09:00:00+01:00")
    repo.git("checkout", "-q", "proposition")
    assert not (repo.path / "actions/05-nouvelle-exemple.yml").exists()
    assert problems(repo.path) == []


def test_without_git_or_base_nothing_is_compared(tmp_path, repo):
    plain = tmp_path / "copie"
    for part in WATCHED:
        shutil.copytree(repo.path / part, plain / part)
    (plain / fiche(4)).unlink()
    (plain / addresses.MANIFEST).write_text("", encoding="utf-8")
    assert baseline.base(plain) is None
    assert not any("supprimée" in p or "vidé" in p for p in problems(plain))
    other = Repo(tmp_path / "sans-main")  # a repository with neither main nor origin/main
    other.git("checkout", "-q", "-b", "autre")
    assert baseline.base(other.path) is None


def test_an_adopted_fiche_is_required_even_without_git(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "actions/21-reseau-departemental-tiers-lieux.yml").unlink()
    result = subprocess.run([sys.executable, "-m", "roadmap_site", "check"], cwd=project, capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "actions/: fiche n°21 supprimée : elle fait partie du document adopté et reste sur le site, avec son "
        "numéro ; remettez son fichier. Pour dire qu'elle ne sera pas menée, ajoutez à son suivi (suivi/, "
        "« fiche: 21 ») un statut « abandonnee », daté et cité dans une délibération", "1 erreur dans 1 fichier"]
