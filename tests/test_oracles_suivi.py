"""Independent oracles for the follow-up pages: the records read straight from YAML, figures and dates
formatted by the test's own formatter, each looked for in its own table cell (tests/oracles.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest

from tests.conftest import REFERENCE_DAY
from tests.oracles import (
    LINE_REFERENCE,
    cell_text,
    definition,
    document,
    euros,
    for_readers,
    norm,
    page,
    records,
    skeleton,
    staff_sources,
    table,
)

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


# --- Budget ---------------------------------------------------------------------------------------------

SUMMARY = "legende-budget-synthese-table"
# The summary's columns: expenses before receipts, the latest year first, then in the natures' own order.
COLUMNS = sorted(BUDGET, key=lambda t: (NATURES[t["nature"]]["sens"] == "recette", -t["annee"],
                                        list(NATURES).index(t["nature"])))


def kind(tableau: dict) -> str:
    """What a table's amounts are and their year, as the pages say it: « Prévu 2025 »."""
    nature = NATURES[tableau["nature"]]
    return f"{nature.get('colonne', nature['nom'])} {tableau['annee']}"


def column(tableau: dict) -> str:
    return kind(tableau) + (" (TTC)" if tableau.get("ttc") else "")


def gap(printed: dict | None, postes: list[dict]) -> str:
    """The words beside a sum that differs from the register's total of the same lines (amounts as the
    summary writes them: its column header says TTC)."""
    if printed is None or round(printed["montant"] - sum(p["montant"] for p in postes), 2) == 0:
        return ""
    difference = round(printed["montant"] - sum(p["montant"] for p in postes), 2)
    word = "inférieure" if difference > 0 else "supérieure"
    return (f" écart : le registre annonce {euros(printed['montant'])} ; la somme des lignes est {word} de "
            f"{euros(abs(difference))} (voir le tableau)")


def summary_cell(postes: list[dict], printed: dict | None = None) -> str:
    """A cell of the summary: the sum of the register's lines, empty when there is none (never 0), and the
    gap with the register's own total of those lines."""
    return (euros(round(sum(p["montant"] for p in postes), 2)) if postes else "") + gap(printed, postes)


def printed_total(tableau: dict, perimetre: str, axe: str | None = None) -> dict | None:
    return next((x for x in tableau.get("totaux", []) if x["perimetre"] == perimetre and x.get("axe") == axe), None)


def summary(site):
    soup = page(site, "suivi/budget")
    return ({r["Fiche ou axe"]: {k: tight(v) for k, v in r.items()} for r in table(soup, SUMMARY)},
            {r["Fiche ou axe"]: {k: tight(v) for k, v in r.items()} for r in table(soup, SUMMARY, "tfoot")})


def test_budget_summary_has_one_column_per_register_table(site):
    headers = [cell_text(th) for th in page(site, "suivi/budget").find(id=SUMMARY).find("thead").find_all("th")]
    assert headers == ["Fiche ou axe"] + [column(t) for t in COLUMNS]
    assert len(set(headers)) == len(headers)


def test_budget_summary_is_the_first_table_of_the_page(site):
    assert page(site, "suivi/budget").find("article").find("table")["id"] == SUMMARY


@pytest.mark.parametrize("tableau", BUDGET, ids=lambda t: t["slug"])
def test_budget_summary_cells_are_the_sums_of_the_register_lines(site, tableau):
    """Every cell of a table's column: the sum, computed here from budget/*.yml, of that table's lines for
    that fiche, axis or group of unattached lines; empty where the table has none."""
    rows, _ = summary(site)
    name = column(tableau)
    postes = tableau["postes"]
    with_lines = {p["fiche"] for t in BUDGET for p in t["postes"] if "fiche" in p}
    fiche_rows = {k for k in rows if k.startswith("Fiche n°")}
    assert fiche_rows == {f"Fiche n°{n} : {norm(FICHES[n]['intitule'])}" for n in with_lines}
    for numero in with_lines:
        row = rows[f"Fiche n°{numero} : {norm(FICHES[numero]['intitule'])}"]
        assert row[name] == summary_cell([p for p in postes if p.get("fiche") == numero])
    for code, axe in AXES.items():
        row = rows[f"Axe {axe['numero']} : {axe['nom']} (toutes ses lignes)"]
        mine = [p for p in postes if axis_of(p) == code]
        assert row[name] == summary_cell(mine, printed_total(tableau, "axe", code))
        unattached = [p for t in BUDGET for p in t["postes"] if "fiche" not in p and p.get("axe") == code]
        label = f"Axe {axe['numero']} : lignes sans fiche"
        assert (label in rows) is bool(unattached)
        if unattached:
            assert rows[label][name] == summary_cell([p for p in postes if "fiche" not in p and p.get("axe") == code])
    assert rows["Lignes sans fiche ni axe"][name] == summary_cell([p for p in postes if axis_of(p) is None])
    assert "0 €" not in [row[name] for row in rows.values()]


