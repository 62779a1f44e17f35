"""What the views give the templates at their edges (roadmap_site/views.py): groupings, publisher settings,
the note of a figure printed elsewhere, a roadmap without follow-up or fiches, a fiche's citation."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from roadmap_site import load, views
from roadmap_site.views import _note_key, editeur, filtres, groups
from tests.conftest import ROOT


def test_an_unknown_grouping_is_an_error():
    with pytest.raises(ValueError, match="unknown grouping 'auteurs'"):
        groups(load(ROOT), "auteurs")


def test_publisher_settings_trimmed_with_the_missing_ones_named():
    roadmap = load(ROOT)
    shown = editeur(roadmap, {"siren": " 200062263 ", "hebergeur": {"nom": " Hébergeur SA ", "telephone": None}})
    assert shown["e"]["nom"] == roadmap.identite.porteur.nom and shown["e"]["siren"] == "200062263"
    assert shown["e"]["hebergeur"] == {"nom": "Hébergeur SA", "adresse": "", "telephone": ""}
    assert shown["manquants"] == {"editeur": ["adresse", "telephone", "courriel", "directeur_publication"],
                                  "hebergeur": ["hebergeur.adresse", "hebergeur.telephone"]}
    assert editeur(roadmap, None)["manquants"]["hebergeur"] == ["hebergeur.nom", "hebergeur.adresse",
                                                                 "hebergeur.telephone"]


def test_a_comparison_figure_printed_elsewhere_gets_its_own_note():
    figure = SimpleNamespace(mesure={"imprime_ailleurs": "AFOM, p. 12"}, constat=None, definition_variable=False)
    assert _note_key(SimpleNamespace(key="faits"), figure) == ("faits", None, None, "AFOM, p. 12")
    plain = SimpleNamespace(mesure={"valeur": 3}, constat=None, definition_variable=False)
    assert _note_key(SimpleNamespace(key="faits"), plain) is None


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests" / "exemple"], ids=["lot", "exemple"])
def test_publics_are_grouped_and_filtered_by_their_category_never_by_their_wording(root):
    """« Séniors » and « Personnes seniors résidants dans les EHPAD… » are one category: the groupings and the
    filter of the index list each category some fiche names, in the vocabulary's order, with its fiches."""
    roadmap = load(root)
    vocabulary = list(roadmap.vocabularies["publics"].values())
    named = [p for p in vocabulary if any(p in a.publics for a in roadmap.actions)]
    rows = {row.filtre: row for row in groups(roadmap, "publics")}
    assert {value for _, value in rows} == {p.code for p in named}
    for p in named:
        assert rows["public", p.code].actions == tuple(a for a in roadmap.actions if p in a.publics)
        assert rows["public", p.code].nom == p.nom
    public = next(f for f in filtres(roadmap) if f.cle == "public")
    assert [(c.valeur, c.nom, c.nombre) for c in public.choix] == [
        (p.code, p.nom, len(rows["public", p.code].actions)) for p in named]
    assert all(public.valeurs[a.numero] == tuple(p.code for p in a.publics) for a in roadmap.actions)


def test_a_roadmap_without_follow_up_or_fiches_still_renders_its_views():
    roadmap = load(ROOT)
    plan_only = replace(roadmap, suivi=None)
    assert views.fiche(plan_only, roadmap.actions[0])["suivi"] is None
    assert views.tableau_actions(plan_only)["statuts"] == {}  # the index has no status column
    no_publics = replace(roadmap, vocabularies={k: v for k, v in roadmap.vocabularies.items() if k != "publics"})
    assert [f.choix for f in views.filtres(no_publics) if f.cle == "public"] == [()]  # no vocabulary, no choice
    assert views.donnees(replace(roadmap, actions=()))["exemple"] is None
    without_budget = replace(roadmap, suivi=replace(roadmap.suivi, tableaux=()))
    assert views.etat_suivi(without_budget)["budget"] == []  # the home page says nothing of a budget


def test_a_citation_dates_the_adoption_only_for_a_fiche_of_the_adopted_document():
    roadmap = load(ROOT)
    first = roadmap.actions[0]
    assert views.citation(roadmap, first) == (f"Lot Numérique, fiche n°1 « {first.intitule} », Feuille de route Lot "
                                              "Numérique Ensemble 2024-2027, adoptée le 21\u00a0octobre 2024")
    added = replace(first, source=None)
    assert views.citation(roadmap, added).endswith(" », Feuille de route Lot Numérique Ensemble 2024-2027")
    month = replace(roadmap, identite=replace(roadmap.identite, source={**roadmap.identite.source,
                                                                        "date_adoption": "2024-10"}))
    assert views.citation(month, first).endswith(", adoptée en octobre 2024")
