"""The theme's search, typed as a reader types: without accents, in another inflection, a sigle for a name.

The pages each query must find are read from the built search index's own title and text (never from the
terms engine/search.py adds), so a missing variant shows as a page not found.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import checks

PLACEHOLDER = "Taper pour démarrer la recherche"  # the theme's French "search.result.placeholder"
META = ".md-search-result__meta"
INPUT = "input.md-search__input"
FRAME = ".md-search__scrollwrap"


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """One page for all queries: the search worker builds its index once."""
    context = browser.new_context(viewport=checks.DESKTOP)
    page = context.new_page()
    page.goto(base_url + "/")
    page.locator(INPUT).click()
    yield page
    context.close()


def results(page, query: str) -> set[str]:
    """Type `query` into the search field; the paths of every page listed (all of them rendered)."""
    box = page.locator(INPUT)
    box.fill("")
    page.wait_for_function("([m, t]) => document.querySelector(m).textContent.trim() === t", arg=[META, PLACEHOLDER])
    box.press_sequentially(query, delay=10)
    # The worker answers asynchronously; the meta line gives the count once the last keystroke is handled.
    page.wait_for_function(
        """([m, t, q]) => { const meta = document.querySelector(m).textContent.trim();
            return document.querySelector('input.md-search__input').value === q && meta && meta !== t
                   && !meta.startsWith('Initialisation'); }""", arg=[META, PLACEHOLDER, query])
    page.wait_for_timeout(200)  # a late answer to an earlier keystroke would rewrite the list
    meta = page.locator(META).inner_text().strip()
    total = int(meta.split()[0]) if meta[0].isdigit() else 0
    items = page.locator(".md-search-result__list > li")  # one per page, its sections inside
    # The theme renders 10 results, then 4 more each time the list is scrolled down to its end.
    for _ in range(100):
        if items.count() >= total:
            break
        for position in ("0", "frame.scrollHeight"):  # two scroll events: leave the end, come back to it
            page.evaluate(f"(frame => {{ frame.scrollTop = {position}; }})(document.querySelector('{FRAME}'))")
            page.wait_for_timeout(30)
    assert items.count() == total, (query, meta, items.count())
    # Links carry "?h=<query>" and section anchors: keep the page's path.
    return set(items.locator("a.md-search-result__link").evaluate_all("els => els.map(e => new URL(e.href).pathname)"))


@pytest.fixture(scope="module")
def written(site):
    """Pages whose title or text holds `word` as a whole word, from the index as the theme writes it."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])

    def pages(word: str) -> set[str]:
        found = set()
        for doc in index["docs"]:
            text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
            if word in {token.lower() for token in separator.split(text)}:
                found.add("/" + doc["location"].split("#")[0])
        assert found, f"aucune page n'écrit « {word} » : choisir un autre exemple"
        return found

    return pages


@pytest.mark.parametrize("accented, plain", [
    ("numérique", "numerique"), ("numérique", "NUMERIQUE"), ("reconditionnés", "reconditionnes"),
    ("bénévoles", "benevoles"), ("médiation", "mediation"), ("département", "departement"),
    ("collectivité", "collectivites"),
])
def test_a_query_without_accents_finds_at_least_what_the_accented_one_finds(search_page, accented, plain):
    expected = results(search_page, accented)
    assert expected
    assert expected <= results(search_page, plain)


@pytest.mark.parametrize("typed, word", [
    ("locaux", "local"), ("departementaux", "départemental"), ("regionaux", "régional"),
    ("benevoles", "bénévole"), ("reconditionnes", "reconditionné"), ("agees", "âgées"),
])
def test_plurals_and_inflections_find_the_pages_that_write_another_form(search_page, written, typed, word):
    assert written(word) <= results(search_page, typed)


def test_a_sigle_finds_the_fiche_that_names_it_and_the_name_finds_the_sigle(search_page, roadmap):
    """Fiche 15 names « CCI du Lot » (the register's wording), the registry's full name is « Chambre de
    Commerce et d'Industrie du Lot »; fiche 5 writes « ANCT », the full name is on the organisation's page."""
    cci, anct = roadmap.organisations["cci-du-lot"], roadmap.organisations["anct"]
    fiche = "/" + roadmap.action(15).url
    assert any(m.organisation is cci and m.nom == "CCI du Lot" for m in roadmap.action(15).porteurs)
    for query in ("CCI", "cci", "chambre", "industrie"):  # one word: « de » alone finds almost every page
        found = results(search_page, query)
        assert {fiche, "/" + cci.url} <= found, query
    assert {"/" + roadmap.action(5).url, "/" + anct.url} <= results(search_page, "cohesion")
    assert "/" + anct.url in results(search_page, "ANCT")


def test_search_works_on_a_phone(new_context, base_url):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(base_url + "/actions/")
    page.locator("label.md-header__button[for='__search']").click()
    assert "/" + "actions/boucle-reconditionnement-solidaire/" in results(page, "reconditionnes")
