"""Characters a reader cannot see or tell apart, named in French for the staff who typed (or pasted) them.

One place knows them: the reader refuses control and direction characters in every value
(`forbidden`), the messages name the invisible or look-alike character that makes a value differ from
the expected one (`differences`), and no message ever prints one raw (`shown`).
"""

from __future__ import annotations

import unicodedata

# Characters that change the order in which a text is displayed (a « Trojan Source » text shows one thing
# and holds another): never useful in a record.
DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters without width: invisible anywhere, an error in an identifier (a slug, a code, a key).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
SPACES = frozenset("\u00a0\u202f\u2007\u2009\u200a\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u205f"
                    "\u3000\u1680")

_NAMES = {
    "\x00": "caractère nul", "\x07": "sonnerie", "\x08": "retour arrière", "\t": "tabulation",
    "\n": "saut de ligne", "\x0b": "tabulation verticale", "\x0c": "saut de page", "\r": "retour chariot",
    "\x1b": "échappement", "\x7f": "suppression", "\x85": "ligne suivante",
    "\u00a0": "espace insécable", "\u202f": "espace fine insécable", "\u2007": "espace numérique",
    "\u2009": "espace fine", "\u200a": "espace ultrafine", "\u3000": "espace idéographique",
    "\u200b": "espace de largeur nulle", "\u200c": "antiliant sans chasse", "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots", "\ufeff": "espace insécable de largeur nulle", "\u00ad": "trait d'union conditionnel",
    "\u2028": "séparateur de ligne", "\u2029": "séparateur de paragraphe",
    "\u2019": "apostrophe courbe", "\u2018": "apostrophe courbe ouvrante", "\u02bc": "apostrophe modificative",
    "\u00b4": "accent aigu seul", "\u201c": "guillemet anglais ouvrant", "\u201d": "guillemet anglais fermant",
    "\u00ab": "guillemet français ouvrant", "\u00bb": "guillemet français fermant",
    "\u2010": "trait d'union typographique", "\u2011": "trait d'union insécable", "\u2012": "tiret numérique",
    "\u2013": "tiret demi-cadratin", "\u2014": "tiret cadratin", "\u2212": "signe moins",
}
# What each look-alike stands for; a letter of another alphabet that looks Latin, its Latin twin.
_LOOKALIKES = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    **dict(zip("асеіјорѕухԁԛԝАВСЕНІЈКМОРЅТХУ", "aceijopsyxdqwABCEHIJKMOPSTXY")),  # Cyrillic
    **dict(zip("αοντΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aovtABEZHIKMNOPTYX")),  # Greek
}
_QUOTES = "«»“”„‟‹›\"'‘’"


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


def name(char: str) -> str:
    """French name of a character: « espace insécable », « lettre cyrillique « т » »…"""
    if char in _NAMES:
        return _NAMES[char]
    if char in DIRECTION:
        return "contrôle du sens d'écriture"
    if char in SPACES:
        return "espace spéciale"
    category = unicodedata.category(char)
    if category == "Cc":
        return "caractère de contrôle"
    if category == "Mn":
        return "accent séparé de sa lettre"
    if category.startswith("L"):
        alphabet = unicodedata.name(char, "").split(" ")[0]
        word = {"CYRILLIC": "cyrillique", "GREEK": "grecque"}.get(alphabet)
        return f"lettre {word} {char}" if word else f"lettre {char}"
    if category in ("Cf", "Zl", "Zp"):
        return "caractère invisible"
    return f"caractère « {char} »"


def describe(char: str) -> str:
    """« espace insécable » (U+00A0): how every message names a character."""
    return f"« {name(char)} » ({code(char)})"


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def shown(text: str) -> str:
    """`text` as a message may print it: a control or invisible character becomes [U+001B]."""
    if text.isprintable():
        return text
    return "".join(f"[{code(c)}]" if _hidden(c) else c for c in text)


def forbidden(text: str) -> tuple[int, str] | None:
    """The first character no record may hold, and where: a control character (a line break excepted,
    which a block text holds) or a direction character."""
    if text.isprintable():  # most texts; every character refused here is unprintable
        return None
    for index, char in enumerate(text):
        if (unicodedata.category(char) == "Cc" and char != "\n") or char in DIRECTION or char in "\u2028\u2029":
            return index, char
    return None


def where(text: str, index: int) -> str:
    """« au début », « à la fin », « après « Collectivit » »: where a character is, in words."""
    if index == 0:
        return "au début"
    if index >= len(text) - 1:
        return "à la fin"
    before = text[max(0, index - 20):index].lstrip()
    return f"après « {'…' if index > 20 else ''}{shown(before)} »"


def _fold(char: str) -> str:
    """What a character stands for when someone typed it by mistake for an ordinary one."""
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    if char in SPACES:
        return " "
    if char in ZERO_WIDTH or _hidden(char):
        return ""
    return char


def fold(text: str) -> str:
    """`text` as it was meant: composed accents, ordinary spaces and apostrophes, Latin letters, nothing
    invisible."""
    return unicodedata.normalize("NFC", "".join(_fold(c) for c in unicodedata.normalize("NFC", text)))


def _fix(char: str) -> str:
    meant = _fold(char)
    if unicodedata.category(char) == "Mn":
        return "retapez la lettre accentuée au clavier"
    if meant == "":
        return "effacez ce caractère"
    if meant == " ":
        return "tapez une espace ordinaire à la place"
    if meant.isalpha():
        return f"elle ressemble à « {meant} » sans en être un : retapez la lettre au clavier"
    return f"tapez « {meant} » à la place"


def suspects(text: str) -> list[int]:
    """Positions of the characters of `text` that are not what they look like."""
    decomposed = unicodedata.normalize("NFC", text) != text
    return [i for i, c in enumerate(text)
            if _fold(c) != c or (decomposed and unicodedata.category(c) == "Mn")]


def differences(text: str) -> str:
    """Each character of `text` that is not what it looks like, named with where it is and what to do:
    « « espace de largeur nulle » (U+200B) au début : effacez ce caractère »; empty when there is none."""
    return " ; ".join(f"{describe(text[i])} {where(text, i)} : {_fix(text[i])}" for i in suspects(text))


def unquoted(text: str) -> str | None:
    """The value inside typographic quotes (« 2025-03-07 », “12”), or None if it is not so quoted."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in _QUOTES and stripped[-1] in _QUOTES and (
            stripped[0] not in "\"'" or stripped[-1] not in "\"'"):
        return stripped[1:-1].strip(" \u00a0\u202f")
    return None
