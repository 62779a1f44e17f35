"""The search without a browser (roadmap_site/search.py): the synonyms made from the organisations' register, what
the built site gives Pagefind to index, and a failed indexing; tests/browser/test_search_ui.py types the
queries into the real search."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import time

import pytest
from bs4 import BeautifulSoup

from roadmap_site import search
from roadmap_site.model import Organisation
from tests.browser.harness import REDIRECT_MARK, real_pages
from tests.unit.page_sources.test_page_sources import BACK_OFFICE

CCI = Organisation("cci", "Chambre de Commerce et d'Industrie du Lot", "CCI du Lot")
ANCT = Organisation("anct", "Agence Nationale de la Cohésion des Territoires", "ANCT")
CDG = Organisation("cdg46", "Centre de Gestion du Lot", "CDG46")
BOURIANE = Organisation("cc", "Communauté de Communes Quercy Bouriane", "CC Quercy Bouriane")


def test_fold_removes_accents_case_and_ligatures():
    assert search.fold("Œuvre NUMÉRIQUE à Cahors") == "oeuvre numerique a cahors"


@pytest.mark.parametrize("text, words", [
    ("Chambre de Commerce et d'Industrie", ["chambre", "de", "commerce", "et", "industrie"]),
    ("l’inclusion numérique", ["inclusion", "numerique"]),  # typographic apostrophe
    ("Qu'est-ce que L'ÉDUCATION", ["est", "ce", "que", "education"]),
    ("CDG46 (Lot)", ["cdg46", "lot"]),
    ("aujourd'hui", ["aujourd", "hui"]),  # not an elision: both parts kept
])
def test_words_drop_elisions_and_fold(text, words):
    assert search.words(text) == words


@pytest.mark.parametrize("name, length", [
    ("CCI du Lot", 1),  # a word in capitals: a sigle
    ("CDG46", 1),
    ("Chambre de Commerce et d'Industrie du Lot", 3),  # « chambre de commerce »: two significant words
    ("Agence Nationale de la Cohésion des Territoires", 2),
    ("Centre de Gestion du Lot", 3),
    ("CC Quercy Bouriane", 3),  # « CC » is too short to stand for the name alone
    ("Lot", 1),  # a name shorter than two significant words: all of it
])
def test_a_name_is_recognised_from_its_first_words(name, length):
    assert search.trigger_length(name) == length


@pytest.mark.parametrize("organisation", [CCI, ANCT, CDG, BOURIANE])
def test_each_sigle_and_full_name_lead_to_the_other(organisation):
    found = search.synonyms([organisation])
    assert [(s["mots"], s["autre"]) for s in found] == [
        (search.words(organisation.sigle), " ".join(search.words(organisation.nom))),
        (search.words(organisation.nom), " ".join(search.words(organisation.sigle))),
    ]


@pytest.mark.parametrize("organisation", [
    Organisation("anssi", "ANSSI", None),  # no sigle
    Organisation("x", "Coll.in", "COLL IN"),  # a sigle that is the name written otherwise
])
def test_an_organisation_without_another_name_has_no_synonym(organisation):
    assert search.synonyms([organisation]) == []


def test_the_synonyms_are_those_of_the_register(roadmap, site):
    """Every organisation of data/organisations.yml with a sigle, and only those: no list kept by hand."""
    written = json.loads((site / search.SYNONYMS_FILE).read_text(encoding="utf-8"))
    with_sigle = [o for o in roadmap.organisations.values() if o.sigle]
    assert len(with_sigle) >= 5
    assert written["synonymes"] == search.synonyms(roadmap.organisations.values())
    assert {s["autre"] for s in written["synonymes"]} == {
        " ".join(search.words(name)) for o in with_sigle for name in (o.nom, o.sigle)}
    assert re.compile(written["elision"]).pattern == search.ELISION


@pytest.mark.parametrize("template, kind", [
    ("fiche.html", "Fiche action"), ("organisation.html", "Organisation"), ("epci.html", "Intercommunalité"),
    ("deliberation.html", "Délibération"), (None, "Page"), ("budget.html", "Page"),
])
def test_each_page_says_what_it_is(template, kind):
    assert search.kind(template) == kind


# The built site, as Pagefind reads it.

def fragments(site) -> dict[str, dict]:
    """What Pagefind indexed, by URL path: each page's fragment (gzip, a signature, then JSON)."""
    found = {}
    for path in (site / search.BUNDLE / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        found[fragment["url"]] = fragment
    return found


@pytest.fixture(scope="module")
def indexed(site) -> dict[str, dict]:
    return fragments(site)


def test_every_real_page_is_indexed_and_nothing_else(site, indexed):
    """Redirect pages and the page not found have no data-pagefind-body: they stay out of the results."""
    pages = real_pages(site)
    assert len(pages) > 100 and set(indexed) == set(pages)
    redirects = [p for p in site.rglob("index.html") if REDIRECT_MARK in p.read_text(encoding="utf-8")]
    assert redirects and not any("data-pagefind-body" in p.read_text(encoding="utf-8") for p in redirects)
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url, kind", [
    ("/actions/boucle-reconditionnement-solidaire/", "Fiche action"), ("/organisations/cci-du-lot/", "Organisation"),
    ("/diagnostic/epci/grand-figeac/", "Intercommunalité"), ("/deliberations/cs2025-11/", "Délibération"),
    ("/axes/solidaire/", "Axe"), ("/contribuer/", "Page"), ("/", "Page"),
])
def test_each_result_has_its_title_and_kind(indexed, url, kind):
    fragment = indexed[url]
    assert fragment["meta"]["type"] == kind and fragment["filters"]["type"] == [kind]
    assert fragment["meta"]["title"]


