"""The corrections of an independent audit of the follow-up against the register, each asserted as a rule
over every record it could concern (read straight from YAML) and on the built pages (tests/oracles.py):
a register total that differs from its lines is flagged beside the sum; one attachment rule for budget
lines; no status before the roadmap existed; targets only where the register sets one, on the fiche's own
indicator when it has one; notes shown beside what they qualify; the register's wording, not a stronger
one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.oracles import ROOT, document, for_readers, norm, page, staff_sources
from tests.test_oracles_suivi import (
    AXES,
    BUDGET,
    DELIBERATIONS,
    FICHES,
    NATURES,
    SUIVI,
    axis_of,
    column,
    gap,
    printed_total,
    summary,
    summary_cell,
)

BUDGET_PAGE = "suivi/budget"
ADOPTION = DELIBERATIONS["cs2025-09"]["date"]  # the roadmap's adoption: a fiche exists from then on


def strings(value) -> list[str]:
    """Every text of a record, at any depth."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [norm(value)] if isinstance(value, str) else []


def quotes(text: str) -> list[str]:
    return [norm(q) for q in re.findall(r"«\s*(.+?)\s*»", text)]


# --- 1. A register total that differs from the sum of its lines is flagged where the sum is shown ----------

@pytest.mark.parametrize("tableau", BUDGET, ids=lambda t: t["slug"])
def test_a_gap_with_the_register_is_shown_beside_the_sum(site, tableau):
    rows, foot = summary(site)
    name = column(tableau)
    whole = printed_total(tableau, "tableau")
    assert foot["Toutes les lignes du tableau"][name] == summary_cell(tableau["postes"]) + gap(whole, tableau["postes"])
    for code, axe in AXES.items():
        postes = [p for p in tableau["postes"] if axis_of(p) == code]
        printed = printed_total(tableau, "axe", code)
        assert rows[f"Axe {axe['numero']} : {axe['nom']} (toutes ses lignes)"][name] == summary_cell(postes) + gap(
            printed, postes)


def test_anct_2025_shows_its_gap_and_says_why_in_the_data():
    [anct] = [t for t in BUDGET if t["slug"] == "2025-recettes-anct"]
    [x] = anct["totaux"]
    assert (x["montant"], sum(p["montant"] for p in anct["postes"])) == (29000, 25000)
    assert "25 000 €" in norm(x["note"]) and "4 000 €" in norm(x["note"])


def test_the_anct_cell_reads_as_the_register_and_the_gap(site):
    _, foot = summary(site)
    assert foot["Toutes les lignes du tableau"]["Recette attendue 2025"] == (
        "25 000 € écart : le registre annonce 29 000 € ; la somme des lignes est inférieure de 4 000 € (voir le "
        "tableau)")


# --- 2. One attachment rule, the same for every line, said on the page ------------------------------------

LINES = [(t, p) for t in BUDGET for p in t["postes"]]


def test_lines_of_the_same_wording_are_attached_the_same_way():
    by_wording: dict[str, set] = {}
    for _, poste in LINES:
        by_wording.setdefault(norm(poste["objet"]).lower(), set()).add(poste.get("fiche"))
    assert {w: f for w, f in by_wording.items() if len(f) > 1} == {}
    meals = [p for _, p in LINES if "rencontre trimestrielle" in p["objet"]]
    assert len(meals) == 4 and {p.get("fiche") for p in meals} == {6}


@pytest.mark.parametrize("tableau, poste", LINES,
                         ids=lambda x: x.get("reference") or x.get("objet", x.get("slug", ""))[:30])
def test_a_line_is_attached_only_with_words_of_its_fiche(tableau, poste):
    """Not attached: its note says why, in the same words everywhere. Attached, in a table of 2024 (before the
    roadmap, whose lines cannot name it): its note quotes its fiche's own text."""
    note = norm(poste.get("note", ""))
    if "fiche" not in poste:
        assert "ligne sans fiche" in note, poste["objet"]
    elif tableau["annee"] == 2024 and NATURES[tableau["nature"]]["sens"] == "depense":
        own = " ".join(strings({k: v for k, v in FICHES[poste["fiche"]].items() if k != "source"}))
        assert [q for q in quotes(note) if q in own], note


