"""The page not found, as a web server shows it at an address that leads nowhere (here, a nested one)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import checks
from tests.browser.harness import NotFoundHandler, serve

MISSING = "/actions/une-fiche-qui-n-existe-pas/"


@pytest.fixture(scope="module")
def not_found_url(site):
    with serve(site, NotFoundHandler) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_missing_address_shows_the_french_page_not_found(new_context, not_found_url, scheme):
    page = new_context(color_scheme=scheme).new_page()
    response = page.goto(not_found_url + MISSING)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"  # styled
    assert checks.structure(page, MISSING) == []  # skip link first, one h1, visible focus
    assert checks.axe(page, MISSING) == []
    assert checks.reflow(page, MISSING) == []


def test_its_search_form_opens_the_search_with_the_words(page, not_found_url):
    page.goto(not_found_url + MISSING)
    page.get_by_label("Mots à rechercher").fill("reconditionnes")
    page.keyboard.press("Enter")
    page.wait_for_url(not_found_url + "/?q=reconditionnes")  # the home page, which opens the search on them
    first = page.locator(".lne-recherche__resultats a").first
    expect(first).to_have_attribute("href", re.compile(r"/actions/boucle-reconditionnement-solidaire/$"))
    assert page.get_by_label("Rechercher sur le site").input_value() == "reconditionnes"


def test_its_entry_points_lead_to_pages(page, not_found_url):
    page.goto(not_found_url + MISSING)
    links = page.locator("article a")
    assert links.count() >= 5
    for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert page.request.get(not_found_url + href).status == 200, href
