"""Text made into names: the slug of a record or of the data package, and the id of a heading.

A slug is what an address or a file name is made of (`PATTERN`: the schemas' pattern for slugs, which a test
compares with this one). A heading id must be the one Python-Markdown's table of contents gives a heading of
the hand-written pages, so that one rule makes every id of the site and a link to a heading never depends on
which of the two wrote it; the engine does not import Markdown for it (a test compares both on real titles).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"  # lowercase words of letters and digits joined by single hyphens
# Latin letters NFKD leaves whole, spelled out rather than dropped
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    """`text` in ASCII: compatibility forms and accents decomposed, whatever has no ASCII form dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str, drop: Collection[str] = (), limit: int | None = None) -> str:
    """« Cœur de l'Hôtel-Dieu » → « coeur-de-l-hotel-dieu »: lower case, ligatures and other letters spelled
    out (œ, ø, ł…), no accents, words of letters and digits joined by « - » (`PATTERN`; "" when there is
    none). `drop`: words left out (« de », « la »…); `limit`: at most so many characters, cut between words."""
    words = [w for w in _NOT_WORD.split(_ascii(text.lower().translate(_LETTERS))) if w and w not in drop]
    found = ""
    for word in words:
        if limit is not None and len(found) + len(word) + 1 > limit:
            break
        found = f"{found}-{word}" if found else word
    return found


def anchor(text: str) -> str:
    """The id of a heading, as Python-Markdown's table of contents makes it (`slugify` with « - »): ASCII,
    characters other than letters, digits, « _ », « - » and spaces dropped, lower case, each run of spaces
    and hyphens one « - » (« Chiffres clés (2024) » → « chiffres-cles-2024 »)."""
    value = re.sub(r"[^\w\s-]", "", _ascii(str(text))).strip().lower()
    return re.sub(r"[-\s]+", "-", value)
