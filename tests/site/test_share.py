"""Pages partners can share: a description and a link preview on every page, from the record on generated
pages; canonical addresses once site_url is set; a French page for addresses that lead nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build, build_with_site_url
from tests.golden_pages import pages
from tests.oracles import norm, records

FICHES = records("actions")


def head(path: Path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = {m.get("name") or m.get("property"): m.get("content") for m in soup.head.find_all("meta")}
    canonical = soup.head.find("link", rel="canonical")
    return {**found, "canonical": canonical["href"] if canonical else None}


def test_every_page_has_a_description_and_a_link_preview(site):
    for name, path in pages(site).items():
        meta = head(path)
        assert meta.get("description"), name
        assert meta.get("og:title") and meta.get("og:description") == meta["description"], name
        assert meta["og:locale"] == "fr_FR" and meta["og:site_name"]
        assert meta["canonical"] is None and "og:url" not in meta  # no site_url: no address to give


@pytest.mark.parametrize("fiche", FICHES, ids=lambda f: f"fiche-{f['numero']}")
def test_a_fiche_is_described_by_its_record(site, roadmap, fiche):
    meta = head(site / "actions" / fiche["slug"] / "index.html")
    description = norm(meta["description"])
    assert meta["og:title"] == norm(fiche["intitule"])
    assert f"n°{fiche['numero']}" in description and norm(fiche["intitule"]) in description
    assert roadmap.axe(fiche["axe"]).nom in description
    for porteur in fiche["porteurs"]:
        name = porteur.get("texte") or roadmap.organisations[porteur["organisation"]].nom
        assert norm(name) in description


def test_generated_pages_have_their_own_descriptions(site):
    generated = [p for name, p in pages(site).items()
                 if name.startswith(("actions/", "axes/", "organisations/", "diagnostic/epci/", "diagnostic/enjeux/"))
                 and name.count("/") >= 2]
    descriptions = [head(p)["description"] for p in generated]
    assert len(generated) > 60 and len(set(descriptions)) == len(descriptions)


@pytest.mark.slow
def test_record_text_in_a_description_stays_text(project, tmp_path):
    fiche = project / "actions" / "03-boucle-reconditionnement-solidaire.yml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace(
        "intitule: Expérimenter une boucle de reconditionnement solidaire",
        'intitule: Boucle "solidaire" <script>alert(1)</script> & co'), encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    page = site / "actions" / "boucle-reconditionnement-solidaire" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.head.find("script", string="alert(1)") is None
    meta = head(page)
    assert 'Boucle "solidaire" <script>alert(1)</script> & co' in meta["description"]
    assert meta["og:title"] == 'Boucle "solidaire" <script>alert(1)</script> & co'


@pytest.mark.slow
def test_canonical_addresses_once_site_url_is_set(project, tmp_path):
    site = tmp_path / "site"
    result = build_with_site_url(project, site, "https://exemple.gouv.fr/feuille/")
    assert result.returncode == 0, result.stderr
    fiche = head(site / "actions" / "boucle-reconditionnement-solidaire" / "index.html")
    assert fiche["canonical"] == fiche["og:url"] == "https://exemple.gouv.fr/feuille/actions/boucle-reconditionnement-solidaire/"
    assert head(site / "index.html")["canonical"] == "https://exemple.gouv.fr/feuille/"
    # The page not found is shown at any address: its links start from the site's path.
    not_found = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.find("form", role="search")["action"] == "/feuille/"
    links = [a["href"] for a in not_found.article.find_all("a")]
    assert links and all(href.startswith("/feuille/") for href in links)


def test_the_page_not_found_is_french_with_search_and_entry_points(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Page introuvable")
    assert soup.article.h1.get_text() == "Page introuvable"
    form = soup.article.find("form", role="search")
    assert form["action"] == "/" and form.find("input", attrs={"name": "q"})["id"] == form.label["for"]
    targets = [a["href"] for a in soup.article.find_all("a")]
    assert "/" in targets and "/actions/" in targets and "/organisations/" in targets
    for href in targets:  # every entry point is a page of the site
        assert (site / href.lstrip("/") / "index.html").exists(), href
    assert soup.find("a", class_="md-skip")["href"] == "#page-introuvable"
