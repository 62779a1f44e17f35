"""Independent oracles for the follow-up pages: the records read straight from YAML, figures and dates
formatted by the test's own formatter, each looked for in its own table cell (tests/oracles.py)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.oracles import (cell_text, definition, document, euros, for_readers, norm, page, records, staff_sources,
                           table)

FICHES = {f["numero"]: f for f in records("actions")}
AXES = document("data/vocabulaires/axes.yml")
STATUTS = document("data/vocabulaires/statuts.yml")
NATURES = document("data/vocabulaires/natures-budget.yml")
DELIBERATIONS = {d["slug"]: d for d in records("deliberations")}
SUIVI = {s["fiche"]: s for s in records("suivi")}
BUDGET = records("budget")
DEPENSES = [t for t in BUDGET if NATURES[t["nature"]]["sens"] == "depense"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
DEFAULT = next(entry["nom"] for entry in STATUTS.values() if entry.get("defaut"))


def date_fr(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return month if len(parts) == 2 else f"{'1er' if parts[2] == 1 else parts[2]} {month}"


def libelle(slug: str) -> str:
    d = DELIBERATIONS[slug]
    return f"Délibération {d['numero']}" if "numero" in d else d["titre"]


def cited(slug: str) -> str:
    """A deliberation as readers cite it: its number and sitting, or the minutes' own title."""
    d = DELIBERATIONS[slug]
    return f"Délibération {d['numero']}, séance du {date_fr(d['date'])}" if "numero" in d else d["titre"]


def lines(item: dict) -> str:
    a, b = item["lignes"]["premiere"], item["lignes"]["derniere"]
    return f"l. {a}" if a == b else f"l. {a}-{b}"


def tight(text: str) -> str:
    """Cell text without the spaces get_text(" ") puts around a link inside parentheses or before a comma."""
    return re.sub(r"\( ", "(", re.sub(r" ([,)])", r"\1", text))


def money(value: float, tableau: dict) -> str:
    return euros(value) + (" TTC" if tableau.get("ttc") else "")


def axis_of(poste: dict) -> str | None:
    return FICHES[poste["fiche"]]["axe"] if "fiche" in poste else poste.get("axe")


def total(postes: list[dict], tableau: dict) -> str:
    return money(round(sum(p["montant"] for p in postes), 2), tableau) if postes else "aucune ligne"


def latest_status(numero: int) -> dict | None:
    statuses = SUIVI.get(numero, {}).get("statuts", [])
    return max(statuses, key=lambda s: s["date"]) if statuses else None


# --- Budget -------------------------------------------------------------------------------------------------

def test_expenses_per_fiche_and_per_axis(site):
    soup = page(site, "suivi/budget")
    rows = {r["Fiche ou axe"]: r for r in table(soup, "legende-depenses-par-fiche-table")}
    for tableau in DEPENSES:
        for code, axe in AXES.items():
            row = rows[f"Axe {axe['numero']} : {axe['nom']} (toutes ses lignes)"]
            assert row[tableau["titre"]] == total([p for p in tableau["postes"] if axis_of(p) == code], tableau)
        for numero in {p["fiche"] for t in DEPENSES for p in t["postes"] if "fiche" in p}:
            row = rows[f"Fiche n°{numero}"]
            assert row[tableau["titre"]] == total([p for p in tableau["postes"] if p.get("fiche") == numero], tableau)
    without, everything = table(soup, "legende-depenses-par-fiche-table", "tfoot")
    for tableau in DEPENSES:
        assert without[tableau["titre"]] == total([p for p in tableau["postes"] if axis_of(p) is None], tableau)
        assert everything[tableau["titre"]] == total(tableau["postes"], tableau)


