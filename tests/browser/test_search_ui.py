"""The search as a reader of the Lot uses it (Pagefind, roadmap_site/theme/assets/javascripts/recherche.js): the page
that answers a query comes first or among the first three, on a desktop and on a phone; the field in the
header works with the keyboard, announces its results in French, passes axe, fits a phone; and nothing of it
is loaded before the reader opens it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import checks

PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"bureau": checks.DESKTOP, "telephone": PHONE}

# What readers type (no accents, plurals, sigles and full names, places, several words, hyphen or not), the
# page expected and the rank it must reach at worst. The examples come first.
QUERIES = [
    ("reconditionnes", "actions/boucle-reconditionnement-solidaire/", 1),
    ("EHPAD", "actions/numerique-culturel-seniors-etablissements/", 1),  # its public: seniors in EHPAD
    ("EHPAD", "actions/esport-intergenerationnel/", 3),  # Silver Geek in 3 EHPAD
    ("chambre de commerce", "actions/cybersecurite-tpe-pme/", 3),  # the fiche writes « CCI du Lot » only
    ("chambre de commerce", "organisations/cci-du-lot/", 1),
    ("parents", "actions/parentalite-numerique/", 1),
    ("materiel reconditionne", "actions/boucle-reconditionnement-solidaire/", 3),
    ("seniors en ehpad", "actions/numerique-culturel-seniors-etablissements/", 1),
    ("CCI", "organisations/cci-du-lot/", 1),
    ("cci", "actions/cybersecurite-tpe-pme/", 3),
    ("ANCT", "organisations/anct/", 1),
    ("ANCT", "diagnostic/outils/", 3),  # writes the full name only
    ("agence nationale de la cohesion des territoires", "organisations/anct/", 1),
    ("BDL", "organisations/bibliotheque-departementale/", 1),
    ("bibliotheque departementale", "organisations/bibliotheque-departementale/", 1),
    ("DSDEN", "organisations/dsden-du-lot/", 1),
    ("education nationale", "organisations/dsden-du-lot/", 3),
    ("parentalite", "actions/parentalite-numerique/", 1),
    ("tiers lieux", "actions/reseau-departemental-tiers-lieux/", 1),
    ("tiers-lieux", "actions/reseau-departemental-tiers-lieux/", 1),
    ("tiers lieu", "actions/reseau-departemental-tiers-lieux/", 1),
    ("l'inclusion numerique", "diagnostic/", 1),  # the annex is the « Diagnostic inclusion numérique »
    ("aidants", "actions/former-outiller-aidants/", 1),
    ("cybersecurite", "actions/sensibilisation-cybersecurite-lotois/", 3),
    ("cybersecurite entreprises", "actions/cybersecurite-tpe-pme/", 3),
    ("tpe pme", "actions/cybersecurite-tpe-pme/", 1),
    ("wifi public", "actions/groupement-commande-wifi-public/", 1),
    ("e-sport", "actions/esport-intergenerationnel/", 1),
    ("esport", "actions/esport-intergenerationnel/", 1),
    ("silver geek", "organisations/silver-geek/", 3),
    ("deliberation silver geek", "deliberations/cs2025-11/", 1),
    ("Figeac", "diagnostic/epci/grand-figeac/", 1),
    ("Cahors", "diagnostic/epci/grand-cahors/", 3),
    ("cauvaldor", "diagnostic/epci/cauvaldor/", 1),
    ("quercy blanc", "diagnostic/epci/quercy-blanc/", 1),
    ("labastide murat", "diagnostic/epci/causse-de-labastide-murat/", 1),
    ("benevoles secours populaire", "actions/former-benevoles-secours-populaire/", 1),
    ("bibliotheques", "actions/former-bibliotheques-mediation-numerique/", 3),
    ("jeunesse", "actions/jeunesse-numerique-responsable/", 1),
    ("jeunes", "actions/jeunesse-numerique-responsable/", 3),
    ("financements", "actions/veille-financements-ingenierie-financiere/", 1),
    ("budget", "suivi/budget/", 1),
    ("numerique responsable", "axes/responsable/", 3),
    ("conseillers numeriques", "diagnostic/accompagnements/", 1),
    ("hub regional", "actions/hub-regional-rhinocc/", 1),
    ("mutualisations", "actions/mutualisations-interdepartementales/", 1),
    ("evenement annuel", "actions/evenement-annuel-numerique/", 1),
    ("materiel durable", "diagnostic/enjeux/favoriser-acces-materiel-durable/", 1),
    ("comite syndical 21 octobre 2024", "deliberations/pv-cs-2024-10-21/", 3),
    ("accessibilite", "accessibilite/", 1),
    ("donnees ouvertes", "donnees/", 1),
    ("cookies", "confidentialite/", 1),
]
DEPTH = 8  # results read per query: enough to report where a page missing from its place went

SEARCH_JS = """async ([queries, n]) => {
    const found = {};
    for (const query of queries) found[query] = (await window.lneRecherche(query, n)).pages.map(r => r.url);
    return found;
}"""


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def ranked(request, browser, base_url) -> dict[str, list[str]]:
    """The first pages found for every query of the table, through the site's own search (Pagefind's
    script with the site's synonyms and options), in a page at the viewport's size."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        return page.evaluate(SEARCH_JS, [sorted({q for q, _, _ in QUERIES}), DEPTH])
    finally:
        context.close()


def test_the_query_table_is_a_reader_s(ranked):
    assert len(QUERIES) >= 30 and len({q for q, _, _ in QUERIES}) >= 30


