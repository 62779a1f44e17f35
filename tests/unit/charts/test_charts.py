"""Charts with nothing to draw (roadmap_site/charts.py): no bar, and the description says why."""

from __future__ import annotations

from types import SimpleNamespace

from roadmap_site import load
from roadmap_site.charts import bar_chart, stacked_chart, value_chart
from tests.conftest import ROOT


def test_a_chart_without_any_measured_value_has_no_bar():
    roadmap = load(ROOT)
    territoires = roadmap.diagnostic.territoires
    without = [SimpleNamespace(nom_court=t.nom_court, figure=lambda key, t=t: SimpleNamespace(
        mesure=None, constat=None)) for t in territoires[:2]]
    chart = bar_chart("x", "Rien", without, False)
    assert [(b.label, b.width, b.texte) for b in chart.bars] == [(t.nom_court, None, "non renseigné")
                                                                 for t in territoires[:2]]
    assert chart.description == (f"{territoires[0].nom_court} : non renseigné ; "
                                 f"{territoires[1].nom_court} : non renseigné.")


def test_a_value_chart_without_any_value_has_no_bar_and_says_why():
    chart = value_chart("c", "Titre", [("Cahors", None, "non renseigné"), ("Figeac", None, "non renseigné")], "#n")
    assert [bar.width for bar in chart.bars] == [None, None]
    assert chart.description == "Cahors : non renseigné ; Figeac : non renseigné."


def test_a_stacked_chart_of_one_row_and_of_none():
    """One row (an index with one axis): its categories come from that row; no row at all: an empty chart."""
    one = stacked_chart("g", "Statuts", [("Axe 1", [("à lancer", 2), ("en cours", 0), ("non renseigné", 1)])],
                        "non renseigné", "tableau")
    assert [(s.nombre, s.x, s.largeur, s.rang, s.defaut) for s in one.piles[0].segments] == [
        (2, 0.0, 100 * 2 / 3, 0, False), (1, 100 * 2 / 3, 100 / 3, 2, True)]
    assert one.categories == [("à lancer", 0, False), ("non renseigné", 2, True)]
    none = stacked_chart("g", "Statuts", [], None, "tableau")
    assert none.piles == [] and none.categories == [] and none.description == "."