def test_the_register_totals_per_axis_are_printed_and_equal_the_lines(site):
    """Independent of the records: the figures CS2025/12 prints (l. 4927-4938)."""
    soup = page(site, "suivi/budget")
    rows = {r["Fiche ou axe"]: r for r in table(soup, "legende-depenses-par-fiche-table")}
    column = "Orientations budgétaires 2025 : usages numériques"
    assert [rows[f"Axe {n} : {name} (toutes ses lignes)"][column] for n, name in
            ((1, "Lot Numérique Responsable"), (2, "Lot Numérique Solidaire"), (3, "Lot Numérique Innovant"))] == [
        "9 300 €", "28 500 €", "13 700 €"]
    without, everything = table(soup, "legende-depenses-par-fiche-table", "tfoot")
    assert (without[column], everything[column]) == ("31 536 €", "83 036 €")
    totals = {r["Total du registre"]: r for r in table(soup, "legende-totaux-2025-orientation-table")}
    assert totals["consacrés aux actions de la feuille de route LNE"]["Somme des lignes"] == "51 500 €"
    assert "total « consacrés aux actions de la feuille de route LNE » — l. 4929" in staff_sources(soup)
    assert all(r["Comparaison"].startswith("égal au total du registre.") for r in totals.values())


@pytest.mark.parametrize("tableau", [t for t in BUDGET if t.get("totaux")], ids=lambda t: t["slug"])
def test_register_totals_beside_the_sums_of_their_lines(site, tableau):
    soup = page(site, "suivi/budget")
    rows = {r["Total du registre"]: r for r in table(soup, f"legende-totaux-{tableau['slug']}-table")}
    assert len(rows) == len(tableau["totaux"])
    for x in tableau["totaux"]:
        row = rows[norm(x["libelle"])]  # its lines for staff only, in the page's closed « Sources »
        assert f"{tableau['titre']}, total « {norm(x['libelle'])} » — {lines(x)}" in staff_sources(soup)
        chosen = {"tableau": tableau["postes"], "fiches": [p for p in tableau["postes"] if "fiche" in p],
                  "axe": [p for p in tableau["postes"] if axis_of(p) == x.get("axe")]}[x["perimetre"]]
        computed = round(sum(p["montant"] for p in chosen), 2)
        assert row["Montant du registre"] == money(x["montant"], tableau)
        assert row["Somme des lignes"] == money(computed, tableau)
        gap = round(x["montant"] - computed, 2)
        if gap == 0:
            assert row["Comparaison"].startswith("égal au total du registre.")
        else:
            word = "inférieure" if gap > 0 else "supérieure"
            assert row["Comparaison"].startswith(f"écart : la somme des lignes est {word} de {money(abs(gap), tableau)} "
                                                 "au total du registre.")


@pytest.mark.parametrize("tableau", BUDGET, ids=lambda t: t["slug"])
def test_every_budget_line_in_its_table(site, tableau):
    soup = page(site, "suivi/budget")
    rows = table(soup, f"legende-lignes-{tableau['slug']}-table")
    assert len(rows) == len(tableau["postes"])
    for row, poste in zip(rows, tableau["postes"]):
        assert row["Fiche"] == (f"n°{poste['fiche']}" if "fiche" in poste else "sans fiche")
        assert (row["Objet"], row["Montant"]) == (norm(poste["objet"]), money(poste["montant"], tableau))
        assert for_readers(row["Rattachement"], norm(poste.get("note", "")))
        assert f"{tableau['titre']} : {poste.get('reference') or norm(poste['objet'])} — {lines(poste)}" in staff_sources(soup)
        if "reference" in poste:
            assert (row["Référence"], row["Titulaire"]) == (poste["reference"], poste["titulaire"])


def test_each_attached_line_appears_on_its_fiche(site):
    """Every line attached to a fiche (purchase orders included, TTC) is in the budget table of the fiche page."""
    expected = defaultdict(list)
    for tableau in BUDGET:
        for poste in tableau["postes"]:
            if "fiche" in poste:
                objet = f"{poste['reference']} : {norm(poste['objet'])}" if "reference" in poste else norm(poste["objet"])
                expected[poste["fiche"]].append((tableau["titre"], objet, money(poste["montant"], tableau),
                                                 cited(tableau["deliberation"]),
                                                 f"{libelle(tableau['deliberation'])}, {lines(poste)}"))
    for numero, fiche in FICHES.items():
        soup = page(site, f"actions/{fiche['slug']}")
        if numero not in expected:
            assert soup.find(id="legende-suivi-budget-table") is None
            assert "Aucune ligne budgétaire du registre ne nomme cette action." in norm(soup.select_one(".lne-suivi").get_text(" "))
            continue
        rows = table(soup, "legende-suivi-budget-table")
        assert (sorted((r["Tableau"], r["Objet"], r["Montant"], tight(r["Source"])) for r in rows)
                == sorted(e[:4] for e in expected[numero]))
        assert all(e[4] in staff_sources(soup) for e in expected[numero])


