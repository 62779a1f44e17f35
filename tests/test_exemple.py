"""A second roadmap, fictitious, built by the same engine (tests/exemple/): the engine, the glue and the
theme hold nothing of the Lot, and the mistakes a new adopter makes get a French answer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from roadmap_site import load
from roadmap_site.problems import DataErrors
from tests.conftest import ROOT, build
from tests.oracles import norm, page, staff_sources, table
from tests.test_search import fragments

EXAMPLE = ROOT / "tests" / "exemple"
# Words only the Lot's content holds: names, places, deliberations, its organisations' identifiers.
LOT_CONTENT = ("Lot Numérique", "Lotois", "lotois", "du Lot", "CS2025", "Cahors", "Figeac", "Cauvaldor",
               "lot-numerique", "France Numérique Ensemble", "SDUSN", "Silver Geek", "RhinOcc", "EPCI")


def copy_example(dest: Path) -> Path:
    """A copy of the example whose mkdocs.yml points at this repository's engine, glue and theme."""
    shutil.copytree(EXAMPLE, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/"), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exemple") / "site"
    result = build(EXAMPLE, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


@pytest.mark.slow
def test_the_example_is_built_strictly_with_its_own_pages(example_site):
    for url in ("actions/former-aidants-exemple", "axes/equiper", "organisations/agence-exemple",
                "diagnostic/epci/pays-du-fleuve", "fiches/4"):
        assert (example_site / url / "index.html").exists(), url
    rows = table(page(example_site, "actions"), "legende-toutes-les-actions-table")
    assert [r["N°"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["Programme"] for r in rows] == ["PP", "PP", "PA", "PA"]
    assert rows[3]["Porteur(s)"] == "Médiathèque départementale (Département exemple)"
    [total, carried] = table(page(example_site, "actions"), "legende-totaux-table", "tfoot")
    assert carried["Axe"] == "Dont fiches portées ou co-portées par Agence numérique exemple"
    assert (total["Investissement : montant global"], total["Investissement : par mois"]) == ("9 200 €", "300 €")


@pytest.mark.slow
def test_the_example_holds_nothing_of_the_lot(example_site):
    found = []
    for path in example_site.rglob("*"):
        if (path.suffix in (".html", ".json", ".xml", ".css", ".js")
                and "assets/javascripts/bundle" not in path.as_posix()):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(path.relative_to(example_site).as_posix(), word) for word in LOT_CONTENT if word in text]
    assert found == []


@pytest.mark.slow
def test_the_example_uses_its_own_labels(example_site):
    territory = norm(page(example_site, "diagnostic/epci/pays-des-plateaux").get_text(" "))
    assert "État des lieux exemple 2025 · pays n°3" in territory
    assert "Aucune fiche action ne nomme ce pays en particulier." in territory
    comparison = norm(page(example_site, "diagnostic/epci").get_text(" "))
    assert "n'a pas la même définition d'un pays à l'autre (« 60 ans et plus », « 75 ans et plus »)" in comparison
    index = norm(page(example_site, "actions").get_text(" "))
    assert "PP : programme principal de la feuille de route ; PA : programme annexe de la feuille de route." in index


@pytest.mark.slow
def test_search_index_lists_the_example_pages_only(example_site):
    locations = set(fragments(example_site))
    assert "/actions/lieux-accueil-exemple/" in locations
    assert not any("boucle-reconditionnement" in loc for loc in locations)


# What a new adopter gets wrong.

def test_a_missing_vocabulary_file_is_named(tmp_path):
    project = copy_example(tmp_path / "exemple")
    (project / "data/vocabulaires/programmes.yml").unlink()
    (project / "data/vocabulaires/types-epci.yml").unlink()
    with pytest.raises(DataErrors) as caught:
        load(project)
    messages = [str(p) for p in caught.value.problems]
    assert "data/vocabulaires/programmes.yml: fichier manquant : toute feuille de route a ce vocabulaire" in messages
    assert ("roadmap_site/schemas: vocabulaire « types-epci » introuvable : créez data/vocabulaires/types-epci.yml"
            in messages)


def test_a_missing_roadmap_identity_is_named(tmp_path):
    project = copy_example(tmp_path / "exemple")
    (project / "data/feuille-de-route.yml").unlink()
    with pytest.raises(DataErrors) as caught:
        load(project)
    assert [str(p) for p in caught.value.problems] == ["data/feuille-de-route.yml: fichier manquant"]


@pytest.mark.slow
def test_an_axis_without_fiches_is_published_and_says_so(tmp_path):
    project = copy_example(tmp_path / "exemple")
    axes = project / "data/vocabulaires/axes.yml"
    axes.write_text(axes.read_text(encoding="utf-8") + (
        "inclure:\n  numero: 3\n  nom: Inclure tout le monde\n  introduction:\n    - texte: Un axe sans fiche.\n"
        "  objectifs:\n    - code: \"3.1\"\n      intitule: Un objectif sans fiche\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    axis = page(out, "axes/inclure")
    assert "Aucune fiche pour cet objectif." in axis.get_text(" ")
    rows = {r["Axe"]: r for r in table(page(out, "actions"), "legende-totaux-table")}
    assert rows["Inclure tout le monde"]["Fiches"] == "0"
    assert rows["Inclure tout le monde"]["ETP chiffrés"] == "aucun"


@pytest.mark.slow
def test_a_roadmap_without_diagnostic_builds(tmp_path):
    project = copy_example(tmp_path / "exemple")
    shutil.rmtree(project / "diagnostic")
    (project / "docs/diagnostic/epci/index.md").unlink()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - Les territoires:\n      - diagnostic/epci/index.md\n", ""), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "diagnostic").exists()


# The follow-up, optional: the example has one, with every case of the progress rule.

def tight(text: str) -> str:
    """Cell text without the spaces get_text(" ") puts around a link inside parentheses or before a comma."""
    return re.sub(r"\( ", "(", re.sub(r" ([,)])", r"\1", text))

@pytest.mark.slow
def test_the_example_follow_up_draws_a_bar_only_for_a_value_against_a_target(example_site):
    soup = page(example_site, "suivi")
    rows = {r["Fiche"]: r for r in table(soup, "legende-suivi-accompagner-table")}
    first = rows["n°1 : Former les aidants du département exemple"]
    assert first["Statut"] == "En cours"
    assert tight(first["Situation"]) == "au 20 novembre 2025 (Délibération AG-2025-02, séance du 20 novembre 2025)"
    assert "Délibération AG-2025-02, l. 30" in staff_sources(soup)  # the line for staff, closed
    assert first["Cibles et valeurs mesurées"] == ("« cent personnes accompagnées » : 125 personnes au 31 octobre "
                                                   "2025 : 125 % de la cible (100 personnes), cible dépassée")
    second = rows["n°2 : Ouvrir trois lieux d'accueil numérique"]
    assert second["Statut"] == "Sans information" and second["Situation"] == "pas de statut dans le registre"
    assert second["Cibles et valeurs mesurées"] == (
        "« de un à trois lieux d'accueil » : 2 lieux en novembre 2025 : dans la fourchette visée (1 à 3 lieux) "
        "Note sur la valeur mesurée : Lieux ouverts au moins un jour par semaine. "
        "« cinquante personnes accueillies » : 20 personnes au 20 novembre 2025 : 40 % de la cible (50 personnes) "
        "« un premier lieu ouvert avant l'été » : pas de cible chiffrée ; valeur mesurée : 1 lieu ouvert au 16 juin "
        "2025 "
        "Note sur la valeur mesurée : Ouvert le 16 juin, avant l'été comme prévu.")
    rows = {r["Fiche"]: r for r in table(soup, "legende-suivi-equiper-table")}
    assert rows["n°3 : Créer une centrale d'achat de matériel reconditionné"]["Cibles et valeurs mesurées"] == (
        "« dix personnes équipées » : aucune valeur mesurée à ce jour")
    assert rows["n°4 : Prêter des tablettes dans les médiathèques"]["Cibles et valeurs mesurées"] == (
        "aucune cible dans le registre")
    bars = [(b["value"], b["max"], b["aria-label"].replace("\u00a0", " ")) for b in soup.select("progress")]
    assert bars == [("100.0", "100", "125 % de la cible"), ("40.0", "100", "40 % de la cible")]
    assert " 0 %" not in soup.get_text(" ").replace("\u00a0", " ")
    [total] = table(soup, "legende-statuts-table", "tfoot")
    assert (total["En cours"], total["Sans information"], total["Fiches"]) == ("1", "3", "4")


@pytest.mark.slow
def test_the_example_fiche_shows_its_follow_up_and_budget(example_site):
    soup = page(example_site, "actions/former-aidants-exemple")
    block = soup.select_one(".lne-suivi")
    assert [b["aria-label"] for b in block.select("progress")] == ["125\u00a0% de la cible"]
    rows = table(soup, "legende-suivi-budget-table")
    assert [(r["Objet"], r["Montant"]) for r in rows] == [("formation des aidants", "1 200 €"),
                                                         ("aide à la formation des aidants", "600 €")]
    assert [a.get_text() for a in block.select("#suivi-deliberations + ul a")] == ["Délibération AG-2025-02",
                                                                                   "Délibération AG-2025-01"]
    assert page(example_site, "actions/tablettes-mediatheque-exemple").select_one(".lne-suivi").get_text(" ").count(
        "le registre ne dit pas où en est cette action") == 1


@pytest.mark.slow
@pytest.mark.parametrize("url", ["suivi", "actions/lieux-accueil-exemple"])
def test_a_measured_value_s_note_is_shown_beside_it(example_site, url):
    items = [re.sub(r"\s+", " ", li.get_text(" ")).replace("\u00a0", " ")
             for li in page(example_site, url).select(".lne-cibles > li")]
    [item] = [i for i in items if "de un à trois lieux d'accueil" in i]
    assert re.search(r"2 lieux en novembre 2025 : dans la fourchette visée \(1 à 3 lieux\) ?Note sur la valeur "
                     r"mesurée : Lieux ouverts au moins un jour par semaine\.", item), item


@pytest.mark.slow
def test_the_example_budget_flags_a_difference_with_its_register(example_site):
    soup = page(example_site, "suivi/budget")
    rows = {r["Total du registre"]: r for r in table(soup, "legende-totaux-2025-prevision-table")}
    assert rows["pour la feuille de route"]["Comparaison"] == "égal au total du registre."
    assert "total « pour la feuille de route » — l. 5" in staff_sources(soup)
    assert rows["axe Accompagner"]["Somme des lignes"] == "1 200 €"
    assert rows["axe Accompagner"]["Comparaison"] == (
        "écart : la somme des lignes est inférieure de 300 € au total du registre. Le recueil fictif compte ici une "
        "ligne qu'il ne détaille pas.")
    rows = {r["Fiche ou axe"]: r for r in table(soup, "legende-budget-synthese-table")}
    foot = {r["Fiche ou axe"]: r for r in table(soup, "legende-budget-synthese-table", "tfoot")}
    # A nature without « colonne » is named by its « nom »; a table without line for a fiche leaves the cell empty.
    assert (rows["Lignes sans fiche ni axe"]["Prévision 2025"], foot["Toutes les lignes du tableau"]["Prévision 2025"],
            rows["Lignes sans fiche ni axe"]["Aide reçue 2025"]) == ("300 €", "2 300,50 €", "")


@pytest.mark.slow
def test_a_roadmap_without_follow_up_builds(tmp_path):
    project = copy_example(tmp_path / "exemple")
    for folder in ("deliberations", "suivi", "budget", "docs/suivi", "docs/deliberations"):
        shutil.rmtree(project / folder)
    for name in ("statuts", "natures-budget"):
        (project / f"data/vocabulaires/{name}.yml").unlink()
    index = project / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8").split("\n## Où en est")[0], encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - Suivi:\n      - suivi/index.md\n      - Budget: suivi/budget.md\n      - Délibérations:\n"
        "          - deliberations/index.md\n", ""), encoding="utf-8")
    out = tmp_path / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "deliberations").exists() and not (out / "suivi").exists()
    assert page(out, "actions/former-aidants-exemple").select_one(".lne-suivi") is None
