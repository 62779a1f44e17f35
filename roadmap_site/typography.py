"""French typographic spacing of a finished HTML page: the space typed before `; : ! ?`, inside « » and in a
number followed by its unit made non-breaking, so that a punctuation mark or a unit never wraps alone to the
next line.

Applied once to each page as it is written (the glue passes every finished page through `french`: the
engine's, the hand-written ones and the theme's text around them), never to the records, the search index or
the open data files, which keep plain text.

Which space: U+202F, the narrow no-break space (« espace fine insécable »), before `; ! ?` and between the
groups of digits of a number; U+00A0, the no-break space, before `:`, inside « » and before a unit. These
are the Imprimerie nationale's rules, and the engine's numbers already have them (roadmap_site/formatting.py, from
Babel's CLDR data: « 5 000 € » is 5, U+202F, 000, U+00A0, €): text typed by hand looks like the engine's.
One space everywhere (U+00A0) would be simpler but wider than French wants before `; ! ?`.

Rules, kept few so that they are safe:
- a space is never added, only the one typed made non-breaking (a run of white space, line breaks included,
  becomes one space): `10:30`, `http://x`, `?q=1`, `50%` stay as typed. Except inside « », which no address
  or code holds: `«mot»` gets its spaces;
- text only: never inside a tag (attributes hold addresses and values; `title`, `alt` and `aria-label` are
  not laid out in lines, they are left as typed too), a comment, or the content of `pre`, `code`, `kbd`,
  `samp`, `script`, `style`, `textarea`;
- inline tags between a space and its mark (`</a> :`, `</span> <span>:`) are looked through; any other tag
  (a paragraph, a cell) ends the search.

Speed: one regular expression reads the page, each tag and each run of text in one step, and stops only
where a rule applies; Python runs there alone (a few dozen places a page). About 0.3 ms a page, 2 % of the
build of the real site.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space

_SPACE_CHARS = " \t\r\n\f\u00a0\u202f"
_SPACE_ENTITIES = ("&nbsp;", "&#160;", "&#xa0;")
_SPACE = r"(?:[ \t\r\n\f\u00a0\u202f]|&nbsp;|&\#160;|&\#xa0;)"  # typed, or as an entity
_ORDINARY = re.compile(r"[ \t\r\n\f]")  # HTML's white space, where a browser may break a line
_INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
           "small", "span", "strong", "sub", "sup", "time", "u", "var")
_TAG = rf"</?(?:{'|'.join(_INLINE)})(?:\s[^<>]*)?>"  # an inline tag: the line of text goes on
_RAW = ("pre", "code", "kbd", "samp", "script", "style", "textarea")
# Units written after a number (a counted noun, « 22 fiches », is left as typed).
_UNITS = ("%", "‰", "€", "k€", "M€", "ETP", "km", "km²", "m", "m²", "ha", "kg", "h", "min",
          "Ko", "Mo", "Go", "To")
_UNIT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_IN_TEXT = r"(?=[^<>]*(?:<|\Z))"  # the next tag comes before any `>`: not in an attribute holding a `>`

_RULE = "|".join([
    r"(?<=[ \t\r\n\f\u00a0\u202f;>])[;:!?]",  # after a space, a space entity or a tag
    r"»|&raquo;|&\#187;|&\#xbb;",
    rf"(?:«|&laquo;|&\#171;|&\#xab;)(?:{_TAG}|{_SPACE})*",
    # 5 000, 5 000 €, 14,8 %: a number, its groups of three digits, a unit
    rf"""\d(?:(?<![\w.,]\d)\d{{0,2}}(?:{_SPACE}\d{{3}})+(?!\d)(?:{_SPACE}+(?:{_UNIT})(?!\w))?
             |{_SPACE}+(?:{_UNIT})(?!\w))""",
])
_KEPT = "|".join([*(rf"<(?i:{name})\b.*?</(?i:{name})\s*>" for name in _RAW), "<!--.*?-->"])  # kept whole
# Each match is what the page holds up to the next place a rule applies (text, tags, elements kept whole),
# then that place (the group "rule"); the last one ends the page without a rule. The first part never gives
# back what it read (atomic group): a page is read once.
_PATTERN = re.compile(
    rf"""(?>(?:[^<;:!?»«&0-9]+
              |{_KEPT}
              |<[^>]*>
              |(?!(?:{_RULE}){_IN_TEXT}).)*)
         (?:(?P<rule>{_RULE}){_IN_TEXT}|\Z)""",
    re.DOTALL | re.VERBOSE,
)
_OPEN = re.compile(r"«|&laquo;|&#171;|&#xab;")
_NUMBER = re.compile(rf"(\d+(?:{_SPACE}\d{{3}})*)({_SPACE}+)?(.*)", re.DOTALL | re.VERBOSE)
_PARTS = re.compile(rf"{_TAG}|{_SPACE}+", re.VERBOSE)
_INLINE_TAG = re.compile(_TAG)
_GROUP_SPACE = re.compile(_SPACE, re.VERBOSE)


def _gap_start(html: str, end: int, floor: int) -> int:
    """Where the spaces and inline tags that end at `end` begin (not before `floor`)."""
    i = end
    while i > floor:
        if html[i - 1] in _SPACE_CHARS:
            i -= 1
        elif html[i - 1] == ";" and html.endswith(_SPACE_ENTITIES, floor, i):
            i = html.rindex("&", floor, i)
        elif html[i - 1] == ">" and (j := html.rfind("<", floor, i)) >= 0 and _INLINE_TAG.fullmatch(html, j, i):
            i = j
        else:
            break
    return i


def _spaced(gap: str, space: str, missing: str | None = None) -> str:
    """`gap` (inline tags and spaces) with its spaces made one `space`, where the first of them was; as typed
    when none is a breaking space; `missing`: what to write instead when it has no space at all."""
    if gap == " ":  # most often
        return space
    parts = _PARTS.findall(gap)
    spaces = [part for part in parts if not part.startswith("<")]
    if not spaces:
        return gap if missing is None else missing
    if not any(_ORDINARY.search(part) for part in spaces):
        return gap
    kept = [part for part in parts if part.startswith("<")]
    kept.insert(parts.index(spaces[0]), space)
    return "".join(kept)


def _edit(html: str, start: int, end: int, floor: int) -> tuple[int, str]:
    """The place where a rule applies, html[start:end], as (where the text to replace begins, not before
    `floor`, and what replaces it up to `end`)."""
    text = html[start:end]
    if text[0] in ";:!?»" or (text[0] == "&" and not _OPEN.match(text)):  # mot ; mot : mot »
        begin = _gap_start(html, start, floor)
        gap = html[begin:start]
        closing = text[0] not in ";:!?"
        return begin, _spaced(gap, NNBSP if text in ";!?" else NBSP, gap + NBSP if closing else None) + text
    if opening := _OPEN.match(text):  # « mot
        inside = text[opening.end():]
        return start, opening.group() + _spaced(inside, NBSP, NBSP + inside)
    number_match = _NUMBER.fullmatch(text)
    assert number_match is not None  # the last branch of _PATTERN: what is left is a number
    number, space, unit = number_match.groups()  # 5 000 €, 14,8 %
    if _ORDINARY.search(number):
        number = NNBSP.join(_GROUP_SPACE.split(number))
    return start, number + (_spaced(space, NBSP) + unit if unit else "")


def french(html: str) -> str:
    """`html` with French spacing in its text (see the module's docstring); the same page when applied twice."""
    parts: list[str] = []
    written = 0
    for match in _PATTERN.finditer(html):
        if match["rule"] is not None:
            begin, text = _edit(html, match.start("rule"), match.end("rule"), written)
            parts += (html[written:begin], text)
            written = match.end("rule")
    parts.append(html[written:])
    return "".join(parts)
