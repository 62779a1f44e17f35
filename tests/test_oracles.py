"""Figures on the pages against the records, recomputed here: each expected value is formatted by the
test's own formatter and looked for in its own cell (tests/oracles.py)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.oracles import cell_text, definition, document, etp, euros, fr, norm, page, plural, records, table

FICHES = records("actions")
BASES = document("data/vocabulaires/bases.yml")
PROGRAMMES = document("data/vocabulaires/programmes.yml")
AXES = document("data/vocabulaires/axes.yml")
ORGANISATIONS = document("data/organisations.yml")
EPCIS = records("diagnostic/epci")
EPCI_SCHEMA = document("roadmap_site/schemas/epci.schema.yml")
FIGURES = ["population", "densite", "taux_pauvrete", "taux_chomage", "part_personnes_agees"]
SYNDICAT = "lot-numerique"


def lines(fiche: dict, rubric: str) -> list[dict]:
    value = fiche[rubric]
    return value if isinstance(value, list) else []


def fiche_url(fiche: dict) -> str:
    return f"actions/{fiche['slug']}"


def per_structure(line: dict) -> bool:
    return line.get("base") is not None and BASES[line["base"]]["cumul"] == "ligne"


# --- What a group of fiches adds up to, recomputed from the records -------------------------------------

def staff(fiches: list[dict]) -> float | None:
    """ETP of the lines that give one and are not per structure; None when no line gives one."""
    figures = [line["etp"] for f in fiches for line in lines(f, "rh") if "etp" in line and not per_structure(line)]
    return round(sum(figures), 4) if figures else None


def money(fiches: list[dict], base: str) -> dict[int | None, float]:
    """Amounts of one base, added per year for a yearly base (key None otherwise)."""
    sums: dict[int | None, float] = defaultdict(float)
    for fiche in fiches:
        for line in lines(fiche, "investissement"):
            if line.get("base") != base:
                continue
            for year in line.get("par_annee", []):
                sums[year["annee"]] += year["montant"]
            if "montant" in line:
                sums[None] += line["montant"]
    return dict(sums)


def unfigured(fiche: dict, rubric: str) -> int:
    key = "etp" if rubric == "rh" else "montant"
    return sum(1 for line in lines(fiche, rubric) if key not in line and "par_annee" not in line)


def expected_staff_summary(fiche: dict) -> str:
    if fiche["rh"] == "non renseigné":
        return "non renseignées dans la fiche"
    parts = [etp(staff([fiche]))] if staff([fiche]) is not None else []
    parts += [f"{etp(line['etp'])} {BASES[line['base']]['resume']}" for line in lines(fiche, "rh")
              if "etp" in line and per_structure(line)]
    missing = unfigured(fiche, "rh")
    if not parts:
        return (f"non chiffrées en ETP dans la fiche ({plural(missing, 'ligne')}, "
                f"détaillée{'s' if missing > 1 else ''} ci-dessous)")
    suffix = f" (et {plural(missing, 'ligne')} de ressources humaines sans ETP chiffré)" if missing else ""
    return " ; ".join(parts) + suffix


def money_parts(fiche: dict, bases: list[str]) -> list[str]:
    """The fiche's amounts of `bases`, each with its base, in the order of the bases vocabulary."""
    parts = []
    for base in bases:
        if BASES[base]["cumul"] == "ligne":
            parts += [f"{euros(line['montant'])} {BASES[base]['resume']}"
                      for line in lines(fiche, "investissement") if line.get("base") == base]
            continue
        for year, amount in sorted(money([fiche], base).items(), key=lambda kv: kv[0] or 0):
            parts.append(f"{euros(amount)} {BASES[base]['resume']}" + (f" {year}" if year else ""))
    return parts


def expected_money_summary(fiche: dict) -> str:
    if fiche["investissement"] == "non renseigné":
        return "non renseigné dans la fiche"
    parts = money_parts(fiche, list(BASES))
    missing = unfigured(fiche, "investissement")
    if not parts:
        return (f"non chiffré dans la fiche ({plural(missing, 'ligne')}, "
                f"détaillée{'s' if missing > 1 else ''} ci-dessous)")
    suffix = f" (et {plural(missing, 'ligne')} d'investissement sans montant)" if missing else ""
    return " ; ".join(parts) + suffix


def empty_word(fiche: dict, rubric: str, any_figure: bool) -> str:
    if fiche[rubric] == "non renseigné":
        return "non renseigné"
    return "aucun" if any_figure else "non chiffré"


