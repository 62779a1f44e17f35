"""Deployed under a sub-path, as a GitHub Pages project site is (site_url https://exemple.fr/feuille-de-route/):
every page, the page not found, a fiche's JSON and the feeds resolve, and the styles load. The site is built
with that site_url and served under /feuille-de-route/ only, with its 404.html for any other address, as a
host serves it; Chromium records every response."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.harness import NotFoundHandler, real_pages, serve
from tests.conftest import build, copy_project

PREFIX = "/feuille-de-route/"
FICHE = "actions/boucle-reconditionnement-solidaire/"
MISSING = ["actions/une-fiche-qui-n-existe-pas/", "inexistante/", "actions/x/y/z/"]


class _SubPathHandler(NotFoundHandler):
    """Serves the site under PREFIX only; anything else, or a missing file, gets the site's 404.html."""

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(self.site / "hors-du-chemin" / "absent")
        return super().translate_path("/" + path[len(PREFIX):])


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sous-chemin") / "projet")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^#? ?site_url:.*$", f"site_url: https://exemple.fr{PREFIX}", text, count=1)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def root_url(sub_site):
    """The server's root: the site itself is at root_url + PREFIX."""
    with serve(sub_site, _SubPathHandler) as url:
        yield url


def visit(new_context, url: str):
    """The page at `url`, and every response it got that was an error (the document's own excepted)."""
    context = new_context()
    failed: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page = context.new_page()
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, response, [f for f in failed if not f.endswith(" " + url)]


def styled(page) -> bool:
    """The theme's styles and the site's own (lne.css) apply."""
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    return (page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
            and any(s.endswith(PREFIX + "assets/stylesheets/lne.css") for s in sheets))


def test_every_page_is_served_under_the_sub_path(sub_site, root_url, page):
    pages = real_pages(sub_site)
    assert len(pages) > 50
    for path in pages:
        assert page.request.get(root_url + PREFIX + path.lstrip("/")).status == 200, path


@pytest.mark.parametrize("path", ["", FICHE, "actions/", "donnees/", "diagnostic/epci/"])
def test_a_page_loads_its_styles_scripts_and_links_under_the_sub_path(new_context, root_url, path):
    page, response, failed = visit(new_context, root_url + PREFIX + path)
    assert response.status == 200 and failed == [] and styled(page)
    hrefs = page.locator("a[href], link[href]").evaluate_all("els => els.map(e => e.href)")
    internal = {h.split("#")[0] for h in hrefs if h.startswith(root_url) and not h.startswith(page.url + "#")}
    assert internal and all(h.startswith(root_url + PREFIX) for h in internal), internal
    for href in sorted(internal):
        assert page.request.get(href).status == 200, href


def test_a_fiche_links_its_json_and_feeds_under_the_sub_path(new_context, root_url):
    page, response, failed = visit(new_context, root_url + PREFIX + FICHE)
    assert response.status == 200 and failed == []
    feeds = page.locator('link[type="application/atom+xml"]').evaluate_all("els => els.map(e => e.href)")
    assert root_url + PREFIX + "donnees/modifications.atom" in feeds
    assert root_url + PREFIX + FICHE + "modifications.atom" in feeds
    json_link = page.locator('a[href$="fiche.json"]').first.evaluate("e => e.href")
    assert json_link == root_url + PREFIX + FICHE + "fiche.json"
    document = page.request.get(json_link)
    assert document.status == 200 and document.json()["page"] == f"https://exemple.fr{PREFIX}{FICHE}"
    for feed in feeds:
        answer = page.request.get(feed)
        assert answer.status == 200 and f'href="https://exemple.fr{PREFIX}' in answer.text(), feed


@pytest.mark.parametrize("path", MISSING)
def test_the_page_not_found_is_styled_and_its_links_resolve_under_the_sub_path(new_context, root_url, path):
    page, response, failed = visit(new_context, root_url + PREFIX + path)
    assert response.status == 404 and failed == []
    assert page.locator("h1").inner_text() == "Page introuvable" and styled(page)
    links = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
    internal = {h.split("#")[0] for h in links if h.startswith(root_url) and not h.startswith(page.url + "#")}
    assert len(internal) >= 5
    for href in sorted(internal):
        assert href.startswith(root_url + PREFIX) and page.request.get(href).status == 200, href


def test_a_short_link_leads_to_its_fiche_under_the_sub_path(page, root_url):
    page.goto(root_url + PREFIX + "fiches/3/")
    page.wait_for_url(root_url + PREFIX + FICHE)
    assert "reconditionnement" in page.locator("h1").inner_text()
