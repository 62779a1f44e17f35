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

from .model import Organisation

# Hidden index fields and their boosts, the same as the theme gives title and text.
TITLE_FIELD = "title_variants"
TEXT_FIELD = "text_variants"
FIELDS = {TITLE_FIELD: {"boost": 1000.0}, TEXT_FIELD: {"boost": 1.0}}

MIN_LENGTH = 3  # shorter words are elisions (d, l, qu) or stop words: not worth an extra term

_TAG = re.compile(r"<[^>]+>")
_LETTERS = re.compile(r"[^\W\d_]+")
_ALNUM = re.compile(r"[^\W_]+")  # sigles keep their digits: "CDG46"
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


def tokens(text: str, separator: re.Pattern) -> list[str]:
    """The words the search's tokenizer makes of `text` (split on its separator, lowercased), sorted."""
    return sorted({token.lower() for token in separator.split(text) if token})


def variants(text: str, separator: re.Pattern, extra: Iterable[str] = ()) -> str:
    """Space-separated terms that make `text` findable without accents, elisions or the exact inflection;
    `extra`: other words to make it findable by (an organisation's other name)."""
    existing = tokens(text, separator)
    candidates = {fold(w) for w in extra if len(w) >= MIN_LENGTH}
    for word in set(_LETTERS.findall(text.lower())):
        if len(word) >= MIN_LENGTH:
            candidates |= _forms(word)
    kept, j = [], 0
    for candidate in sorted(candidates):  # one walk through both sorted lists
        while j < len(existing) and existing[j] < candidate:
            j += 1
        if not (j < len(existing) and existing[j].startswith(candidate)):
            kept.append(candidate)
    # A kept term that begins another kept term adds nothing ("telephone" beside "telephones").
    return " ".join(c for i, c in enumerate(kept) if not (i + 1 < len(kept) and kept[i + 1].startswith(c)))


@functools.lru_cache(maxsize=100_000)
def _forms(word: str) -> frozenset[str]:
    """A lowercase word, its inflections, and all of them without accents."""
    forms = {word} | inflections(word)
    return frozenset(forms | {fold(form) for form in forms})


def _folded_words(text: str) -> list[str]:
    """The words of `text`, each folded: the same as the words of the folded text, word by word (cached)
    rather than over the whole text; a text typed with decomposed accents is composed first."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return [_fold_word(word) for word in _ALNUM.findall(text.lower())]


@functools.lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    return fold(word)


def _words(text: str) -> tuple[str, ...]:
    """A name as the folded words a text must hold in a row, whatever punctuation or apostrophe separates
    them, case and accents aside."""
    return tuple(_folded_words(text))


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
        found = _folded_words(text)
        places: dict[str, list[int]] = {}
        for place, word in enumerate(found):
            places.setdefault(word, []).append(place)

        def has(words: tuple[str, ...]) -> bool:
            return bool(words) and any(tuple(found[p:p + len(words)]) == words for p in places.get(words[0], ()))

        names: list[str] = []
        for i in sorted({i for word in places for i in self._by_first_word.get(word, ())}):
            name, sigle, name_text, sigle_text = self._pairs[i]
            has_name, has_sigle = has(name), has(sigle)
            if has_name and not has_sigle:
                names += _ALNUM.findall(sigle_text)
            if has_sigle and not has_name:
                names += _ALNUM.findall(name_text)
        return names


def enrich(index: dict, organisations: Iterable[Organisation]) -> dict:
    """Fill the hidden fields of every entry of a parsed search/search_index.json (in place); the separator
    is the one the index declares, as the browser will use it."""
    separator = re.compile(index["config"]["separator"])
    aliases = Aliases(organisations)
    for doc in index["docs"]:
        for field, value in ((TITLE_FIELD, plain(doc.get("title", ""))), (TEXT_FIELD, plain(doc.get("text", "")))):
            terms = variants(value, separator, aliases.for_text(value))
            if terms:
                doc[field] = terms
            else:
                doc.pop(field, None)
    return index
