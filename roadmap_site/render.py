"""Stage 5 of the engine, render: model objects to HTML with the Jinja templates of roadmap_site/templates/.

Autoescaping is on: text typed in YAML reaches the page as text, never as HTML, and it is never parsed
as a template or as Markdown (it is a value, not source). Headings carry their ids; `outline` lists them so
that the glue can give the theme its table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import address
from .formatting import FILTERS
from .page_sources import PageSources
from .slug import anchor
from .tables import label_cells

TEMPLATES = Path(__file__).parent / "templates"


_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Templates compiled once, not at every build: Jinja's cache in the user's temporary folder, keyed by each
    # template's text (a changed template is compiled again).
    bytecode_cache=FileSystemBytecodeCache(),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# A data or schema file named in a text (« data/vocabulaires/axes.yml », « <identifiant>.yml », « .yml »).
_FILE_NAME = re.compile(r"(?<![\w/<>.-])(?:[\w<>-]+/)*[\w<>.-]*\.(?:yml|yaml|json|csv|atom)\b")


def code_files(text: str) -> Markup:
    """`text` with each file name in it marked as code, as the contributor guide shows them: a path is typed
    as it is written, never read as a sentence (nor given French spacing)."""
    out: list[str] = []
    start = 0
    for match in _FILE_NAME.finditer(str(text)):
        out += (escape(text[start:match.start()]), Markup("<code>%s</code>") % match.group())
        start = match.end()
    out.append(escape(text[start:]))
    return Markup("").join(out)


_env.filters.update(FILTERS, ancre=anchor, code_fichiers=code_files)
_env.globals["adresses"] = address  # the addresses of the hand-written pages the templates link to


def render(template: str, page_url: str, site_url: str | None = None, **context) -> str:
    """Render `template` for the page at `page_url`; `lien(url)` makes site URLs relative to it,
    `adresse_publique(url)` absolute (roadmap_site.address); `sources` gathers what the page cites of the
    register for its closed « Sources » disclosure (roadmap_site.page_sources). Its tables come out labelled
    for narrow screens (roadmap_site.tables)."""
    return label_cells(_env.get_template(template).render(
        lien=lambda target: address.relative(target, page_url),
        adresse_publique=lambda target: address.public(target, site_url),
        sources=PageSources(), **context))


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


_HEADING = re.compile(r"<h([1-3])(\s[^>]*)?>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def outline(html: str) -> tuple[Heading, ...]:
    """The h1-h3 headings that have an id, with their text (tags inside them left out, entities read).

    Regular expressions rather than an HTML parser: it runs on every page of the site, whose HTML is the
    engine's, Markdown's or the theme's, never hand-typed tag soup."""
    headings = []
    for match in _HEADING.finditer(html):
        found = _ID.search(match.group(2) or "")
        ident = next((g for g in found.groups() if g is not None), "") if found else ""
        if ident:
            text = " ".join(unescape(_TAG.sub("", match.group(3))).split())
            headings.append(Heading(int(match.group(1)), unescape(ident), text))
    return tuple(headings)


# Blank lines and indentation between tags (a third of a theme page's bytes), except where white space shows.
_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_LAYOUT = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    """`html` with each line break followed by blank lines or indentation reduced to the line break alone:
    a browser shows the same page (outside pre, textarea, script and style, which are kept whole, a run of
    white space counts as one space); no-break spaces are content and are kept."""
    parts: list[str] = []
    start = 0
    for kept in _KEPT.finditer(html):
        parts += (_LAYOUT.sub("\n", html[start:kept.start()]), kept.group())
        start = kept.end()
    parts.append(_LAYOUT.sub("\n", html[start:]))
    return "".join(parts)
