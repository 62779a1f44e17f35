"""A second roadmap, fictitious, built by the same engine (tests/exemple/): the engine, the glue and the
theme hold nothing of the Lot, and the mistakes a new adopter makes get a French answer."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from engine import load
from engine.problems import DataErrors
from tests.conftest import ROOT, build
from tests.oracles import page, table

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


def test_the_example_holds_nothing_of_the_lot(example_site):
    found = []
    for path in example_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".css", ".js") and "assets/javascripts/bundle" not in path.as_posix():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(path.relative_to(example_site).as_posix(), word) for word in LOT_CONTENT if word in text]
    assert found == []


def test_the_example_uses_its_own_labels(example_site):
    territory = page(example_site, "diagnostic/epci/pays-des-plateaux").get_text(" ")
    assert "État des lieux exemple 2025 · pays n°3" in territory
    assert "Aucune fiche action ne nomme ce pays en particulier." in territory
    comparison = page(example_site, "diagnostic/epci").get_text(" ")
    assert "n'a pas la même définition d'un pays à l'autre (« 60 ans et plus », « 75 ans et plus »)" in comparison
    index = re.sub(r"\s+", " ", page(example_site, "actions").get_text(" "))
    assert "PP : programme principal de la feuille de route ; PA : programme annexe de la feuille de route." in index


def test_search_index_lists_the_example_pages_only(example_site):
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "actions/lieux-accueil-exemple/" in locations
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
    assert ("engine/schemas: vocabulaire « types-epci » introuvable : créez data/vocabulaires/types-epci.yml"
            in messages)


def test_a_missing_roadmap_identity_is_named(tmp_path):
    project = copy_example(tmp_path / "exemple")
    (project / "data/feuille-de-route.yml").unlink()
    with pytest.raises(DataErrors) as caught:
        load(project)
    assert [str(p) for p in caught.value.problems] == ["data/feuille-de-route.yml: fichier manquant"]


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