# --- Fiche pages ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fiche", FICHES, ids=lambda f: f"fiche-{f['numero']}")
def test_fiche_summary_states_only_what_the_fiche_states(site, fiche):
    soup = page(site, fiche_url(fiche))
    assert definition(soup, "Ressources humaines") == expected_staff_summary(fiche)
    assert definition(soup, "Investissement") == expected_money_summary(fiche)


@pytest.mark.parametrize("fiche", FICHES, ids=lambda f: f"fiche-{f['numero']}")
def test_fiche_staff_table_cells(site, fiche):
    soup = page(site, fiche_url(fiche))
    if fiche["rh"] == "non renseigné":
        assert soup.find(id="legende-rh-table") is None
        return
    rows = table(soup, "legende-rh-table")
    assert len(rows) == len(fiche["rh"])
    for row, line in zip(rows, fiche["rh"]):
        assert row["Texte de la fiche"] == norm(line["texte"])
        if "etp" in line:
            assert row["ETP chiffré"] == etp(line["etp"]) + (" par structure" if per_structure(line) else "")
        else:
            assert row["ETP chiffré"] == "non chiffré"


@pytest.mark.parametrize("fiche", FICHES, ids=lambda f: f"fiche-{f['numero']}")
def test_fiche_investment_table_cells(site, fiche):
    soup = page(site, fiche_url(fiche))
    if fiche["investissement"] == "non renseigné":
        assert soup.find(id="legende-investissement-table") is None
        return
    rows = table(soup, "legende-investissement-table")
    assert len(rows) == len(fiche["investissement"])
    for row, line in zip(rows, fiche["investissement"]):
        assert row["Texte de la fiche"] == norm(line["texte"])
        assert row["Objet"] == norm(line.get("objet", ""))
        if "montant" in line:
            assert row["Montant"] == euros(line["montant"])
        elif "par_annee" in line:
            assert row["Montant"] == " ".join(f"{y['annee']} : {euros(y['montant'])}" for y in line["par_annee"])
        else:
            assert row["Montant"] == "non chiffré"
        assert row["Base"] == (BASES[line["base"]]["nom"] if "base" in line else "non chiffré")
        if "Rubrique" in row:
            assert row["Rubrique"] == line.get("groupe", "")


def test_no_page_prints_a_zero_the_records_do_not_state(site):
    """« 0 € » or « 0 ETP » only where a record gives a 0 (none does today)."""
    zeros = [line for f in FICHES for r in ("rh", "investissement") for line in lines(f, r)
             if 0 in (line.get("etp"), line.get("montant"))]
    assert zeros == []
    for html in site.rglob("index.html"):
        text = norm(html.read_text(encoding="utf-8"))
        assert not re.search(r"(?<![\d,])0(,0+)? (€|ETP)", text), html


# --- Index of the actions ---------------------------------------------------------------------------------

def test_index_table_row_per_fiche(site):
    rows = table(page(site, "actions"), "legende-toutes-les-actions-table")
    assert [int(r["N°"]) for r in rows] == [f["numero"] for f in sorted(FICHES, key=lambda f: f["numero"])]
    column_bases = [b for b, v in BASES.items() if v.get("colonne")]
    assert [BASES[b]["nom"] for b in column_bases] == ["Montant ponctuel"]
    for row, fiche in zip(rows, sorted(FICHES, key=lambda f: f["numero"])):
        assert row["Intitulé"] == norm(fiche["intitule"])
        assert row["Programme"] == PROGRAMMES[fiche["programme"]]["sigle"]
        figure = staff([fiche])
        apart = [f"{etp(line['etp'])} {BASES[line['base']]['resume']}" for line in lines(fiche, "rh")
                 if "etp" in line and per_structure(line)]
        star = " *" if (figure is not None or apart) and unfigured(fiche, "rh") else ""
        shown = ([etp(figure)] if figure is not None else []) + apart
        assert row["ETP chiffrés"] == (" ".join(shown) if shown else empty_word(fiche, "rh", False)) + star
        any_money = bool(money_parts(fiche, list(BASES)))
        star = " *" if any_money and unfigured(fiche, "investissement") else ""
        ponctuel = money([fiche], "ponctuel").get(None)
        assert row["Montant ponctuel"] == (euros(ponctuel) if ponctuel is not None
                                           else empty_word(fiche, "investissement", any_money)) + star
        others = money_parts(fiche, [b for b in BASES if b not in column_bases])
        assert row["Autres montants"] == (" ".join(others) if others
                                          else empty_word(fiche, "investissement", any_money)) + star