def test_purchase_orders_are_ttc_as_the_register_says(site):
    [orders] = [t for t in BUDGET if t["nature"] == "lettre_de_commande"]
    assert orders["ttc"] is True
    text = norm(page(site, "actions/boucle-reconditionnement-solidaire").select_one(".lne-suivi").get_text(" "))
    assert "LC2024-07 : Disques durs pour reconditionnement 3 830,40 € TTC" in text
    assert "LC2024-12-LM : RAM PC reconditionnés 724,51 € TTC" in text


# --- Dashboard, fiche pages, deliberations, home -------------------------------------------------------

@pytest.mark.parametrize("code", list(AXES))
def test_dashboard_row_per_fiche(site, code):
    soup = page(site, "suivi")
    rows = table(soup, f"legende-suivi-{code}-table")
    fiches = sorted((f for f in FICHES.values() if f["axe"] == code), key=lambda f: f["numero"])
    assert [r["Fiche"] for r in rows] == [f"n°{f['numero']} : {norm(f['intitule'])}" for f in fiches]
    for row, fiche in zip(rows, fiches):
        status = latest_status(fiche["numero"])
        if status is None:
            assert (row["Statut"], row["Situation"]) == (DEFAULT, "pas de statut dans le registre")
        else:
            at = ("au " if status["date"].count("-") == 2 else "en ") + date_fr(status["date"])
            assert row["Statut"] == STATUTS[status["statut"]]["nom"]
            assert tight(row["Situation"]) == f"{at} ({cited(status['deliberation'])})"
            assert f"{libelle(status['deliberation'])}, {lines(status)}" in staff_sources(soup)
        targets = SUIVI.get(fiche["numero"], {}).get("cibles", [])
        cell = row["Cibles et valeurs mesurées"]
        if not targets:
            assert cell == "aucune cible dans le registre"
        for cible in targets:
            assert f"« {norm(cible['texte'])} » : aucune valeur mesurée à ce jour" in cell


def test_dashboard_counts_per_axis(site):
    default = next(code for code, entry in STATUTS.items() if entry.get("defaut"))
    states = {n: (latest_status(n) or {"statut": default})["statut"] for n in FICHES}
    rows = table(page(site, "suivi"), "legende-statuts-table")
    for row, (code, axe) in zip(rows, sorted(AXES.items(), key=lambda kv: kv[1]["numero"])):
        fiches = [n for n, f in FICHES.items() if f["axe"] == code]
        assert {entry["nom"]: row[entry["nom"]] for entry in STATUTS.values()} == {
            entry["nom"]: str(sum(1 for n in fiches if states[n] == status)) for status, entry in STATUTS.items()}
        assert row["Fiches"] == str(len(fiches))


@pytest.mark.parametrize("schema", ["suivi", "deliberation", "budget"])
def test_contributor_guide_documents_every_follow_up_field(site, schema):
    from tests.test_site import schema_paths

    guide = norm(page(site, "contribuer").find(id=f"legende-champs-{schema}-table").get_text(" "))
    paths = schema_paths(f"{schema}.schema.yml")
    assert len(paths) > 10 and [p for p in paths if p not in guide] == []


def test_no_progress_bar_and_no_zero_percent_without_measured_value(site):
    assert not any(s.get("mesures") for s in SUIVI.values())
    for url in ["suivi", ""] + [f"actions/{f['slug']}" for f in FICHES.values()]:
        soup = page(site, url)
        assert soup.find("progress") is None, url
        assert not re.search(r"(?<![\d,])0 %", norm(soup.find("article").get_text(" "))), url


