"""Extra search terms, so that the theme's search forgives what French readers type.

Material's search (lunr, in the browser) appends `*` to every query term and never passes the query through
its pipeline: a query finds a page when each of its terms begins a word of the page, accents included, case
aside. "numerique" then misses "numérique", "reconditionnes" misses "reconditionnés", a plural query misses
a singular text, and a sigle misses a page that writes the full name.

`enrich` adds to each entry of the built search index (search/search_index.json) the words a reader may
type that do not already begin a word of the entry: the unaccented forms, words glued to an elision
("industrie" in "d'Industrie"), common inflections longer than the written form ("telephones" for
"téléphone", "locaux" ↔ "local"), and the sigle of a registered organisation named in full (and the
reverse). They go into fields that the search indexes but the theme never shows (`FIELDS`, declared by the
glue): previews and highlighting stay those of the page's own text, so a page found through an added word
is listed without highlighted words. Folding accents inside the theme's search worker would highlight them,
but means patching a theme file whose name changes with each release: not done, by choice.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from .model import Organisation

# Hidden index fields and their boosts, the same as the theme gives title and text.
TITLE_FIELD = "title_variants"
TEXT_FIELD = "text_variants"
FIELDS = {TITLE_FIELD: {"boost": 1000.0}, TEXT_FIELD: {"boost": 1.0}}

MIN_LENGTH = 3  # shorter words are elisions (d, l, qu) or stop words: not worth an extra term

_TAG = re.compile(r"<[^>]+>")
_LETTERS = re.compile(r"[^\W\d_]+")
_ALNUM = re.compile(r"[^\W_]+")  # sigles keep their digits: "CDG46"
_WHITE_SPACE = re.compile(r"\s+")  # to read a name: its words alone matter
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


class _Marks(dict):
    """Translation table that removes combining marks (diacritics), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_NO_MARKS = _Marks()


def fold(text: str) -> str:
    """Lowercase, ligatures expanded, diacritics removed: "Œuvre numérique" → "oeuvre numerique"."""
    return unicodedata.normalize("NFD", text.lower().translate(_LIGATURES)).translate(_NO_MARKS)


def plain(markup: str) -> str:
    """The text of an index entry (the theme keeps a little HTML in it)."""
    return html.unescape(_TAG.sub(" ", markup))


def inflections(word: str) -> set[str]:
    """Longer forms a reader may type for a lowercase `word`; shorter ones already match as prefixes.

    Deliberately small: plural in -s/-x, -al ↔ -aux, -ail → -aux, the feminine plural of a past
    participle (-ées). Forms that are not words ("déjàs") are harmless: nobody types them, nobody sees them.
    """
    if len(word) < 4:
        return set()
    if word.endswith("aux"):
        return {word[:-3] + "al", word[:-3] + "ail"}
    if word.endswith(("s", "x", "z")):
        return set()
    if word.endswith(("eau", "eu")):
        return {word + "x"}
    forms = {word + "s"}
    if word.endswith("é"):
        forms.add(word + "es")
    elif word.endswith("al"):
        forms |= {word[:-2] + "aux", word + "es"}
    elif word.endswith("ail"):
        forms.add(word[:-3] + "aux")
    return forms


class _Piece(NamedTuple):
    """What a run of text without white space gives (a text is read run by run, each run cached: the
    runs of a site are mostly the same few thousand words)."""
    words: frozenset[str]  # its search words, as the tokenizer makes them
    forms: frozenset[str]  # the forms a reader may type for its words of MIN_LENGTH letters or more
    folded: tuple[str, ...]  # its words (digits kept) folded, in order, to find organisation names in


@functools.lru_cache(maxsize=200_000)
def _piece(run: str, separator: re.Pattern) -> _Piece:
    # Most runs: one word, composed (a combining accent is not a letter).
    if run.isalpha() and not separator.search(run):
        return _Piece(frozenset((run,)), _forms(run) if len(run) >= MIN_LENGTH else frozenset(), (fold(run),))
    words = frozenset(separator.split(run)) - {""}
    forms = frozenset().union(*(_forms(w) for w in _LETTERS.findall(run) if len(w) >= MIN_LENGTH))
    composed = run if unicodedata.is_normalized("NFC", run) else unicodedata.normalize("NFC", run)
    return _Piece(words, forms, tuple(fold(word) for word in _ALNUM.findall(composed)))


def _pieces(text: str, separator: re.Pattern) -> list[_Piece]:
    """`text` lowercased, run by run (the separator of the search holds all white space)."""
    return [_piece(run, separator) for run in text.lower().split()]