def test_excerpts_are_prose_without_tables_navigation_or_sources(site, indexed):
    """The text of every table cell, link of the way to neighbouring records and source note is left out of
    what Pagefind indexes (when the page does not also write it elsewhere)."""
    checked = 0
    for url, fragment in indexed.items():
        html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        body = BeautifulSoup(html, "html.parser").find(attrs={"data-pagefind-body": True})
        left_out = body.select(", ".join(search.EXCLUDED))
        kept = " ".join(body.get_text(" ").split())
        for element in left_out:
            element.extract()
        prose = " ".join(body.get_text(" ").split())
        content = " ".join(fragment["content"].split())
        for element in left_out:
            text = " ".join(element.get_text(" ").split())
            if len(text) > 30 and text not in prose:
                assert text not in content, (url, text)
                checked += 1
        assert kept  # a page with content
    assert checked > 100
    assert not any(re.search(r"\d\. \d\. \d\. \d\.", f["content"]) for f in indexed.values())


def test_a_fiche_s_public_weighs_more_than_its_text(site):
    fiche = BeautifulSoup((site / "actions/parentalite-numerique/index.html").read_text(encoding="utf-8"),
                          "html.parser")
    summary = fiche.find("dt", string="Public cible").find_next_sibling("dd")
    assert float(summary["data-pagefind-weight"]) > 1


def test_a_failed_indexing_fails_the_build_in_french(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "command", lambda site: ["python3", "-c", "import sys; print('panne'); sys.exit(2)"])
    with pytest.raises(search.SearchError, match=r"^l'index de la recherche \(Pagefind\) n'a pas pu être fait : "
                                                  r"panne ; le site n'a pas été construit\.$"):
        with search.indexing(tmp_path, [CCI]):
            pass
    assert not (tmp_path / search.SYNONYMS_FILE).exists()