@pytest.mark.parametrize("query, expected, rank", QUERIES, ids=[f"{q}->{e}" for q, e, _ in QUERIES])
def test_the_page_that_answers_comes_first(ranked, query, expected, rank):
    found = ranked[query]
    assert "/" + expected in found[:rank], (query, found)


def test_several_words_narrow_the_results(page, base_url):
    page.goto(base_url + "/")
    counts = page.evaluate("""async queries => Promise.all(queries.map(
        async q => (await window.lneRecherche(q, 0)).nombre))""", ["numerique", "numerique seniors",
                                                                   "numerique seniors ehpad"])
    assert counts[0] > counts[1] > counts[2] > 0


@pytest.mark.parametrize("typed, written", [
    ("l'inclusion", "inclusion"), ("L’INCLUSION", "inclusion"), ("d'industrie", "industrie"),
    ("numerique", "numérique"), ("benevoles", "bénévoles"), ("collectivite", "collectivités"),
])
def test_elisions_accents_and_inflections_do_not_matter(page, base_url, typed, written):
    page.goto(base_url + "/")
    found = page.evaluate("""async ([a, b]) => [(await window.lneRecherche(a, 500)).pages.map(r => r.url),
                                                 (await window.lneRecherche(b, 500)).pages.map(r => r.url)]""",
                          [typed, written])
    assert found[1] and set(found[1]) <= set(found[0]), (typed, written)


def test_excerpts_are_prose(page, base_url):
    page.goto(base_url + "/")
    excerpts = page.evaluate("""async () => (await window.lneRecherche('fiches', 40)).pages.map(r => r.extrait)""")
    assert len(excerpts) >= 10
    assert not [e for e in excerpts if re.search(r"\b\d\.? \d\.? \d\.? \d\b", re.sub("<[^>]+>", "", e))]


# The field in the header.

def open_search(page):
    page.get_by_role("button", name="Rechercher").click()
    field = page.get_by_label("Rechercher sur le site")
    expect(field).to_be_focused()
    return field


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_first_visit_loads_nothing_of_the_search(new_context, base_url, viewport):
    context = new_context(viewport=VIEWPORTS[viewport])
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(base_url + "/actions/")
    page.wait_for_load_state("networkidle")
    page.mouse.move(5, 300)
    page.wait_for_timeout(300)
    assert requested and not [url for url in requested if "/pagefind/" in url]
    with page.expect_request(re.compile(r"/pagefind/pagefind\.js$")):
        open_search(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_reader_types_and_goes_to_the_answer(new_context, base_url, viewport):
    page = new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.goto(base_url + "/feuille-de-route/introduction/")
    field = open_search(page)
    field.press_sequentially("reconditionnes", delay=20)
    status = page.locator(".lne-recherche__panneau [role=status]")
    expect(status).to_have_text(re.compile(r"^\d+ résultats? pour « reconditionnes »$"))
    first = page.locator(".lne-recherche__resultats a").first
    expect(first).to_have_attribute("href", re.compile(r"/actions/boucle-reconditionnement-solidaire/$"))
    assert "Fiche action" in first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    box = page.locator(".lne-recherche__panneau").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"] + 0.5
    assert checks.axe(page, "recherche") == []
    first.click()
    page.wait_for_url(re.compile(r"/actions/boucle-reconditionnement-solidaire/$"))


def test_nothing_found_is_said(page, base_url):
    page.goto(base_url + "/")
    open_search(page).fill("zzzyxwq")
    expect(page.locator(".lne-recherche__panneau [role=status]")).to_have_text("Aucun résultat pour « zzzyxwq »")
    assert page.locator(".lne-recherche__resultats li").count() == 0


def test_the_search_from_the_keyboard(page, base_url):
    page.goto(base_url + "/")
    opener = page.get_by_role("button", name="Rechercher")
    assert opener.get_attribute("aria-expanded") == "false"
    page.keyboard.press("/")
    field = page.get_by_label("Rechercher sur le site")
    expect(field).to_be_focused()
    assert opener.get_attribute("aria-expanded") == "true"
    page.keyboard.type("tiers lieux")
    first = page.locator(".lne-recherche__resultats a").first
    expect(first).to_have_attribute("href", re.compile(r"/actions/reseau-departemental-tiers-lieux/$"))
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("Escape")
    expect(field).to_be_hidden()
    expect(opener).to_be_focused()
    page.keyboard.press("Enter")  # the button opens it again, the words kept
    expect(field).to_have_value("tiers lieux")
    page.keyboard.press("Enter")  # Enter in the field: the first result
    page.wait_for_url(re.compile(r"/actions/reseau-departemental-tiers-lieux/$"))


def test_more_results_on_demand(page, base_url):
    page.goto(base_url + "/")
    open_search(page).fill("numerique")
    items = page.locator(".lne-recherche__resultats li")
    expect(items).to_have_count(10)
    page.get_by_role("button", name="Plus de résultats").click()
    expect(items).to_have_count(20)
    expect(page.locator(".lne-recherche__resultats a").nth(10)).to_be_focused()


def test_an_address_with_q_opens_the_search(page, base_url):
    page.goto(base_url + "/?q=chambre+de+commerce")
    expect(page.get_by_label("Rechercher sur le site")).to_have_value("chambre de commerce")
    links = page.locator(".lne-recherche__resultats a")
    expect(links.first).to_have_attribute("href", re.compile(r"/organisations/cci-du-lot/$"))
    hrefs = links.evaluate_all("els => els.slice(0, 3).map(e => e.getAttribute('href'))")
    assert any(h.endswith("/actions/cybersecurite-tpe-pme/") for h in hrefs)