def expected_totals_row(fiches: list[dict]) -> dict[str, str]:
    def total(sums: dict) -> str:
        if not sums:
            return "aucun"
        return " ".join((f"{year} : " if year else "") + euros(v)
                        for year, v in sorted(sums.items(), key=lambda kv: kv[0] or 0))

    row = {"Fiches": str(len(fiches)),
           "Portées par Lot Numérique": str(sum(1 for f in fiches if any(
               p.get("organisation") == SYNDICAT for p in f["porteurs"]))),
           "ETP chiffrés": etp(staff(fiches)) if staff(fiches) is not None else "aucun"}
    row.update({p["nom"]: str(sum(1 for f in fiches if f["programme"] == code)) for code, p in PROGRAMMES.items()})
    row.update({f"Investissement : {v['nom'].lower()}": total(money(fiches, b))
                for b, v in BASES.items() if v["cumul"] != "ligne"})
    return row


def test_totals_per_axe_recomputed_from_the_records(site):
    soup = page(site, "actions")
    body = table(soup, "legende-totaux-table")
    assert len(body) == len(AXES)
    for row, (code, axe) in zip(body, sorted(AXES.items(), key=lambda kv: kv[1]["numero"])):
        assert row["Axe"] == axe["nom"]
        expected = expected_totals_row([f for f in FICHES if f["axe"] == code])
        assert {k: row[k] for k in expected} == expected
    foot = table(soup, "legende-totaux-table", "tfoot")
    carried = [f for f in FICHES if any(p.get("organisation") == SYNDICAT for p in f["porteurs"])]
    for row, fiches in zip(foot, (FICHES, carried)):
        expected = expected_totals_row(fiches)
        assert {k: row[k] for k in expected} == expected


def test_the_register_counts_hold(site):
    """Independent of the records: the counts the PV of 21 October 2024 states (22 = 15 FNE + 7 SDUSN, 15
    carried by the syndicat) are what the totals table prints."""
    [total, _] = table(page(site, "actions"), "legende-totaux-table", "tfoot")
    assert (total["Fiches"], total["France Numérique Ensemble"], total["Action complémentaire SDUSN"],
            total["Portées par Lot Numérique"]) == ("22", "15", "7", "15")


def test_lines_left_out_of_the_totals_are_each_listed(site):
    soup = page(site, "actions")
    details = {cell_text(d.find("summary")): d for d in soup.select("details.lne-a-part")}
    expected = {"rh": [], "investissement": []}
    for fiche in FICHES:
        for rubric in expected:
            for line in lines(fiche, rubric):
                figure = line.get("etp") if rubric == "rh" else line.get("montant", line.get("par_annee"))
                if figure is None or per_structure(line):
                    expected[rubric].append((fiche["numero"], norm(line["texte"])))
    for rubric, title in (("investissement", "Investissement non additionné"),
                          ("rh", "Ressources humaines non additionnées")):
        block = details[f"{title} ({len(expected[rubric])} lignes)"]
        listed = [(int(re.match(r"Fiche n°(\d+)", cell_text(li)).group(1)), cell_text(li).split(" : ", 1)[1])
                  for li in block.find_all("li")]
        assert sorted(listed) == sorted(expected[rubric])


@pytest.mark.parametrize("code", list(AXES))
def test_axe_page_figures(site, code):
    fiches = [f for f in FICHES if f["axe"] == code]
    text = norm(page(site, f"axes/{code}").select_one(".lne-chiffres-axe").get_text(" "))
    carried = sum(1 for f in fiches if any(p.get("organisation") == SYNDICAT for p in f["porteurs"]))
    assert text.startswith(f"{plural(len(fiches), 'fiche')} action, dont {carried} ")
    figure = staff(fiches)
    assert f"Chiffré dans les fiches : {etp(figure) if figure is not None else 'aucun chiffre'}" in text
    amounts = [f"{euros(v)} {BASES[b]['resume']}" + (f" {year}" if year else "")
               for b in BASES if BASES[b]["cumul"] != "ligne"
               for year, v in sorted(money(fiches, b).items(), key=lambda kv: kv[0] or 0)]
    assert f"investissement, {', '.join(amounts) if amounts else 'aucun chiffre'}" in text


def test_home_key_figures(site):
    figures = [cell_text(p) for p in page(site, "").select(".lne-chiffres .lne-chiffre")]
    carried = sum(1 for f in FICHES if any(p.get("organisation") == SYNDICAT for p in f["porteurs"]))
    assert figures[0] == f"{len(FICHES)} fiches action"
    assert figures[1] == f"{carried} portées ou co-portées par Lot Numérique"
    assert figures[2] == ", ".join(f"{sum(1 for f in FICHES if f['programme'] == code)} {p['compte']}"
                                   for code, p in PROGRAMMES.items())


# --- The EPCIs of the diagnostic --------------------------------------------------------------------------

def measure(figure: dict) -> str:
    value = fr(figure["valeur"], 1) if figure["unite"] == "%" else fr(figure["valeur"])
    return (f"{figure['approximation']} " if "approximation" in figure else "") + f"{value} {figure['unite']}"


