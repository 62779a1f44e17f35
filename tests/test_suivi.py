"""The follow-up model (roadmap_site.suivi): the progress rule at its edges, dates in French, the facts the
register supports and nothing more, budget totals per axis equal to the register's."""

from __future__ import annotations

import pytest

from roadmap_site.formatting import date_au, date_fr, euros
from roadmap_site.suivi import NO_TARGET, NO_VALUE, Cible, Indicateur, Mesure, Reference, progression

NBSP, NNBSP = "\u00a0", "\u202f"
NOWHERE = Reference(None, None, "document de test")


def target(**figures) -> Cible:
    return Cible("Nombre d'aidants formés", True, "une cible", "aidants", NOWHERE, **figures)


def measured(value: float, date: str = "2025-06-30") -> Mesure:
    return Mesure("Nombre d'aidants formés", True, date, value, "aidants", NOWHERE)


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# --- The progress rule ------------------------------------------------------------------------------------

def test_no_target_no_bar():
    for cible in (None, target()):  # no target at all, or a target in words only
        p = progression(cible, measured(12))
        assert (p.etat, p.texte, p.barre) == ("sans_cible", NO_TARGET, None)
        assert p.texte == "pas de cible chiffrée"


def test_no_value_is_said_never_zero_percent():
    p = progression(target(valeur=60), None)
    assert (p.etat, p.texte, p.barre, p.pourcentage) == ("sans_mesure", NO_VALUE, None, None)
    assert p.texte == "aucune valeur mesurée à ce jour" and "%" not in p.texte


def test_a_measured_zero_is_a_zero():
    p = progression(target(valeur=60), measured(0))
    assert (p.barre, p.pourcentage) == (0, 0)
    assert plain(p.texte) == "0 aidants au 30 juin 2025 : 0 % de la cible (60 aidants)"


def test_value_below_target():
    p = progression(target(valeur=60), measured(15))
    assert (p.etat, p.barre, p.pourcentage) == ("ratio", 25, 25)
    assert plain(p.texte) == "15 aidants au 30 juin 2025 : 25 % de la cible (60 aidants)"


def test_value_above_target_caps_the_bar_and_says_the_real_ratio():
    p = progression(target(valeur=60), measured(75))
    assert p.barre == 100 and p.pourcentage == 125
    assert plain(p.texte) == "75 aidants au 30 juin 2025 : 125 % de la cible (60 aidants), cible dépassée"


def test_target_reached():
    assert plain(progression(target(valeur=60), measured(60)).texte).endswith(
        "100 % de la cible (60 aidants), cible atteinte")


@pytest.mark.parametrize("value, words", [(0, "en dessous de la fourchette visée"), (1, "dans la fourchette visée"),
                                          (2, "dans la fourchette visée"), (3, "dans la fourchette visée"),
                                          (4, "au-dessus de la fourchette visée")])
def test_a_range_is_compared_in_words_without_bar(value, words):
    p = progression(target(minimum=1, maximum=3), measured(value, "2026-05"))
    assert (p.etat, p.barre, p.pourcentage) == ("fourchette", None, None)
    assert plain(p.texte) == f"{value} aidants en mai 2026 : {words} (1 à 3 aidants)"


def test_open_ranges():
    assert plain(progression(target(minimum=3), measured(2)).texte).endswith(
        "en dessous du minimum visé (au moins 3 aidants)")
    assert plain(progression(target(minimum=3), measured(3)).texte).endswith("objectif respecté (au moins 3 aidants)")
    assert plain(progression(target(maximum=3), measured(4)).texte).endswith(
        "au-dessus du maximum visé (au plus 3 aidants)")


def test_the_latest_value_is_compared():
    indicator = Indicateur("Nombre d'aidants formés", True, (target(valeur=60),),
                           (measured(10, "2025-01-31"), measured(30)))
    [(_, p)] = indicator.progressions
    assert p.pourcentage == 50


# --- Dates and amounts in French ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text, at", [("2025-03-07", "7 mars 2025", "au 7 mars 2025"),
                                             ("2025-09-01", "1er septembre 2025", "au 1er septembre 2025"),
                                             ("2026-05", "mai 2026", "en mai 2026"), ("2018", "2018", "en 2018")])
def test_dates_as_precise_as_written(value, text, at):
    assert plain(date_fr(value)) == text and plain(date_au(value)) == at


def test_amounts_with_cents_keep_two_digits():
    assert plain(euros(268.8)) == "268,80 €" and plain(euros(34685.32)) == "34 685,32 €"
    assert plain(euros(4000.0)) == "4 000 €"


# --- What the register supports --------------------------------------------------------------------------

