"""No back-office text in the reader's way (issue 19, §3): no register line number, data file name or raw
register symbol in the visible text of any page; sources named as a reader cites them; the lines and the
data files for staff in a closed « Sources » disclosure; the register's symbols said in words."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment

from roadmap_site.page_sources import PageSources, for_readers
from roadmap_site.render import code_files
from tests.golden_pages import pages
from tests.oracles import norm, page, staff_sources
from tests.test_oracles_suivi import DELIBERATIONS, FICHES, SUIVI, date_fr

# What readers must not meet: « l. 5027 », « budget/2025-orientation.yml », « €€ », « 🕒 ».
BACK_OFFICE = re.compile(r"\bl\.\s?\d|\.ya?ml\b|€€|🕒")


def visible_text(html: str) -> list[str]:
    """The texts of a page a reader sees without opening anything: outside <details> (closed disclosures:
    transcription notes, the staff's sources), code, scripts, styles and the head."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["head", "script", "style", "template", "details", "code", "pre"]):
        hidden.decompose()
    return [norm(s) for s in soup.find_all(string=True) if not isinstance(s, Comment) and s.strip()]


def test_no_line_number_file_name_or_register_symbol_in_any_page(site):
    found = pages(site)
    assert len(found) > 100 and "actions/boucle-reconditionnement-solidaire/index" in found
    offenders = [f"{name}: {text[:120]}" for name, path in found.items()
                 for text in visible_text(path.read_text(encoding="utf-8")) if BACK_OFFICE.search(text)]
    assert offenders == []


@pytest.mark.parametrize("html", [
    "<p>Note : « quote » (l. 4265).</p>",
    "<td>Source : Délibération CS2025/06, l. 1250</td>",
    "<p>Fichier de données : budget/2025-orientation.yml</p>",
    "<td>€€</td>",
    "<span>🕒🕒</span>",
    "<details open><summary>x</summary></details><p>(l. 12)</p>",
])
def test_the_check_sees_back_office_text(html):
    assert any(BACK_OFFICE.search(t) for t in visible_text(html))


def test_the_check_leaves_closed_disclosures_and_code_alone():
    html = ("<details><summary>Sources</summary><p>l. 5027, suivi/03-x.yml</p></details>"
            "<p>Le fichier <code>data/organisations.yml</code>.</p>")
    assert not any(BACK_OFFICE.search(t) for t in visible_text(html))


# --- Line references taken out of the texts staff type -----------------------------------------------------

@pytest.mark.parametrize("typed, shown", [
    ("« Silver Geek » (l. 4265) : l'expérimentation commence.", "« Silver Geek » : l'expérimentation commence."),
    ("(« rencontres trimestrielles », l. 2227), mais", "(« rencontres trimestrielles »), mais"),
    ("(exécution 2024, l. 4823), l'activité", "(exécution 2024), l'activité"),
    ("convention (article 5, l. 4507-4523) : en cours", "convention (article 5) : en cours"),
    ("titre du sommaire (l. 1774 ; la fiche elle-même écrit", "titre du sommaire (la fiche elle-même écrit"),
    ("deux points (l. 334 et 387) : elles", "deux points : elles"),
    ("dans l'extraction (l. 428, 432, 444, 452, 458).", "dans l'extraction."),
    ("daté du 15 janvier 2025 (l. 4633), avant", "daté du 15 janvier 2025, avant"),
    ("Aucun renvoi au registre ici (l'an 2025).", "Aucun renvoi au registre ici (l'an 2025)."),
])
def test_line_references_leave_a_text_for_readers(typed, shown):
    assert for_readers(typed) == shown


def test_page_sources_keep_for_staff_what_readers_do_not_see():
    sources = PageSources()
    assert sources.texte("« x » (l. 12).", "Note") == "« x »."
    assert sources.texte("Sans renvoi.", "Autre") == "Sans renvoi."
    sources.fichier("suivi/03-x.yml")
    sources.fichier("suivi/03-x.yml")
    assert [(e.objet, e.ou) for e in sources.entries] == [("Note", "« x » (l. 12).")]
    assert sources.files == ["suivi/03-x.yml"] and sources


# --- Named as readers cite them; the lines and files for staff -----------------------------------------------

def cited(slug: str) -> str:
    d = DELIBERATIONS[slug]
    return f"Délibération {d['numero']}, séance du {date_fr(d['date'])}" if "numero" in d else d["titre"]


@pytest.mark.parametrize("numero", sorted(n for n, s in SUIVI.items() if s.get("statuts")))
def test_a_status_source_is_the_deliberation_and_its_sitting(site, numero):
    latest = max(SUIVI[numero]["statuts"], key=lambda s: s["date"])
    soup = page(site, f"actions/{FICHES[numero]['slug']}")
    situation = norm(soup.select_one(".lne-suivi .lne-source-fait").get_text(" "))
    assert re.sub(r"\( | (?=[,)])", lambda m: m.group().strip(), situation) == \
        f"(source : {cited(latest['deliberation'])})"
    a, b = latest["lignes"]["premiere"], latest["lignes"]["derniere"]
    assert (f"l. {a}" if a == b else f"l. {a}-{b}") in staff_sources(soup)


@pytest.mark.parametrize("fiche", list(FICHES.values()), ids=lambda f: f"fiche-{f['numero']}")
def test_a_fiche_names_its_data_files_only_in_its_closed_sources(site, fiche):
    soup = page(site, f"actions/{fiche['slug']}")
    details = soup.select("article details.lne-sources")
    assert len(details) == 1 and details[0].get("open") is None
    files = [c.get_text() for c in details[0].select("code")]
    assert f"actions/{fiche['numero']:02d}-{fiche['slug']}.yml" in files
    if fiche["numero"] in SUIVI:
        assert f"suivi/{fiche['numero']:02d}-{fiche['slug']}.yml" in files


@pytest.mark.parametrize("slug", sorted(DELIBERATIONS))
def test_a_deliberation_page_keeps_its_lines_for_staff(site, slug):
    d = DELIBERATIONS[slug]
    soup = page(site, f"deliberations/{slug}")
    source = norm(soup.find(id="source").find_next_sibling("div").find("p").get_text(" "))
    assert source == f"Registre des délibérations : {cited(slug)}."
    staff = staff_sources(soup)
    assert f"l. {d['lignes']['premiere']}-{d['lignes']['derniere']}" in staff
    assert f"deliberations/{slug}.yml" in staff
    for point in d.get("points", []):
        assert f"l. {point['lignes']['premiere']}-{point['lignes']['derniere']}" in staff


def test_every_sources_disclosure_is_closed(site):
    found = 0
    for name, path in pages(site).items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for details in soup.select("details.lne-sources"):
            found += 1
            assert details.get("open") is None, name
            assert details.summary and norm(details.summary.get_text()).startswith("Sources"), name
    assert found >= len(FICHES) + len(DELIBERATIONS)


# --- The register's symbols, in words ------------------------------------------------------------------------

@pytest.mark.parametrize("slug", sorted(s for s, d in DELIBERATIONS.items() if d.get("programmation")))
def test_the_commissions_scores_are_counted_in_words_and_explained(site, slug):
    soup = page(site, f"deliberations/{slug}")
    legend = norm(soup.find(id="programmation").find_next_sibling("div").get_text(" "))
    assert "horloge" in legend and "« € »" in legend and "ni une durée ni un montant" in legend
    for i, groupe in enumerate(DELIBERATIONS[slug]["programmation"], start=1):
        grid = soup.find(id=f"legende-pistes-{i}-table")
        headers = [norm(th.get_text(" ")) for th in grid.thead.find_all("th")]
        assert headers[1:3] == ["RH (horloges)", "Investissement (signes « € »)"]
        rows = [[norm(c.get_text(" ")) for c in tr.find_all(["th", "td"])] for tr in grid.tbody.find_all("tr")
                if tr.find("td")]  # a rubric's row has no cell of scores
        pistes = [p for p in groupe["pistes"] if not p.get("rubrique")]
        assert len(rows) == len(pistes)
        for row, piste in zip(rows, pistes):
            rh = piste.get("rh")
            assert row[1] == ("" if rh is None else str(rh) if isinstance(rh, int) else norm(rh))
            assert row[2] == str(piste.get("investissement") or "")


def test_a_fiche_says_the_investment_score_in_words(site):
    scored = [(d, p) for d in DELIBERATIONS.values() for g in d.get("programmation", [])
              for p in g["pistes"] if p.get("fiche") and p.get("investissement")]
    assert scored
    for d, piste in scored:
        n = piste["investissement"]
        text = norm(page(site, f"actions/{FICHES[piste['fiche']]['slug']}").find(id="suivi-programmation")
                    .find_next_sibling("ul").get_text(" "))
        assert (f"investissement noté de {n} signe{'s' if n > 1 else ''} « € » (un niveau de coût relatif, "
                "pas un montant)" in text)


# --- The contributor guide: file names are code --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("une valeur de data/vocabulaires/axes.yml.", "une valeur de <code>data/vocabulaires/axes.yml</code>."),
    ("(roadmap_site/schemas/action.schema.yml)", "(<code>roadmap_site/schemas/action.schema.yml</code>)"),
    ("le nom du fichier sans « .yml »", "le nom du fichier sans « <code>.yml</code> »"),
    ("Le nom est <identifiant>.yml & co", "Le nom est <code>&lt;identifiant&gt;.yml</code> &amp; co"),
    ("Aucun fichier ici.", "Aucun fichier ici."),
])
def test_file_names_in_a_guide_text_are_code(text, expected):
    assert str(code_files(text)) == expected
