"""roadmap_site.address decides every address: the rules at their edges, the docs/ rule compared with MkDocs'
own on every hand-written page, and no address put together elsewhere in the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from roadmap_site import address, load
from roadmap_site.address import public as public_url
from roadmap_site.address import relative as relative_url
from roadmap_site.pages import page_specs
from tests.conftest import ROOT


@pytest.mark.parametrize("path, expected", [
    ("index.md", ""), ("README.md", ""), ("contribuer.md", "contribuer/"), ("actions/index.md", "actions/"),
    ("diagnostic/epci/index.md", "diagnostic/epci/"), ("a/README.md", "a/"), ("a/b.md", "a/b/"),
    ("indexes.md", "indexes/"), ("a/myindex.md", "a/myindex/"), ("a/index/b.md", "a/index/b/"),
])
def test_the_address_of_a_hand_written_page(path, expected):
    assert address.docs_page(path) == expected


def test_the_docs_rule_is_mkdocs_own_on_every_page(tmp_path):
    """The engine knows nothing of MkDocs, yet must know where MkDocs puts each page: both agree."""
    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    extra = ["a/README.md", "a/b.md", "indexes.md", "a/myindex.md"]
    assert len(pages) > 15
    for path in pages + extra:
        mkdocs = File(path, str(docs), str(tmp_path), use_directory_urls=True).url
        assert address.docs_page(path) == ("" if mkdocs == "./" else mkdocs), path


def test_the_addresses_of_records():
    assert address.fiche("boucle-reconditionnement") == "actions/boucle-reconditionnement/"
    assert address.short_link(7) == "fiches/7/" and address.redirect_status("fiches/7/") == 302
    assert address.redirect_status("actions/fiches/") == address.redirect_status("fichesx/") == 301
    assert address.axe("responsable") == "axes/responsable/"
    assert address.organisation("cci-du-lot") == "organisations/cci-du-lot/"
    assert address.territoire("grand-cahors") == "diagnostic/epci/grand-cahors/"
    assert address.theme("mobilite") == "diagnostic/enjeux/mobilite/"
    assert address.deliberation("cs2025-11") == "deliberations/cs2025-11/"


def test_every_page_of_the_real_site_is_one_the_rules_make():
    roadmap = load(ROOT)
    made = {a.url for a in roadmap.actions} | {ax.url for ax in roadmap.axes}
    made |= {o.url for o in roadmap.organisations.values()}
    made |= {e.url for e in roadmap.diagnostic.territoires} | {t.url for t in roadmap.diagnostic.themes}
    made |= {d.url for d in roadmap.suivi.deliberations}
    assert made == {spec.url for spec in page_specs(roadmap)}
    assert all(address.fault(url) is None for url in made)
    hand_written = {address.docs_page(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs").rglob("*.md")}
    linked = {address.ACTIONS, address.TERRITOIRES, address.THEMES, address.ACTIONS_LOCALES, address.SUIVI,
              address.BUDGET, address.DELIBERATIONS, address.MENTIONS_LEGALES}
    assert linked <= hand_written  # the pages the engine links to exist on the real site


def test_the_file_a_server_sends_for_a_page():
    assert address.index_file("") == "index.html"
    assert address.index_file("fiches/3/") == "fiches/3/index.html"
    assert address.page_source("actions/x/") == "actions/x/index.md"
    with pytest.raises(address.AddressError):
        address.index_file("fiches/3")  # not a page address: no file name glued to its last segment


def test_the_open_data_files():
    assert (address.DATA_PACKAGE, address.DATA_ROADMAP, address.DATA_FEED) == (
        "donnees/datapackage.json", "donnees/feuille-de-route.json", "donnees/modifications.atom")
    assert address.data_table("actions") == "donnees/actions.csv"
    assert address.data_schema("action") == "donnees/schemas/action.schema.json"
    assert address.fiche_json("actions/x/") == "actions/x/fiche.json"
    assert address.fiche_feed("actions/x/") == "actions/x/modifications.atom"
    assert address.beside("actions/old/", "actions/x/fiche.json") == "actions/old/fiche.json"
    with pytest.raises(address.AddressError):
        address.data_table("Actions publiques")


@pytest.mark.parametrize("target, site_url, expected", [
    ("fiches/3/", None, "/fiches/3/"), ("", None, "/"), ("fiches/3/", "https://x.fr/a", "https://x.fr/a/fiches/3/"),
])
def test_public_addresses(target, site_url, expected):
    assert address.public(target, site_url) == expected


# A literal segment of a record's or a data file's address followed by a formatted value: an address put
# together outside roadmap_site.address.
_BUILT = re.compile(r"""f["'][^"']*\b(actions|fiches|axes|organisations|epci|enjeux|deliberations|donnees)/\{""")


def test_no_address_is_put_together_outside_the_address_module():
    package = ROOT / "roadmap_site"
    sources = [p for p in sorted(package.rglob("*.py")) if p != package / "address.py"]
    sources.append(ROOT / "macros" / "__init__.py")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sources for n, line in enumerate(p.read_text().splitlines(), 1)
             if _BUILT.search(line)]
    assert found == []
    assert _BUILT.search(Path(address.__file__).read_text())  # the pattern does find them where they belong


@pytest.mark.parametrize("target, page, expected", [
    ("actions/", "axes/responsable/", "../../actions/"), ("", "actions/", ".."), ("actions/", "", "actions/"),
    ("actions/x/", "actions/x/", "./"), ("diagnostic/epci/a/", "diagnostic/epci/", "a/"),
    ("assets/a.css", "actions/x/", "../../assets/a.css")])
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected


@pytest.mark.parametrize("site_url, expected", [
    (None, "/fiches/3/"), ("", "/fiches/3/"), ("https://exemple.fr/feuille/", "https://exemple.fr/feuille/fiches/3/"),
    ("https://exemple.fr/feuille", "https://exemple.fr/feuille/fiches/3/"), ("https://exemple.fr/", "https://exemple.fr/fiches/3/"),
    ("https://exemple.fr/LOTX", "https://exemple.fr/LOTX/fiches/3/"),  # only the slashes are trimmed
])
def test_a_public_address_is_absolute_once_the_sites_is_known(site_url, expected):
    assert public_url("fiches/3/", site_url) == expected
