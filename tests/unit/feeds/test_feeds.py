"""roadmap_site.feeds: Atom documents checked against RFC 4287 — its RELAX NG grammar (Appendix B, with lxml)
and, in Python, the rules the grammar cannot say: authors, alternate links, unique ids, RFC 3339 dates."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree

from roadmap_site.feeds import FeedEntry, atom_feed, change_id, history_entries, stable_id
from roadmap_site.history import REASONS, record_history
from tests.gitrepo import Repo

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RNG = Path(__file__).with_name("atom.rng")
AUTHOR = "Syndicat mixte Lot Numérique"
# RFC 3339 §5.6 date-time, upper-case T and Z as RFC 4287 §3.3 requires.
DATE_TIME = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
                       r"(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)")
LABELS = {"intitule": "l'intitulé", "rh": "les ressources humaines"}


def rfc4287_problems(document: bytes) -> list[str]:
    """What RFC 4287 forbids in `document` beyond its grammar (and a few grammar rules, without lxml)."""
    problems = []
    feed = ET.fromstring(document)
    if feed.tag != f"{A}feed":
        return [f"racine {feed.tag}"]
    entries = feed.findall(f"{A}entry")
    for name in ("id", "title", "updated"):  # §4.1.1: exactly one each
        if len(feed.findall(f"{A}{name}")) != 1:
            problems.append(f"feed: {name} × {len(feed.findall(f'{A}{name}'))}")
    if not feed.findall(f"{A}author") and any(not entry.findall(f"{A}author") for entry in entries):
        problems.append("feed: ni author ni author dans chaque entry")  # §4.1.1
    ids = [element.text for element in feed.iter(f"{A}id")]
    if len(ids) != len(set(ids)):
        problems.append("id en double")
    for value in ids:  # §4.2.6: an absolute IRI
        if not value or not urlsplit(value).scheme:
            problems.append(f"id non absolu : {value!r}")
    for element in [*feed.iter(f"{A}updated"), *feed.iter(f"{A}published")]:  # §3.3
        if not DATE_TIME.fullmatch(element.text or ""):
            problems.append(f"date hors RFC 3339 : {element.text!r}")
    for parent in [feed, *entries]:
        alternates = [(link.get("type"), link.get("hreflang")) for link in parent.findall(f"{A}link")
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):  # §4.1.1, §4.1.2
            problems.append("deux liens alternate de même type et même langue")
    for entry in entries:
        for name in ("id", "title", "updated"):  # §4.1.2
            if len(entry.findall(f"{A}{name}")) != 1:
                problems.append(f"entry: {name} × {len(entry.findall(f'{A}{name}'))}")
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link"))
        if not has_alternate and entry.find(f"{A}content") is None:
            problems.append("entry: ni lien alternate ni content")  # §4.1.2
    return problems


def relax_ng_errors(document: bytes) -> list[str]:
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    if schema.validate(etree.fromstring(document)):
        return []
    return [str(error) for error in schema.error_log]


def valid(document: bytes) -> None:
    assert rfc4287_problems(document) == []
    assert relax_ng_errors(document) == []


FICHE = """\
numero: 1
slug: premiere
intitule: Première fiche, avec un intitulé assez long pour que le renommage reste un renommage
rh:
  - texte: Suivi, 0,10 ETP de la coordinatrice du réseau départemental
    etp: 0.1
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = Repo(tmp_path_factory.mktemp("feeds"))
    repo.write("actions/01-premiere.yml", FICHE)
    repo.write("actions/02-seconde.yml", FICHE.replace("numero: 1", "numero: 2").replace("premiere", "seconde"))
    repo.commit("Add fiches", "2024-01-15T10:00:00+01:00")
    repo.write("actions/01-premiere.yml", FICHE.replace("Première fiche", "Première fiche <b>retouchée</b>"))
    repo.commit("Edit fiche 1", "2024-02-01T09:30:00+01:00")
    repo.git("mv", "actions/02-seconde.yml", "actions/02-seconde-bis.yml")
    repo.commit("Rename fiche 2", "2024-03-01T08:00:00+00:00")
    return repo


PAGES = {"actions/01-premiere.yml": ("Fiche 1 — Première fiche <b>retouchée</b>", "actions/premiere/"),
         "actions/02-seconde-bis.yml": ("Fiche 2 — Seconde fiche", "actions/seconde-bis/")}


@pytest.fixture(scope="module")
def history(repo):
    return record_history(repo.path, list(PAGES))