def test_the_budget_page_states_the_rule(site):
    text = norm(page(site, BUDGET_PAGE).find("article").get_text(" "))
    assert ("Règle de rattachement, la même pour chaque ligne de chaque tableau : une ligne est rattachée à une "
            "fiche seulement si son libellé, dans le registre, nomme l'action de la fiche ou une activité que la "
            "fiche elle-même décrit") in text


# --- 3. No status before the roadmap existed ------------------------------------------------------------

def test_no_status_is_dated_before_the_roadmap(site):
    early = [(n, s["date"]) for n, s_ in SUIVI.items() for s in s_.get("statuts", []) if s["date"] < ADOPTION]
    assert early == []
    block = page(site, f"actions/{FICHES[3]['slug']}").select_one(".lne-suivi")
    first = norm(block.find("p").get_text(" "))
    assert first.startswith("Statut : En cours au 7 mars 2025") and "28 juin 2024" not in first
    notes = norm(block.select_one(".lne-notes-suivi").get_text(" "))
    assert "l'expérimentation en cours" in notes and "pas un constat" in notes


# --- 4. Targets only where the register sets one; on the fiche's indicator when it has one ----------------

def test_a_cost_basis_is_not_a_target(site):
    assert "cibles" not in SUIVI[2] and "base d'un coût" in norm(SUIVI[2]["notes"][0])
    block = page(site, f"actions/{FICHES[2]['slug']}").select_one(".lne-suivi")
    assert block.find(id="suivi-cibles") is None and "12 médiateurs" in norm(block.get_text(" "))


@pytest.mark.parametrize("numero", sorted(n for n, s in SUIVI.items() if s.get("cibles")))
def test_the_off_indicator_label_only_for_a_count_the_fiche_does_not_follow(site, numero):
    fiche = FICHES[numero]
    own = set(fiche["indicateurs"].get("quantitatifs") or []) | set(fiche["indicateurs"].get("qualitatifs") or [])
    soup = page(site, f"actions/{fiche['slug']}")
    items = [norm(li.get_text(" ")) for li in soup.select(".lne-cibles > li")]
    cibles = SUIVI[numero]["cibles"]
    assert len(items) == len(cibles)
    for cible in cibles:
        [text] = [i for i in items if f"« {norm(cible['texte'])} »" in i]
        assert text.startswith(norm(cible.get("indicateur") or cible["libelle"]))
        assert ("hors indicateurs de la fiche" in text) is ("libelle" in cible)
        assert "indicateur" not in cible or cible["indicateur"] in own
        if "note" in cible:  # shown beside the target it qualifies; as typed, with its lines, for staff
            [note] = [norm(n.get_text(" ")) for li in soup.select(".lne-cibles > li")
                      if f"« {norm(cible['texte'])} »" in norm(li.get_text(" ")) for n in li.select(".lne-note-fait")]
            assert for_readers(note, f"Note : {norm(cible['note'])}")
            assert "l. " not in cible["note"] or norm(cible["note"]) in staff_sources(soup)


def test_fiche_4_copil_target_is_on_its_own_indicator():
    [cible] = SUIVI[4]["cibles"]
    assert cible["indicateur"] == "Nombre de rencontres du comité de pilotage et des comités techniques"
    assert cible["indicateur"] in FICHES[4]["indicateurs"]["quantitatifs"]
    assert "Annonce faite en séance" in cible["note"]


@pytest.mark.parametrize("numero", sorted(n for n, s in SUIVI.items() if s.get("statuts")))
def test_a_status_note_is_shown_beside_the_status(site, numero):
    latest = max(SUIVI[numero]["statuts"], key=lambda s: s["date"])
    soup = page(site, f"actions/{FICHES[numero]['slug']}")
    shown = [norm(p.get_text(" ")) for p in soup.select_one(".lne-suivi").select("p.lne-note-fait")]
    assert len(shown) == (1 if "note" in latest else 0)
    if shown:
        assert for_readers(shown[0], f"Note : {norm(latest['note'])}")
        assert "l. " not in latest["note"] or norm(latest["note"]) in staff_sources(soup)


