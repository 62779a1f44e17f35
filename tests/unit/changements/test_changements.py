"""`make changements BASE=<ref>` (roadmap_site/changements.py): what a change means for readers, between a git ref
and the working tree of a real repository — figures before → after in French format, pages added, moved
(redirected or not) and removed, statuses, budget lines, deliberations; a base that does not load is said."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from roadmap_site import WATCHED
from roadmap_site.changements import report
from roadmap_site.formatting import date_fr, etp, euros
from tests.conftest import ROOT
from tests.gitrepo import EXAMPLE, Repo, published_example


@pytest.fixture
def repo(tmp_path) -> Repo:
    return published_example(tmp_path / "depot")


def edit(repo: Repo, name: str, old: str, new: str) -> None:
    path = repo.path / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def changes(repo: Repo, ref: str = "main") -> str:
    text, code = report(repo.path, ref)
    assert code == 0, text
    return text


def test_nothing_changed(repo):
    assert "Aucun changement visible par les lecteurs." in changes(repo)


@pytest.mark.parametrize("fiche, old, new, expected", [
    ("actions/04-tablettes-mediatheque-exemple.yml", "montant: 8000", "montant: 8800",
     f"Investissement : {euros(8000)} → {euros(8800)}"),
    ("actions/01-former-aidants-exemple.yml", "montant: 1200", "montant: 1250.5",
     f"Investissement : {euros(1200)} → {euros(1250.5)}"),
    ("actions/01-former-aidants-exemple.yml", "etp: 0.5", "etp: 0.75",
     f"Ressources humaines : {etp(0.5)} → {etp(0.75)}"),
])
def test_a_changed_figure_shows_before_and_after_in_french(repo, fiche, old, new, expected):
    edit(repo, fiche, old, new)
    found = changes(repo)
    numero = int(fiche.split("/")[1][:2])
    assert f"- **Fiche n°{numero}** : « " in found
    assert f"  - {expected}" in found.splitlines(), found
    assert "### Pages" not in found  # the same pages


def test_the_example_amount(repo):
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "montant: 8000", "montant: 4400")
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "8 000 €", "4 400 €")
    repo.commit("4 400", "2025-02-01T09:00:00+01:00")
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "montant: 4400", "montant: 4000")
    assert "  - Investissement : 4\u202f400\u00a0€ → 4\u202f000\u00a0€" in changes(repo, "HEAD").splitlines()
    lines = changes(repo).splitlines()  # against main: the figure and the text of the line changed
    assert "  - Investissement : 8\u202f000\u00a0€ → 4\u202f000\u00a0€" in lines
    assert "  - Investissement : texte modifié" in lines


def test_an_added_fiche_and_its_page(repo):
    text = (repo.path / "actions/04-tablettes-mediatheque-exemple.yml").read_text(encoding="utf-8")
    repo.write("actions/05-nouvelle-exemple.yml", text.replace("numero: 4\n", "numero: 5\n")
               .replace("slug: tablettes-mediatheque-exemple", "slug: nouvelle-exemple")
               .replace("intitule: ", "intitule: Nouvelle, ", 1).split("source:")[0])
    found = changes(repo).splitlines()
    assert any(line.startswith("- **Nouvelle fiche n°5** : « Nouvelle, ")
               and line.endswith("(/actions/nouvelle-exemple/)") for line in found), found
    assert any(line.startswith("- Ajoutée : /actions/nouvelle-exemple/ (Nouvelle, ") for line in found), found


def test_a_moved_page_says_its_old_address_redirects(repo):
    old = repo.path / "actions/03-centrale-achat-exemple.yml"
    repo.write("actions/03-centrale-achat.yml", old.read_text(encoding="utf-8").replace(
        "slug: centrale-achat-exemple", "slug: centrale-achat"))
    old.unlink()
    (repo.path / "suivi/03-centrale-achat-exemple.yml").rename(repo.path / "suivi/03-centrale-achat.yml")
    with (repo.path / "data/redirections.yml").open("a", encoding="utf-8") as out:
        out.write("actions/centrale-achat-exemple/: actions/centrale-achat/\n")
    found = changes(repo).splitlines()
    assert any(line.startswith("- Déplacée : /actions/centrale-achat-exemple/ → /actions/centrale-achat/ (")
               and line.endswith("; l'ancienne adresse redirige") for line in found), found
    assert not any(line.startswith("- Ajoutée : /actions/centrale-achat/") for line in found)
    assert "  - Adresse de la page : /actions/centrale-achat-exemple/ → /actions/centrale-achat/" in found


def test_a_page_removed_without_redirection_is_flagged(tmp_path):
    """A roadmap that keeps no address list lets a page go: the report says the old address leads nowhere."""
    repo = Repo(tmp_path / "sans-liste")
    for part in WATCHED:
        shutil.copytree(EXAMPLE / part, repo.path / part)
    repo.commit("Publication", "2025-01-10T09:00:00+01:00")
    text = (repo.path / "actions/03-centrale-achat-exemple.yml").read_text(encoding="utf-8")
    repo.write("actions/03-centrale-achat.yml", text.replace("slug: centrale-achat-exemple", "slug: centrale-achat"))
    (repo.path / "actions/03-centrale-achat-exemple.yml").unlink()
    (repo.path / "suivi/03-centrale-achat-exemple.yml").rename(repo.path / "suivi/03-centrale-achat.yml")
    found = changes(repo).splitlines()
    assert any(line.startswith("- Déplacée : /actions/centrale-achat-exemple/ → /actions/centrale-achat/ (")
               and line.endswith("**l'ancienne adresse ne redirige pas**") for line in found), found


def test_status_budget_line_and_deliberation(repo):
    edit(repo, "suivi/01-former-aidants-exemple.yml", "  - statut: en_cours", "  - statut: realisee")
    edit(repo, "budget/2025-prevision.yml", "montant: 1200", "montant: 1500")
    edit(repo, "deliberations/ag-2025-02.yml", "resume: L'assemblée", "resume: Cette assemblée")
    found = changes(repo).splitlines()
    assert f"  - Statut : En cours ({date_fr('2025-11-20')}) → Réalisée ({date_fr('2025-11-20')})" in found, found
    assert any(line.startswith("- Tableau « ") and line.endswith(
        f", « formation des aidants, fiche n°1 » : {euros(1200)} → {euros(1500)}") for line in found), found
    assert any(line.startswith("- Modifiée : Délibération AG-2025-02 : ") and line.endswith("(résumé)")
               for line in found), found


def test_a_budget_line_changed_without_its_amount_names_what_changed(repo):
    edit(repo, "budget/2025-prevision.yml", "    note: Le recueil ne nomme aucune action.\n",
         "    note: Le recueil ne nomme toujours aucune action.\n")
    edit(repo, "budget/2025-prevision.yml", "    lignes: {premiere: 7, derniere: 7}",
         "    lignes: {premiere: 7, derniere: 8}")
    found = changes(repo).splitlines()
    assert any(line.endswith("« frais de coordination » : modifiée (note)") for line in found), found
    assert any(line.endswith("« matériel de la centrale, fiche n°3 » : modifiée (lignes du registre)")
               for line in found), found


def test_text_from_the_data_is_shown_literally(repo):
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "intitule: ", "intitule: <b>*Gras*</b> | ")
    found = changes(repo)
    assert "\\<b\\>\\*Gras\\*\\</b\\> \\| " in found and "<b>" not in found


def test_a_base_that_does_not_load_is_said_with_the_files_that_differ(repo):
    edit(repo, "actions/01-former-aidants-exemple.yml", "montant: 1200", "montant: beaucoup")
    repo.commit("Cassé", "2025-02-01T09:00:00+01:00")
    edit(repo, "actions/01-former-aidants-exemple.yml", "montant: beaucoup", "montant: 1200")
    found = changes(repo, "HEAD")
    assert "La version HEAD ne se charge pas avec ce moteur (1 erreur dans 1 fichier)" in found
    assert "- modifié : actions/01-former-aidants-exemple.yml" in found.splitlines()


def test_a_working_tree_that_does_not_load_or_an_unknown_ref(repo):
    edit(repo, "actions/01-former-aidants-exemple.yml", "montant: 1200", "montant: beaucoup")
    text, code = report(repo.path, "main")
    assert code == 1 and "Cette version ne se charge pas" in text and "actions/01-former-aidants-exemple.yml:" in text
    edit(repo, "actions/01-former-aidants-exemple.yml", "montant: beaucoup", "montant: 1200")
    text, code = report(repo.path, "branche-inconnue")
    assert code == 2 and "« branche-inconnue » n'est pas une version connue du dépôt" in text


def test_the_command(repo):
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "montant: 8000", "montant: 8800")
    done = subprocess.run([sys.executable, "-m", "roadmap_site", "changements", "--base", "main", str(repo.path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## Ce qui change pour les lecteurs\n")
    assert f"Investissement : {euros(8000)} → {euros(8800)}" in done.stdout


def test_a_partner_added_is_named_as_the_page_names_it(repo):
    edit(repo, "actions/04-tablettes-mediatheque-exemple.yml", "partenaires:\n",
         "partenaires:\n  - texte: Bénévoles du quartier\n")
    found = changes(repo).splitlines()
    assert "  - Partenariats envisageables : + « Bénévoles du quartier »" in found, found