@pytest.mark.parametrize("tableau", BUDGET, ids=lambda t: t["slug"])
def test_budget_summary_column_totals(site, tableau):
    """The totals of a column add that table's lines only; where the register prints a total of the same
    lines, its figure is in the cell (as the sum, or beside it with the gap)."""
    _, foot = summary(site)
    name = column(tableau)
    attached = [p for p in tableau["postes"] if "fiche" in p]
    assert foot["Lignes rattachées à une fiche"][name] == summary_cell(attached, printed_total(tableau, "fiches"))
    everything = foot["Toutes les lignes du tableau"][name]
    assert everything == summary_cell(tableau["postes"], printed_total(tableau, "tableau"))
    for perimetre, row in (("tableau", "Toutes les lignes du tableau"), ("fiches", "Lignes rattachées à une fiche")):
        printed = printed_total(tableau, perimetre)
        if printed:
            assert euros(printed["montant"]) in foot[row][name]


def test_the_register_totals_per_axis_are_printed_and_equal_the_lines(site):
    """Independent of the records: the figures CS2025/12 prints (l. 4927-4938)."""
    rows, foot = summary(site)
    name = "Prévu 2025"
    assert [rows[f"Axe {n} : {axe} (toutes ses lignes)"][name] for n, axe in
            ((1, "Lot Numérique Responsable"), (2, "Lot Numérique Solidaire"), (3, "Lot Numérique Innovant"))] == [
        "9 300 €", "28 500 €", "13 700 €"]
    assert (rows["Lignes sans fiche ni axe"][name], foot["Lignes rattachées à une fiche"][name],
            foot["Toutes les lignes du tableau"][name]) == ("31 536 €", "51 500 €", "83 036 €")
    soup = page(site, "suivi/budget")
    totals = {r["Total du registre"]: r for r in table(soup, "legende-totaux-2025-orientation-table")}
    assert totals["consacrés aux actions de la feuille de route LNE"]["Somme des lignes"] == "51 500 €"
    assert "total « consacrés aux actions de la feuille de route LNE » — l. 4929" in staff_sources(soup)
    assert all(r["Comparaison"].startswith("égal au total du registre.") for r in totals.values())


def test_the_detail_of_each_register_table_is_folded_below_the_summary(site):
    soup = page(site, "suivi/budget")
    for tableau in BUDGET:
        lines = soup.find(id=f"legende-lignes-{tableau['slug']}-table")
        details = lines.find_parent("details")
        assert details is not None and not details.has_attr("open"), tableau["slug"]
        heading = soup.find(id=f"tableau-{tableau['slug']}")
        assert heading.name == "h3" and heading.find_next("details") is details  # the fiches' links land here


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
            assert row["Comparaison"].startswith(f"écart : la somme des lignes est {word} de "
                                                 f"{money(abs(gap), tableau)} au total du registre.")


@pytest.mark.parametrize("tableau", BUDGET, ids=lambda t: t["slug"])
def test_every_budget_line_in_its_table(site, tableau):
    soup = page(site, "suivi/budget")
    rows = table(soup, f"legende-lignes-{tableau['slug']}-table")
    assert len(rows) == len(tableau["postes"])
    for row, poste in zip(rows, tableau["postes"]):
        assert row["Fiche"] == (f"n°{poste['fiche']}" if "fiche" in poste else "sans fiche")
        assert (row["Objet"], row["Montant"]) == (norm(poste["objet"]), money(poste["montant"], tableau))
        assert for_readers(row["Rattachement"], norm(poste.get("note", "")))
        assert (f"{tableau['titre']} : {poste.get('reference') or norm(poste['objet'])} — {lines(poste)}"
                in staff_sources(soup))
        if "reference" in poste:
            assert (row["Référence"], row["Titulaire"]) == (poste["reference"], poste["titulaire"])