@pytest.mark.parametrize("numero", sorted(FICHES))
def test_fiche_block_status_and_deliberations(site, numero):
    soup = page(site, f"actions/{FICHES[numero]['slug']}")
    block = soup.select_one(".lne-suivi")
    status = latest_status(numero)
    first = norm(block.find("p").get_text(" "))
    assert first.startswith(f"Statut : {STATUTS[status['statut']]['nom'] if status else DEFAULT}")
    summary = definition(soup, "Statut")  # the fiche's summary, which is what prints
    if status:
        assert f"au {date_fr(status['date'])}" in first
        assert summary == f"{STATUTS[status['statut']]['nom']} au {date_fr(status['date'])} · suivi de l'action"
    else:
        assert "le registre ne dit pas où en est cette action" in first
        assert summary == f"{DEFAULT} (pas de statut dans le registre) · suivi de l'action"
    cited = {slug for slug, d in DELIBERATIONS.items() if any(x["fiche"] == numero for x in d["fiches"])}
    listed = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in block.select("#suivi-deliberations + ul a")}
    assert cited <= listed


@pytest.mark.parametrize("slug", sorted(DELIBERATIONS))
def test_deliberation_page(site, slug):
    d = DELIBERATIONS[slug]
    soup = page(site, f"deliberations/{slug}")
    assert norm(soup.find("h1").get_text()) == (f"Délibération {d['numero']} : {norm(d['titre'])}" if "numero" in d
                                                else norm(d["titre"]))
    text = norm(soup.find("article").get_text(" "))
    assert norm(d["resume"]) in text and date_fr(d["date"]) in text
    for item in d.get("decision", []) + [x for p in d.get("points", []) for x in p.get("decision", [])]:
        assert norm(item) in text
    linked = [a["href"] for a in soup.select("#fiches-concernees + div li > a")]
    for x in d["fiches"]:
        assert f"../../actions/{FICHES[x['fiche']]['slug']}/" in linked
        assert norm(x["motif"]) in text
    if "delegues" in d:
        count = d["delegues"]
        assert f"{count['en_exercice']} en exercice, {count['presents']} présents" in text
        assert f"{count['votants']} votants" in text


def test_deliberations_list(site):
    rows = table(page(site, "deliberations"), "legende-deliberations-table")
    ordered = sorted(DELIBERATIONS.values(), key=lambda d: (d["date"], d["slug"]), reverse=True)
    assert [r["Date"] for r in rows] == [date_fr(d["date"]) for d in ordered]
    assert rows[0]["Délibération"] == "Délibération CS2025/12 : Débat d'orientation budgétaire 2025"


def test_home_says_where_the_roadmap_stands(site):
    soup = page(site, "")
    figures = [cell_text(p) for p in soup.select(".lne-chiffres .lne-chiffre")]
    counts = defaultdict(int)
    for numero in FICHES:
        status = latest_status(numero)
        counts[STATUTS[status["statut"]]["nom"] if status else DEFAULT] += 1
    for name, count in counts.items():
        assert f"{count} fiche{'s' if count > 1 else ''} : {name}" in figures
    text = norm(soup.find("article").get_text(" "))
    assert "Situation à la dernière information publiée, le 7 mars 2025" in text
    assert ("83 036 € consacrés aux usages numériques, avec une priorité donnée à l'inclusion numérique, dont 51 500 € "
            "consacrés aux actions de la feuille de route LNE") in text


@pytest.mark.parametrize("tableau", DEPENSES, ids=lambda t: t["slug"])
def test_budget_chart_of_a_table(site, tableau):
    """One bar per axis with its sum (and the lines without fiche nor axis), widths in proportion."""
    svg = page(site, "suivi/budget").find(id=f"graphique-{tableau['slug']}-titre").find_parent("svg")
    values = [(axe["nom"], [p for p in tableau["postes"] if axis_of(p) == code])
              for code, axe in sorted(AXES.items(), key=lambda kv: kv[1]["numero"])]
    if any(axis_of(p) is None for p in tableau["postes"]):
        values.append(("Sans fiche ni axe", [p for p in tableau["postes"] if axis_of(p) is None]))
    assert norm(svg.find("desc").get_text()) == " ; ".join(f"{label} : {total(postes, tableau)}" for label, postes in values) + "."
    widths = [(float(r["width"]), sum(p["montant"] for p in postes)) for r, (_, postes) in
              zip(svg.find_all("rect"), [v for v in values if v[1]])]
    top_width, top_value = max(w for w, _ in widths), max(v for _, v in widths)
    assert all(w / top_width == pytest.approx(v / top_value, abs=0.002) for w, v in widths)