def test_an_indexing_that_hangs_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "TIMEOUT", 0.5)
    monkeypatch.setattr(search, "command", lambda site: ["sleep", "30"])
    begun = time.monotonic()
    with pytest.raises(search.SearchError, match="n'a pas été fait en 0.5 s"):
        with search.indexing(tmp_path, [CCI]):
            pass
    assert time.monotonic() - begun < 10  # killed, not waited for


def test_a_missing_pagefind_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "command", lambda site: [str(tmp_path / "absent")])
    with pytest.raises(search.SearchError, match="Pagefind n'a pas pu être lancé"):
        with search.indexing(tmp_path, [CCI]):
            pass


def test_pagefind_indexes_a_site_in_french(tmp_path):
    """The real command on a small site: the index, its French language, and the synonyms beside it."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page/index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Les tiers-lieux</h1><table><tr><td>caché</td></tr>'
        "</table></main></body></html>", encoding="utf-8")
    with search.indexing(tmp_path, [CCI]):
        pass
    entry = json.loads((tmp_path / search.BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]  # forced: French stemming whatever the page says
    assert "caché" not in fragments(tmp_path)["/page/"]["content"]
    assert json.loads((tmp_path / search.SYNONYMS_FILE).read_text(encoding="utf-8"))["synonymes"]
    assert subprocess.run(search.command(tmp_path), capture_output=True).returncode == 0  # again: overwritten


def test_no_register_line_is_indexed(indexed):
    """What templates mark `data-search-exclude` (the closed « Sources » disclosure, transcription notes, the
    share block) is left out of the index too: no excerpt shows a register line (« l. 5027 ») or a raw
    register symbol. The contributor guide, written for staff, teaches line references and file names: it
    keeps them."""
    found = {url: [hit for hit in BACK_OFFICE.findall(fragment["content"]) if not hit.startswith(".")]
             for url, fragment in indexed.items() if url != "/contribuer/"}
    assert {url: hits for url, hits in found.items() if hits} == {}


def test_pagefind_works_while_the_build_writes_its_other_files(tmp_path, monkeypatch):
    """Pagefind is started before the body runs, not after: the body sees it at work."""
    started = tmp_path / "commencé"
    monkeypatch.setattr(search, "command", lambda site: [
        "python3", "-c", f"import pathlib; pathlib.Path({str(started)!r}).touch(); "
        f"pathlib.Path({str(site / search.BUNDLE)!r}).mkdir(); "
        f"pathlib.Path({str(site / search.BUNDLE / 'pagefind-entry.json')!r}).write_text('{{}}')"])
    with search.indexing(tmp_path, [CCI]):
        for _ in range(500):
            if started.exists():
                break
            time.sleep(0.01)
        assert started.exists()
    assert (tmp_path / search.SYNONYMS_FILE).exists()


@pytest.mark.parametrize("error", [ValueError("panne des données ouvertes"),
                                   subprocess.TimeoutExpired("git", 1)])  # not taken for Pagefind's own
def test_a_failure_of_the_build_stops_pagefind_and_is_the_error_raised(tmp_path, monkeypatch, error):
    monkeypatch.setattr(search, "TIMEOUT", 0.5)
    monkeypatch.setattr(search, "command", lambda site: ["sleep", "30"])
    begun = time.monotonic()
    with pytest.raises(type(error)) as raised:
        with search.indexing(tmp_path, [CCI]):
            raise error
    assert raised.value is error
    assert time.monotonic() - begun < 10  # not the 30 s of the command: it was killed
    assert not (tmp_path / search.SYNONYMS_FILE).exists()


def test_a_missing_pagefind_program_is_named(tmp_path, monkeypatch):
    """The pagefind-bin package without its program (a broken install): the same French message."""
    def missing():
        raise FileNotFoundError("pagefind introuvable")
    monkeypatch.setattr(search.pagefind_bin, "get_executable", missing)
    with pytest.raises(search.SearchError, match=r"Pagefind n'a pas pu être lancé \(pagefind introuvable\)"):
        with search.indexing(tmp_path, [CCI]):
            pass