def test_each_attached_line_appears_on_its_fiche(site):
    """Every line attached to a fiche (purchase orders included, TTC) is in the budget table of the fiche page."""
    expected = defaultdict(list)
    for tableau in BUDGET:
        for poste in tableau["postes"]:
            if "fiche" in poste:
                objet = (f"{poste['reference']} : {norm(poste['objet'])}" if "reference" in poste
                         else norm(poste["objet"]))
                expected[poste["fiche"]].append((kind(tableau), tableau["titre"], objet,
                                                 money(poste["montant"], tableau),
                                                 cited(tableau["deliberation"]),
                                                 f"{libelle(tableau['deliberation'])}, {lines(poste)}"))
    for numero, fiche in FICHES.items():
        soup = page(site, f"actions/{fiche['slug']}")
        if numero not in expected:
            assert soup.find(id="legende-suivi-budget-table") is None
            assert ("Aucune ligne budgétaire du registre ne nomme cette action."
                    in norm(soup.select_one(".lne-suivi").get_text(" ")))
            continue
        rows = table(soup, "legende-suivi-budget-table")
        assert (sorted((r["Nature"], r["Tableau"], r["Objet"], r["Montant"], tight(r["Source"])) for r in rows)
                == sorted(e[:5] for e in expected[numero]))
        assert all(e[5] in staff_sources(soup) for e in expected[numero])
        note = cell_text(soup.find(id="legende-suivi-budget-table").find_parent("div").find_next_sibling("p"))
        assert note.startswith("Nature : ce que sont les montants de la ligne et leur année")
        kinds = {(t["nature"], t["annee"]) for t in BUDGET for p in t["postes"] if p.get("fiche") == numero}
        assert ("ne s'additionnent pas" in note) is (len(kinds) > 1)


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
            assert tight(row["Situation"]).startswith(f"{at} ({cited(status['deliberation'])})")
            if "note" in status:  # beside the status it qualifies, as readers get it
                shown = tight(row["Situation"]).split(" Note : ", 1)[1]
                assert for_readers(shown, norm(status["note"]))
            else:
                assert " Note : " not in tight(row["Situation"])
            assert f"{libelle(status['deliberation'])}, {lines(status)}" in staff_sources(soup)
        targets = SUIVI.get(fiche["numero"], {}).get("cibles", [])
        cell = row["Cibles et valeurs mesurées"]
        if not targets:
            assert cell == "aucune cible dans le registre"
        for cible in targets:
            said = f"« {norm(cible['texte'])} » : aucune valeur mesurée à ce jour"
            assert said in cell
            if "note" in cible:  # beside the target, as readers get it (its words, no register line)
                rest = cell.split(said, 1)[1]
                assert rest.startswith(" Note : ") and LINE_REFERENCE.search(rest) is None
                assert skeleton(rest.removeprefix(" Note : ")).startswith(skeleton(norm(cible["note"])))


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
    assert norm(svg.find("desc").get_text()) == " ; ".join(f"{label} : {total(postes, tableau)}"
                                                           for label, postes in values) + "."
    widths = [(float(r["width"]), sum(p["montant"] for p in postes)) for r, (_, postes) in
              zip(svg.find_all("rect"), [v for v in values if v[1]])]
    top_width, top_value = max(w for w, _ in widths), max(v for _, v in widths)
    assert all(w / top_width == pytest.approx(v / top_value, abs=0.002) for w, v in widths)


# --- Where things stand: freshness, the index by status, the chart ---------------------------------------

def latest_information() -> str:
    """The latest dated fact of the records: a sitting, a status or a measured value."""
    found = [d["date"] for d in DELIBERATIONS.values()]
    found += [x["date"] for f in SUIVI.values() for kind in ("statuts", "mesures") for x in f.get(kind, [])]
    return max(found)


def age(value: str, day: date) -> str:
    """Whole months from a full date to `day`, in words (the records' latest fact is a full date)."""
    then = date.fromisoformat(value)
    months = (day.year - then.year) * 12 + day.month - then.month - (day.day < then.day)
    if months == 0:
        return "il y a moins d'un mois"
    if months < 24:
        return f"il y a {months} mois"
    return f"il y a {'plus de ' if months % 12 else ''}{months // 12} ans"


def build_day() -> date:
    """The reference build's day (tests/conftest.py): its fixed day, or the latest fact if later."""
    return max(REFERENCE_DAY, date.fromisoformat(latest_information()))