def test_statuses_only_where_the_register_states_them(roadmap):
    suivi = roadmap.suivi
    states = {f.action.numero: f.etat.code for f in suivi.fiches}
    assert {n: s for n, s in states.items() if s != "non_renseigne"} == {3: "en_cours", 6: "en_cours", 19: "en_cours",
                                                                          22: "a_lancer"}
    assert suivi.defaut.code == "non_renseigne" and suivi.defaut.extra.get("tet") is None
    assert [s.date for s in suivi.fiche(roadmap.action(3)).statuts] == ["2025-03-07"]
    assert suivi.derniere_date == "2025-03-07"


def test_status_counts_per_axis(roadmap):
    suivi = roadmap.suivi
    counts = {ax.code: {code: suivi.compte(ax.actions, code) for code in suivi.statuts} for ax in roadmap.axes}
    assert counts["responsable"] == {"a_lancer": 0, "en_cours": 1, "en_pause": 0, "realisee": 0, "abandonnee": 0,
                                     "non_renseigne": 2}
    assert (counts["solidaire"]["en_cours"], counts["solidaire"]["non_renseigne"]) == (1, 11)
    assert (counts["innovant"]["en_cours"], counts["innovant"]["a_lancer"],
            counts["innovant"]["non_renseigne"]) == (1, 1, 5)


def test_no_measured_value_is_invented(roadmap):
    assert [m for f in roadmap.suivi.fiches for m in f.mesures] == []


def test_fiche_8_targets_at_least_60_aidants_by_the_end_of_2025(roadmap):
    [indicator] = roadmap.suivi.fiche(roadmap.action(8)).indicateurs
    [cible] = indicator.cibles
    assert (cible.valeur, cible.unite, cible.echeance) == (60, "aidants", "2025-12-31")
    assert (cible.reference.deliberation.slug, cible.reference.lignes.premiere) == ("pv-cs-2024-10-21", 235)


def test_fiche_22_convention_targets_and_calendar(roadmap):
    f = roadmap.suivi.fiche(roadmap.action(22))
    ranges = {c.texte: (c.minimum, c.maximum) for i in f.indicateurs for c in i.cibles if c.minimum is not None}
    assert ranges["Nombre de structures accueillant les ateliers: 1 à 3"] == (1, 3)
    assert ranges["Nombre de participants aux ateliers: 15 à 20 participants sur toute la durée du projet"] == (15, 20)
    assert [j.date for j in f.jalons] == ["2025-03-07", "2025-09-01", "2026-05", "2026-07-31", "2026-07-31"]


# --- Budget -----------------------------------------------------------------------------------------------

REGISTER_2025 = {"responsable": 9300, "solidaire": 28500, "innovant": 13700}  # CS2025/12, l. 4930-4938


def test_orientation_2025_totals_per_axis_equal_the_registers(roadmap):
    table = next(t for t in roadmap.suivi.tableaux if t.slug == "2025-orientation")
    assert {ax.code: table.somme(table.de_l_axe(ax)) for ax in roadmap.axes} == REGISTER_2025
    printed = {x.axe.code: x.montant for x in table.totaux if x.perimetre == "axe"}
    assert printed == REGISTER_2025
    assert [(x.montant, x.calcule, x.ecart) for x in table.totaux if x.perimetre != "axe"] == [(83036, 83036, 0),
                                                                                             (51500, 51500, 0)]
    [coordination] = table.sans_fiche
    assert coordination.montant == 31536 and coordination.axe is None


def test_a_difference_with_the_register_is_kept_not_hidden(roadmap):
    table = next(t for t in roadmap.suivi.tableaux if t.slug == "2025-recettes-anct")
    [total] = table.totaux
    assert (total.montant, total.calcule, total.ecart) == (29000, 25000, 4000)


def test_purchase_orders_attached_only_where_the_register_names_the_action(roadmap):
    table = next(t for t in roadmap.suivi.tableaux if t.slug == "2024-lettres-de-commande")
    attached = {p.reference: p.action.numero for p in table.postes if p.action}
    assert attached == {"LC2024-02-FP": 6, "LC2024-07": 3, "LC2024-09-FP": 6, "LC2024-12-LM": 3, "LC2024-13-FP": 6,
                        "LC2024-14-FP": 21, "LC2024-16-FP": 6}
    assert table.ttc and len(table.postes) == 16 and table.somme(table.postes) == 34685.32
    assert all(p.note for p in table.sans_fiche)


def test_each_fiche_lists_its_deliberations_and_each_deliberation_its_fiches(roadmap):
    suivi = roadmap.suivi
    for f in suivi.fiches:
        for d in f.deliberations:
            assert f.action in [x.action for x in d.fiches], (f.action.numero, d.slug)
    assert [x.action.numero for x in suivi.deliberation("cs2025-11").fiches] == [22]
    assert suivi.deliberation("cs2025-02").fiches == ()
    assert suivi.deliberation("pv-cs-2024-10-21").approuve_par is suivi.deliberation("cs2025-01")
