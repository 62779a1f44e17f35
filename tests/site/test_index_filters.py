"""The filters of the index of actions as built: every choice offered is on some row, with the count its
label gives; the rows carry their values for every criterion (tests/browser/test_filters.py uses them)."""

from __future__ import annotations

import re

from tests.oracles import page, records

FICHES = records("actions")


def test_every_choice_is_on_as_many_rows_as_its_label_says(site):
    soup = page(site, "actions")
    rows = soup.find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")
    assert len(rows) == len(FICHES)
    selects = soup.select("form.lne-filtres select")
    assert [s["name"] for s in selects] == ["axe", "objectif", "porteur", "partenaire", "public", "programme", "statut"]
    for select in selects:
        values = [row[f"data-filtre-{select['name']}"].split() for row in rows]
        options = select.find_all("option")
        assert options[0]["value"] == ""  # "Tous…" first
        for option in options[1:]:
            count = int(re.search(r"\((\d+) fiches?\)$", option.get_text()).group(1))
            assert count == sum(option["value"] in v for v in values) > 0, (select["name"], option["value"])


def test_rows_carry_the_record_values(site):
    rows = {int(r.find("td").get_text()): r for r in
            page(site, "actions").find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")}
    for fiche in FICHES:
        row = rows[fiche["numero"]]
        assert row["data-filtre-axe"] == fiche["axe"]
        assert row["data-filtre-objectif"] == str(fiche["objectif"])
        assert row["data-filtre-programme"] == fiche["programme"]
        carriers = [p["organisation"] for p in fiche["porteurs"] if "organisation" in p]
        assert row["data-filtre-porteur"].split() == list(dict.fromkeys(carriers))
        partners = [p["organisation"] for p in fiche["partenaires"] if "organisation" in p] \
            if isinstance(fiche["partenaires"], list) else []
        assert row["data-filtre-partenaire"].split() == list(dict.fromkeys(partners))
        assert row["data-filtre-public"].split() == fiche["publics"]


def test_the_filters_stay_out_of_the_search_index(site):
    assert page(site, "actions").find("form", class_="lne-filtres").has_attr("data-search-exclude")


def test_each_group_leads_to_its_fiches_in_the_table(site):
    """A row of the groupings (porteur, partner, public) links to the table's selection of its fiches, as
    many as its total says."""
    rows = page(site, "actions").find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")
    soup = page(site, "actions/regroupements")
    for par in ("porteurs", "partenaires", "publics"):
        groups = soup.find(id=f"legende-{par}-table").find("tbody").find_all("tr")
        assert groups
        for group in groups:
            total = int(group.find_all("td")[-2].get_text())
            link = group.find_all("td")[-1].find("a")["href"]
            match = re.fullmatch(r"\.\./\?(porteur|partenaire|public)=([a-z0-9-]+)#filtres", link)
            assert match and match.group(1) == par.rstrip("s"), link
            chosen = [r for r in rows if match.group(2) in r[f"data-filtre-{match.group(1)}"].split()]
            assert len(chosen) == total > 0, (par, link)


def test_a_fiche_links_to_the_index_filtered_by_each_of_its_categories(site, roadmap):
    """« Catégories de publics » on a fiche: each leads to the index's selection of that category, which
    holds the fiche."""
    rows = {int(r.find("td").get_text()): r["data-filtre-public"].split() for r in
            page(site, "actions").find(id="legende-toutes-les-actions-table").find("tbody").find_all("tr")}
    for fiche in FICHES:
        soup = page(site, f"actions/{fiche['slug']}")
        term = soup.find("dt", string="Catégories de publics")
        links = term.find_next_sibling("dd").find_all("a")
        vocabulary = roadmap.vocabularies["publics"]
        assert [a.get_text() for a in links] == [vocabulary[code].nom for code in fiche["publics"]]
        for a, code in zip(links, fiche["publics"]):
            assert a["href"] == f"../?public={code}#filtres" and code in rows[fiche["numero"]]