def site_feed(history, **options) -> bytes:
    return atom_feed(stable_id("flux", "fiches"), "Modifications des fiches", "flux/fiches.xml", "actions/", None,
                     history_entries(history, PAGES, LABELS), author=AUTHOR, **options)


def test_site_feed_is_valid_atom(history):
    valid(site_feed(history))


def test_site_feed_content(history):
    feed = ET.fromstring(site_feed(history))
    assert feed.get(XML_LANG) == "fr"
    assert feed.findtext(f"{A}title") == "Modifications des fiches"
    assert feed.findtext(f"{A}updated") == "2024-03-01T08:00:00+00:00"  # the newest change, not the build time
    assert [author.findtext(f"{A}name") for author in feed.iter(f"{A}author")] == [AUTHOR]
    entries = [(entry.findtext(f"{A}title"), entry.findtext(f"{A}updated"),
                entry.find(f"{A}link").get("href"), entry.findtext(f"{A}summary"))
               for entry in feed.findall(f"{A}entry")]
    assert entries == [
        ("Fiche 2 — Seconde fiche — Renommage du fichier (nouvelle adresse)", "2024-03-01T08:00:00+00:00",
         "../actions/seconde-bis/", "Renommage du fichier (nouvelle adresse)."),
        ("Fiche 1 — Première fiche <b>retouchée</b> — Modification de l'intitulé", "2024-02-01T09:30:00+01:00",
         "../actions/premiere/", "Modification de l'intitulé."),
        ("Fiche 1 — Première fiche <b>retouchée</b> — Création de la fiche", "2024-01-15T10:00:00+01:00",
         "../actions/premiere/", "Création de la fiche."),
        ("Fiche 2 — Seconde fiche — Création de la fiche", "2024-01-15T10:00:00+01:00",
         "../actions/seconde-bis/", "Création de la fiche."),
    ]
    assert all(entry.find(f"{A}summary").get("type") == "text" for entry in feed.findall(f"{A}entry"))


def test_record_text_stays_text(history):
    document = site_feed(history)
    assert b"<b>" not in document and b"&lt;b&gt;retouch" in document


def test_no_commit_author_in_the_feed(history):
    assert b"Agent Exemple" not in site_feed(history) and b"agent@" not in site_feed(history)


def test_relative_links_resolve_from_the_feed_address(history):
    feed = ET.fromstring(site_feed(history))
    feed_address = "https://exemple.invalid/feuille-de-route/flux/fiches.xml"
    hrefs = {link.get("rel"): urljoin(feed_address, link.get("href")) for link in feed.findall(f"{A}link")}
    assert hrefs == {"self": feed_address, "alternate": "https://exemple.invalid/feuille-de-route/actions/"}


def test_absolute_links_with_the_site_address(history):
    document = site_feed(history, site_url="https://exemple.invalid/feuille-de-route")
    valid(document)
    hrefs = [link.get("href") for link in ET.fromstring(document).iter(f"{A}link")]
    assert hrefs[:3] == ["https://exemple.invalid/feuille-de-route/flux/fiches.xml",
                         "https://exemple.invalid/feuille-de-route/actions/",
                         "https://exemple.invalid/feuille-de-route/actions/seconde-bis/"]
    rooted = atom_feed(stable_id("f"), "Flux", "/flux/fiches.xml", "/actions/", "2024-01-01T00:00:00+00:00", [],
                       author=AUTHOR, site_url="https://exemple.invalid/feuille-de-route/")
    valid(rooted)
    assert [link.get("href") for link in ET.fromstring(rooted).iter(f"{A}link")] == [
        "https://exemple.invalid/feuille-de-route/flux/fiches.xml", "https://exemple.invalid/feuille-de-route/actions/"]


def test_record_feed_shares_entry_ids_with_the_site_feed(history):
    path = "actions/02-seconde-bis.yml"
    mine = history.of(path)
    document = atom_feed(stable_id("flux", path), "Fiche 2 — modifications", "actions/seconde-bis/flux.xml",
                         "actions/seconde-bis/", None, history_entries(history, PAGES, LABELS, changes=mine),
                         author=AUTHOR)
    valid(document)
    ids = [entry.findtext(f"{A}id") for entry in ET.fromstring(document).findall(f"{A}entry")]
    assert ids == [change_id(change) for change in mine]
    site_ids = {entry.findtext(f"{A}id") for entry in ET.fromstring(site_feed(history)).findall(f"{A}entry")}
    assert set(ids) < site_ids
    assert [link.get("href") for link in ET.fromstring(document).iter(f"{A}link")][1:] == ["./", "./", "./"]