def column_unit(key: str) -> str | None:
    """The unit every measured value of a compared figure shares, which the header then gives once."""
    units = {e[key]["unite"] for e in EPCIS if isinstance(e[key], dict) and "valeur" in e[key]}
    return units.pop() if len(units) == 1 else None


def test_epci_comparison_table_cells(site):
    """Units in the headers, numbers alone in the cells, statements and varying definitions in the notes
    the cells link to."""
    soup = page(site, "diagnostic/epci")
    rows = {r["Intercommunalité"]: r for r in table(soup, "legende-comparaison-table")}
    notes = {li["id"]: cell_text(li) for li in soup.select("ol.lne-notes-tableau > li")}
    assert set(rows) == {e["nom_court"] for e in EPCIS}
    for epci in EPCIS:
        row = rows[epci["nom_court"]]
        assert row["Communes"] == str(epci["communes"])
        for key in FIGURES:
            title, unit = EPCI_SCHEMA["properties"][key]["title"], column_unit(key)
            header = f"{title} ({unit})" if unit else title
            shown, _, number = re.fullmatch(r"(.*?)( note (\d+))?", row[header]).groups()
            note = notes.get(f"note-comparaison-{number}", "") if number else None
            figure = epci[key]
            if figure == "non renseigné":
                assert (shown, note) == ("non renseigné", None)
                continue
            if "valeur" in figure:
                value = fr(figure["valeur"], 1) if figure["unite"] == "%" else fr(figure["valeur"])
                value = (f"{figure['approximation']} " if "approximation" in figure else "") + value
                assert shown == (value if unit else measure(figure))
            else:
                assert shown == "pas de chiffre"
                assert f"« {norm(figure['constat'])} »" in note
            if EPCI_SCHEMA["properties"][key].get("x-definition-variable"):
                assert f"« {norm(figure['definition'])} »" in note
            elif "valeur" in figure:
                assert note is None
            assert note is None or (note.startswith(title) and epci["nom_court"] in note)


@pytest.mark.parametrize("key", FIGURES)
def test_epci_charts_bars_match_the_records(site, key):
    chart = page(site, "diagnostic/epci").find(id=f"graphique-{key.replace('_', '-')}-titre").find_parent("svg")
    variable = EPCI_SCHEMA["properties"][key].get("x-definition-variable", False)
    ordered = sorted(EPCIS, key=lambda e: e["numero"])
    labels = [t for t in chart.find_all("text") if t.get("text-anchor") == "end"]
    assert [cell_text(t) for t in labels] == [e["nom_court"] for e in ordered]
    widths, described = {}, []
    for label, epci in zip(labels, ordered):
        figure = epci[key]
        bar = label.find_next_sibling()
        if isinstance(figure, dict) and "valeur" in figure:
            assert bar.name == "rect", epci["slug"]
            shown = measure(figure) + (f" ({figure['definition']})" if variable else "")
            assert cell_text(bar.find_next_sibling("text")) == shown
            widths[epci["slug"]] = (float(bar["width"]), figure["valeur"])
        elif isinstance(figure, dict):
            assert bar.name == "text" and float(bar["x"]) > 0, epci["slug"]
            assert cell_text(bar) == "pas de chiffre : un constat du texte, voir le tableau"
            shown = f"pas de chiffre, « {norm(figure['constat'])} »"
        else:
            assert bar.name == "text" and cell_text(bar) == "non renseigné", epci["slug"]
            shown = "non renseigné"
        described.append(f"{epci['nom_court']} : {shown}")
    assert cell_text(chart.find("desc")) == " ; ".join(described) + "."
    top_width = max(w for w, _ in widths.values())
    top_value = max(v for _, v in widths.values())
    for slug, (width, value) in widths.items():
        assert width / top_width == pytest.approx(value / top_value, abs=0.002), slug


@pytest.mark.parametrize("epci", EPCIS, ids=lambda e: e["slug"])
def test_epci_page_figures(site, epci):
    rows = {r["Indicateur"]: r for r in table(page(site, f"diagnostic/epci/{epci['slug']}"), "legende-chiffres-table")}
    for key in FIGURES:
        row, figure = rows[EPCI_SCHEMA["properties"][key]["title"]], epci[key]
        if figure == "non renseigné":
            assert row["Valeur"] == "non renseigné"
        elif "valeur" in figure:
            assert row["Valeur"] == measure(figure)
            assert row["Ce que mesure le chiffre"] == norm(figure["definition"])
        else:
            assert row["Valeur"] == f"pas de chiffre : « {norm(figure['constat'])} »"