def _variants(pieces: list[_Piece], extra: Iterable[str]) -> str:
    """Space-separated terms that make a text (as its pieces) findable without accents, elisions or the exact
    inflection; `extra`: other words to make it findable by (an organisation's other name)."""
    words = set().union(*[piece.words for piece in pieces])
    candidates = {fold(w) for w in extra if len(w) >= MIN_LENGTH}.union(*[piece.forms for piece in pieces])
    candidates -= words  # a word of the text is found as it is (most candidates)
    # In the sorted words and candidates, a candidate adds nothing when the next one begins with it: a word of
    # the text ("telephones" covers "telephone") or a kept candidate that does.
    ordered = sorted(words.union(candidates))
    ordered.append("")
    return " ".join([term for term, after in zip(ordered, ordered[1:])
                     if term in candidates and not after.startswith(term)])


@functools.lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    """A lowercase word, its inflections, and all of them without accents."""
    forms = {word} | inflections(word)
    return frozenset(forms | {fold(form) for form in forms})


def _folded(pieces: list[_Piece]) -> list[str]:
    return [word for piece in pieces for word in piece.folded]


def _words(text: str) -> tuple[str, ...]:
    """A name as the folded words a text must hold in a row, whatever punctuation or apostrophe separates
    them, case and accents aside."""
    return tuple(_folded(_pieces(text, _WHITE_SPACE)))


class Aliases:
    """The sigle and the full name of each organisation: a text naming one is also found by the other.

    A name or sigle is only looked for in a text that has its first word, at the places it has it: the cost
    of a text does not grow with the number of organisations (thousands of fiches name hundreds of them)."""

    def __init__(self, organisations: Iterable[Organisation]):
        self._pairs = [(_words(o.nom), _words(o.sigle), o.nom, o.sigle) for o in organisations if o.sigle]
        self._by_first_word: dict[str, set[int]] = {}
        for i, (name, sigle, _, _) in enumerate(self._pairs):
            for words in (name, sigle):
                if words:
                    self._by_first_word.setdefault(words[0], set()).add(i)

    def for_text(self, text: str) -> list[str]:
        return self.for_words(_folded(_pieces(text, _WHITE_SPACE)))

    def for_words(self, found: list[str]) -> list[str]:
        """The other names of the organisations named in a text, given as its folded words in order."""
        firsts = self._by_first_word.keys() & found
        if not firsts:  # most texts name no organisation
            return []
        places: dict[str, list[int]] = {}
        for place, word in enumerate(found):
            if word in firsts:
                places.setdefault(word, []).append(place)

        def has(words: tuple[str, ...]) -> bool:
            return bool(words) and any(tuple(found[p:p + len(words)]) == words for p in places.get(words[0], ()))

        names: list[str] = []
        for i in sorted({i for word in firsts for i in self._by_first_word[word]}):
            name, sigle, name_text, sigle_text = self._pairs[i]
            has_name, has_sigle = has(name), has(sigle)
            if has_name and not has_sigle:
                names += _ALNUM.findall(sigle_text)
            if has_sigle and not has_name:
                names += _ALNUM.findall(name_text)
        return names


class Terms:
    """The hidden terms of index entries, for a roadmap's organisations and the separator of its index."""

    def __init__(self, separator: str, organisations: Iterable[Organisation]):
        self.separator = re.compile(separator)
        self.aliases = Aliases(organisations)

    def of(self, markup: str) -> str:
        """The hidden terms of one title or text of the index (a little HTML in it)."""
        pieces = _pieces(plain(markup), self.separator)
        return _variants(pieces, self.aliases.for_words(_folded(pieces)))

    def of_entries(self, entries: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """(title terms, text terms) of each (title, text) of index entries."""
        return [(self.of(title), self.of(text)) for title, text in entries]


def fill(doc: dict, terms: tuple[str, str]) -> None:
    """Put an entry's hidden terms (`Terms.of_entries`) in its hidden fields; none when it has none."""
    for field, value in zip((TITLE_FIELD, TEXT_FIELD), terms):
        if value:
            doc[field] = value
        else:
            doc.pop(field, None)


def enrich(index: dict, organisations: Iterable[Organisation]) -> dict:
    """Fill the hidden fields of every entry of a parsed search/search_index.json (in place); the separator
    is the one the index declares, as the browser will use it."""
    terms = Terms(index["config"]["separator"], organisations)
    for doc in index["docs"]:
        fill(doc, (terms.of(doc.get("title", "")), terms.of(doc.get("text", ""))))
    return index