# --- 5, 8. The register's words for what is an option, a repeat award, a possibility ------------------------

def jalon(numero: int, date: str) -> dict:
    [found] = [j for j in SUIVI[numero]["jalons"] if j["date"] == date]
    return found


def test_fiche_19_subscription_is_an_option_and_the_second_contract_went_again_to_qos(site):
    assert "pourront souscrire" in norm(jalon(19, "2026-01-01")["texte"])
    assert "attribué à nouveau à QOS Télécom" in norm(jalon(19, "2022")["texte"])
    calendar = norm(page(site, f"actions/{FICHES[19]['slug']}").select_one(".lne-jalons").get_text(" "))
    assert ("« pourront souscrire, auprès de l'opérateur retenu, un abonnement effectif au 1er janvier 2026 »"
            in calendar)
    assert "Abonnement effectif des collectivités" not in calendar


def test_fiche_22_follow_up_terms_and_national_final(site):
    notes = " ".join(norm(n) for n in SUIVI[22]["notes"])
    for words in ("« Points trimestriels »", "bilan commun", "« A la fin de chaque atelier, le reporting quantitatif "
                  "est à renseigner »", "l. 4507-4523"):
        assert words in notes, words
    assert "rejoindra le Tournoi national des seniors Silver Geek" in norm(jalon(22, "2026-05")["texte"])
    block = norm(page(site, f"actions/{FICHES[22]['slug']}").select_one(".lne-suivi").get_text(" "))
    assert "Points trimestriels" in block and "Tournoi national des seniors Silver Geek" in block


# --- 6. Who placed the orders: the register names the Bureau and the President, not a signatory -------------

def test_no_text_says_the_president_placed_each_order(site):
    wording = re.compile(r"pass[ée]+s? par le pr[ée]sident", re.I)
    sources = [p for folder in ("actions", "suivi", "budget", "deliberations", "data", "docs")
               for p in (ROOT / folder).rglob("*") if p.suffix in (".yml", ".md")]
    sources += list((ROOT / "roadmap_site/templates").glob("*.html")) + [ROOT / "README.md"]
    assert [str(p) for p in sources if wording.search(p.read_text(encoding="utf-8"))] == []
    assert [str(p) for p in Path(site).rglob("*.html") if wording.search(p.read_text(encoding="utf-8"))] == []
    assert "délégations exercées par le Bureau et par le Président" in norm(document(
        "data/vocabulaires/natures-budget.yml")["lettre_de_commande"]["description"])
    legend = [norm(li.get_text(" ")) for li in page(site, BUDGET_PAGE).select(".lne-colonnes-budget li")]
    assert [t for t in legend if t.startswith("Commandé 2024 (lettre de commande) : commande passée dans le cadre des "
                                              "délégations exercées par le Bureau et par le Président")]


# --- 7. Fiche 21: what the register does say ----------------------------------------------------------------

def test_fiche_21_is_linked_to_the_commission_decision_on_tiers_lieux(site):
    cited = {slug for slug, d in DELIBERATIONS.items() if any(x["fiche"] == 21 for x in d["fiches"])}
    assert {"pv-commission-usages-2024-06-28", "cs2025-04"} <= cited
    for slug in ("pv-commission-usages-2024-06-28", "cs2025-04"):
        [x] = [x for x in DELIBERATIONS[slug]["fiches"] if x["fiche"] == 21]
        assert "panorama/diagnostic" in x["motif"] and "Etablir un panorama des tiers-lieux du Lot" in x["motif"]
    block = page(site, f"actions/{FICHES[21]['slug']}").select_one(".lne-suivi")
    links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in block.select("#suivi-deliberations + ul a")}
    assert {"pv-commission-usages-2024-06-28", "cs2025-04"} <= links
    text = norm(block.get_text(" "))
    assert "28 juin 2024 : La commission des usages numériques valide" in text
    assert "Rencontre tiers-lieux" in text and "ne dit rien" not in text


def test_no_page_says_the_register_says_nothing(site):
    assert [str(p) for p in Path(site).rglob("*.html") if "ne dit rien de l" in p.read_text(encoding="utf-8")] == []
