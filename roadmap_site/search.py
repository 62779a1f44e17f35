"""The site's search: Pagefind, run over the built HTML, and what it needs to answer what French readers type.

Pagefind (https://pagefind.app) indexes the pages once they are written, whatever generator wrote them, and
splits its index in small chunks that the reader's browser fetches for the words typed, nothing before. It
stems French words and ignores diacritics by itself. This module decides what it indexes (the main content
of real pages, without tables, navigation or source notes: excerpts read as prose), how (French), and the
one thing Pagefind does not do: sigles and full names of the registered organisations finding each other.
Those come from the organisations' register as a small file of synonyms (`SYNONYMS_FILE`) that the search
script of the site reads to run a query under its other names too (roadmap_site/theme/assets/javascripts/recherche.js).
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pagefind_bin

from . import address
from .model import Organisation

BUNDLE = address.SEARCH  # Pagefind's folder in the site: its script, its index, and our synonyms
SYNONYMS_FILE = address.SEARCH_SYNONYMS
LANGUAGE = "fr"
TIMEOUT = 600  # seconds; 2 000 fiches take a few seconds
# Pagefind's ready-made interfaces, which the site does not use (its own is recherche.js): not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")

# Left out of the index and of excerpts: tables (their cells run together: « 1 0 5 6 voir les 6 fiches »),
# navigation (the way to neighbouring records names them: a fiche would be found for its neighbour's
# title), forms (the filters of the list of actions), the source notes of record pages, and whatever a
# template marks `data-search-exclude` (the closed « Sources » disclosure, with its register lines and data
# files, and the share block): one attribute of our own, so the templates know nothing of Pagefind.
EXCLUDED = ("table", "nav", "form", "#source", ".lne-source", ".lne-source-fait", "[data-search-exclude]")

# What a page is, shown before its title among the results (and a filter of the index), by template.
KINDS = {
    "fiche.html": "Fiche action", "axe.html": "Axe", "organisation.html": "Organisation",
    "deliberation.html": "Délibération", "epci.html": "Intercommunalité", "enjeu.html": "Enjeu",
    "regroupement.html": "Regroupement",
}
PAGE_KIND = "Page"

# Elided articles and pronouns glued to the next word (« l'inclusion », « d'Industrie », « qu'un »): the reader's
# query and the names below are read without them. Shared with the search script through the synonyms file.
ELISION = r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]"
_ELISION = re.compile(ELISION, re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
SIGNIFICANT = 3  # letters of a word that says something on its own (« de », « du », « et » do not)


class _Marks(dict):
    """Translation table that removes combining marks (diacritics), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_NO_MARKS = _Marks()


def fold(text: str) -> str:
    """Lowercase, ligatures expanded, diacritics removed: "Œuvre numérique" → "oeuvre numerique"."""
    return unicodedata.normalize("NFD", text.lower().translate(_LIGATURES)).translate(_NO_MARKS)


def words(text: str) -> list[str]:
    """The words of a name or a query as the search script compares them: elisions dropped, folded, split on
    anything but letters and digits (the script does the same to the reader's query)."""
    return _WORD.findall(fold(_ELISION.sub(" ", text)))


def trigger_length(name: str) -> int:
    """How many first words of `name` a query must hold for the name to be recognised: enough to hold two
    significant words (« chambre de commerce »), or one written in capitals (a sigle: « CCI »); all of them
    for a shorter name."""
    folded = words(name)
    first = _ELISION.sub(" ", name).split()[:1]
    if first and len(folded[0]) >= SIGNIFICANT and first[0].isupper():
        return 1
    significant = 0
    for count, word in enumerate(folded, 1):
        significant += len(word) >= SIGNIFICANT
        if significant == 2:
            return count
    return len(folded)


def synonyms(organisations: Iterable[Organisation]) -> list[dict]:
    """For each organisation with a sigle, both ways: a query holding the first `des` words of `mots` is also
    run with them replaced by `autre` (its other name)."""
    found = []
    for organisation in organisations:
        if not organisation.sigle or words(organisation.sigle) == words(organisation.nom):
            continue
        for name, other in ((organisation.sigle, organisation.nom), (organisation.nom, organisation.sigle)):
            found.append({"mots": words(name), "des": trigger_length(name), "autre": " ".join(words(other))})
    return found


def synonyms_file(organisations: Iterable[Organisation]) -> str:
    return json.dumps({"elision": ELISION, "synonymes": synonyms(organisations)}, ensure_ascii=False,
                      separators=(",", ":"))


def kind(template: str | None) -> str:
    """What a page is, for its search result: its template's kind, or « Page » for a hand-written one."""
    return KINDS.get(template or "", PAGE_KIND)


def command(site: Path) -> list[str]:
    """Pagefind over the built site, French, without what EXCLUDED leaves out: its program itself, which the
    pagefind-bin package installs (`python -m pagefind` would start a second Python first: 0,07 s a build)."""
    excluded = [argument for selector in EXCLUDED for argument in ("--exclude-selectors", selector)]
    return [str(pagefind_bin.get_executable()), "--site", str(site), "--force-language", LANGUAGE, "--quiet",
            *excluded]


class SearchError(Exception):
    """The search index could not be made: the message says why, in French."""


@contextmanager
def indexing(site: Path, organisations: Iterable[Organisation]) -> Iterator[None]:
    """Index the built `site` (its pages written) while the body writes the build's other files, which are no
    pages (Pagefind reads only HTML): Pagefind is a program of its own, so it works on the second core meanwhile.
    Then keep of Pagefind's files those the site uses, and write the synonyms beside the index. When the body
    fails, Pagefind is stopped and the body's error raised."""
    try:
        process = subprocess.Popen(command(site), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
    except OSError as error:  # FileNotFoundError too, from pagefind_bin when its program is missing
        raise SearchError(f"Pagefind n'a pas pu être lancé ({error}) : réinstallez le paquet roadmap-site, "
                          "qui l'installe (dans ce dépôt : make serve) ; le site n'a pas été construit.") from None
    with process:  # on leaving, its pipes are closed and the process waited for
        try:
            yield
        except BaseException:
            process.kill()
            raise
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise SearchError(f"l'index de la recherche (Pagefind) n'a pas été fait en {TIMEOUT} s : "
                              "le site n'a pas été construit.") from None
    entry = site / BUNDLE / "pagefind-entry.json"
    if process.returncode != 0 or not entry.exists():
        output = (err + out).strip()
        raise SearchError(f"l'index de la recherche (Pagefind) n'a pas pu être fait : {output or 'aucun message'}"
                          " ; le site n'a pas été construit.")
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    (site / SYNONYMS_FILE).write_text(synonyms_file(organisations), encoding="utf-8")