def freshness() -> str:
    latest = latest_information()
    assert latest.count("-") == 2  # a full date: what this oracle formats
    return f"au {date_fr(latest)}, {age(latest, build_day())}"


def test_the_dashboard_says_how_old_its_latest_information_is(site):
    text = tight(cell_text(page(site, "suivi").select_one(".lne-date-suivi")))
    assert text.startswith(f"Situation {freshness()}, date de la dernière information publiée "
                           f"(au {date_fr(build_day().isoformat())}, jour de la mise à jour du site)")
    assert f"Un statut « {DEFAULT} » veut dire que le registre ne disait rien de l'action à cette date" in text
    assert freshness() == "au 7 mars 2025, il y a 20 mois"  # independent of the records: the example


@pytest.mark.parametrize("numero", sorted(FICHES))
def test_each_fiche_says_how_old_the_follow_up_is(site, numero):
    soup = page(site, f"actions/{FICHES[numero]['slug']}")
    assert definition(soup, "Situation connue") == f"{freshness()} (dernière information publiée)"


def status_code(numero: int) -> str:
    status = latest_status(numero)
    return status["statut"] if status else next(code for code, entry in STATUTS.items() if entry.get("defaut"))


def status_counts() -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for n in FICHES:
        counts[status_code(n)] += 1
    return counts


def test_the_index_shows_each_fiche_s_status_and_filters_by_it(site):
    soup = page(site, "actions")
    rows = table(soup, "legende-toutes-les-actions-table")
    assert [(r["N°"], r["Statut"]) for r in rows] == [(str(n), STATUTS[status_code(n)]["nom"]) for n in sorted(FICHES)]
    trs = soup.find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")
    assert [tr["data-filtre-statut"] for tr in trs] == [status_code(n) for n in sorted(FICHES)]
    choices = [(o["value"], cell_text(o)) for o in soup.select("#filtre-statut option")]
    counts = status_counts()
    assert choices == [("", "Tous les statuts")] + [
        (code, f"{entry['nom']} ({counts[code]} fiche{'s' if counts[code] > 1 else ''})")
        for code, entry in sorted(STATUTS.items(), key=lambda kv: bool(kv[1].get("defaut"))) if counts[code]]


def test_the_home_page_s_status_figures_open_the_index_filtered_by_status(site):
    links = {cell_text(a): a["href"] for a in page(site, "").select(".lne-chiffres .lne-chiffre a[href*='statut=']")}
    assert links == {f"{n} fiche{'s' if n > 1 else ''} : {STATUTS[code]['nom']}": f"actions/?statut={code}#filtres"
                     for code, n in status_counts().items()}


def test_the_statuses_by_axis_chart(site):
    """One bar per axis, one segment per status it has (none for a status it has not), widths on a common
    scale, each segment's count written on it; the table of the same counts is its accessible equivalent."""
    figure = page(site, "suivi").select_one("figure.lne-graphique--empile")
    svg = figure.find("svg")
    assert svg.get("viewbox") is None  # lengths in %: the text keeps its size on a phone
    axes = sorted(AXES.items(), key=lambda kv: kv[1]["numero"])
    order = sorted(STATUTS, key=lambda code: bool(STATUTS[code].get("defaut")))
    per_axis = [[(STATUTS[code]["nom"],
                  sum(1 for n, f in FICHES.items() if f["axe"] == axis and status_code(n) == code))
                 for code in order] for axis, _ in axes]
    top = max(sum(n for _, n in segments) for segments in per_axis)
    classes = [(t, " ".join(t.get("class", []))) for t in svg.find_all("text")]
    assert [norm(t.get_text()) for t, c in classes if "lne-graphique__etiquette" in c] == [
        f"Axe {axe['numero']} : {axe['nom']}" for _, axe in axes]
    expected = [n for segments in per_axis for _, n in segments if n]
    assert [norm(t.get_text()) for t, c in classes if "lne-segment__nombre" in c] == [str(n) for n in expected]
    widths = [float(r["width"].rstrip("%")) for r in svg.find_all("rect")]
    assert widths == pytest.approx([100 * n / top for n in expected], abs=0.01)
    assert norm(svg.find("desc").get_text()) == " ; ".join(
        f"Axe {axe['numero']} : {axe['nom']} : " + ", ".join(f"{n} {name}" for name, n in segments if n)
        for (_, axe), segments in zip(axes, per_axis)) + "."
    assert figure.find("figcaption").find("a")["href"] == "#legende-statuts-table"