def test_same_history_same_bytes(repo, history):
    assert site_feed(record_history(repo.path, list(PAGES))) == site_feed(history)


def test_feed_without_history(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    unknown = record_history(tmp_path, list(PAGES))
    built = "2026-12-01T10:00:00+01:00"
    document = atom_feed(stable_id("flux", "fiches"), "Modifications des fiches", "flux/fiches.xml", "actions/",
                         built, history_entries(unknown, PAGES, LABELS), unknown.reason, author=AUTHOR)
    valid(document)
    feed = ET.fromstring(document)
    said = "Historique indisponible : le site a été construit hors d'un dépôt git (archive ou copie des fichiers)."
    assert feed.findtext(f"{A}subtitle") == said
    assert feed.findtext(f"{A}updated") == built
    [entry] = feed.findall(f"{A}entry")
    assert (entry.findtext(f"{A}summary"), entry.findtext(f"{A}updated")) == (said, built)
    assert unknown.reason == REASONS["not_repo"]


def test_characters_xml_forbids_are_dropped():
    entry = FeedEntry(stable_id("x"), "Titre\x07 avec\x00 contrôle", "2024-01-01T00:00:00Z", "a/", "Résumé\x1b.")
    document = atom_feed(stable_id("f"), "Flux", "flux.xml", "a/", None, [entry], author=AUTHOR)
    valid(document)
    assert ET.fromstring(document).find(f"{A}entry").findtext(f"{A}title") == "Titre avec contrôle"


@pytest.mark.parametrize("date", ["2024-01-01", "2024-01-01T00:00:00", "2024-01-01 00:00:00+00:00",
                                  "2024-13-01T00:00:00+00:00", "hier"])
def test_dates_outside_rfc_3339_are_refused(date):
    entry = FeedEntry(stable_id("x"), "Titre", date, "a/", "Résumé.")
    with pytest.raises(ValueError, match="RFC 3339"):
        atom_feed(stable_id("f"), "Flux", "flux.xml", "a/", None, [entry], author=AUTHOR)


def test_newest_date_across_offsets():
    entries = [FeedEntry(stable_id("a"), "A", "2024-01-01T23:30:00-02:00", "a/", "A."),  # 01:30 UTC on the 2nd
               FeedEntry(stable_id("b"), "B", "2024-01-02T01:00:00+00:00", "b/", "B.")]
    document = atom_feed(stable_id("f"), "Flux", "flux.xml", "a/", None, entries, author=AUTHOR)
    assert ET.fromstring(document).findtext(f"{A}updated") == "2024-01-01T23:30:00-02:00"


def test_ids_are_stable_and_distinct():
    assert stable_id("change", "actions/a.yml", "1" * 40) == stable_id("change", "actions/a.yml", "1" * 40)
    assert stable_id("change", "actions/a.yml", "1" * 40) != stable_id("change", "actions/b.yml", "1" * 40)
    assert stable_id("ab", "c") != stable_id("a", "bc")


@pytest.mark.parametrize(("damage", "problem"), [
    (lambda d: re.sub(rb"<entry>\s*<id>[^<]*</id>", b"<entry>", d, count=1), "entry: id × 0"),
    (lambda d: re.sub(rb"<author>.*?</author>", b"", d, flags=re.S), "ni author"),
    (lambda d: re.sub(rb"(<entry>.*?)<link [^>]*/>", rb"\1", d, count=1, flags=re.S), "ni lien alternate"),
    (lambda d: d.replace(b"2024-03-01T08:00:00+00:00", b"2024-03-01T08:00:00", 1), "RFC 3339"),
    (lambda d: re.sub(rb"<id>urn:uuid:[^<]*</id>", b"<id>urn:uuid:0</id>", d), "id en double"),
    (lambda d: re.sub(rb"<id>urn:uuid:", b"<id>", d, count=1), "non absolu"),
])
def test_the_checks_catch_invalid_feeds(history, damage, problem):
    document = damage(site_feed(history))
    assert any(problem in found for found in rfc4287_problems(document)), rfc4287_problems(document)


def test_the_grammar_catches_invalid_feeds(history):
    document = site_feed(history)
    assert relax_ng_errors(document.replace(b"<title>", b"<titre>", 1).replace(b"</title>", b"</titre>", 1))
    assert relax_ng_errors(document.replace(b'type="text"', b'type="texte"', 1))

