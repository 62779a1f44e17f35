"""Where a page's facts come from, said twice: to readers as they would cite it (« Délibération CS2025/06,
séance du 7 mars 2025 »), and to staff checking a fact — the lines of the register's extracted text and
the data file — in a closed « Sources » disclosure at the end of the page. The open data keep the lines.

Every rendering gets its own `PageSources` (roadmap_site.render): templates give it each fact's passage and
each text they show that cites the register's lines; it gives back the text without them, and prints what
it gathered once, last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .suivi import Passage

# A reference to lines of the register inside a text typed by staff: « l. 2095 », « l. 4507-4523 »,
# « l. 428, 432, 444 ». `_ALONE`: a parenthesis holding nothing else (dropped with the space before it);
# `_FIRST`: the first words of a parenthesis (« (l. 1774 ; la fiche… » → « (la fiche… »); `_AFTER`: after
# other words (« (exécution 2024, l. 4823) » → « (exécution 2024) »).
_LINES = r"l\.\s?\d+(?:\s?-\s?\d+)?(?:(?:\s?,\s?|\set\s)\d+(?:\s?-\s?\d+)?)*"
_ALONE = re.compile(rf"\s?\(\s*{_LINES}\s*\)")
_FIRST = re.compile(rf"\(\s*{_LINES}\s*[;,:]\s*")
_AFTER = re.compile(rf"\s?[,;]?\s(?:décision\s)?{_LINES}(?=\s*[);:,.])")


def for_readers(text: str) -> str:
    """`text` without its references to lines of the register; the rest of it as typed."""
    text = _ALONE.sub("", text)
    text = _FIRST.sub("(", text)
    return _AFTER.sub("", text)


@dataclass(frozen=True)
class Entry:
    """One line of the disclosure: what the fact is, and where staff find it."""

    objet: str
    ou: str


@dataclass
class PageSources:
    """What a page cites of the register, gathered while it renders. Its methods print nothing (or the
    text for readers) so that templates call them where the fact is shown."""

    entries: list[Entry] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def _add(self, objet: str, ou: str) -> str:
        entry = Entry(" ".join(str(objet).split()), ou)
        if entry not in self.entries:
            self.entries.append(entry)
        return ""

    def passage(self, objet: str, lignes, ou: str = "") -> str:
        """Lines of the register a fact shown on the page rests on: anything with `premiere` and `derniere`
        (an roadmap_site.suivi.Passage, the `lignes` of a record)."""
        if not lignes:
            return ""
        texte = Passage(lignes.premiere, lignes.derniere).texte
        return self._add(objet, f"{ou}, {texte}" if ou else texte)

    def reference(self, objet: str, ref) -> str:
        """A fact's source (an roadmap_site.suivi.Reference): its deliberation and lines."""
        if ref is None or ref.lignes is None:
            return ""
        return self.passage(objet, ref.lignes, ref.deliberation.libelle if ref.deliberation else ref.document or "")

    def texte(self, text: str | None, objet: str = "") -> str:
        """`text` for readers; the text as typed, with its lines, for staff when it cites some."""
        if not text:
            return ""
        shown = for_readers(text)
        if shown != text:
            self._add(objet, text)
        return shown

    def fichier(self, path: str | None) -> str:
        """The data file the page, or part of it, is written from."""
        if path and path not in self.files:
            self.files.append(path)
        return ""

    def __bool__(self) -> bool:
        return bool(self.entries or self.files)
